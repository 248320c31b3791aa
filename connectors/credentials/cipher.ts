// AES-256-GCM for one secret: a random 12-byte IV per write, the ref and version as
// additional authenticated data (a ciphertext copied to another tenant's row, account or
// version does not decrypt), and the key's id beside it, so a later key rotation knows
// which key each ciphertext needs.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { CredentialRef } from './port.ts';

export interface VaultKey {
  readonly id: string; // a fingerprint: says which key, reveals nothing of it
  readonly key: Buffer; // 32 bytes
}

export interface Sealed {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export const KEY_BYTES = 32;

export function vaultKey(key: Buffer): VaultKey {
  if (key.length !== KEY_BYTES) throw new Error(`A credentials key is ${KEY_BYTES} bytes, not ${key.length}`);
  return { id: `k1-${createHash('sha256').update('adledger-credentials-key-id\0').update(key).digest('hex').slice(0, 16)}`, key };
}

const aad = (ref: CredentialRef, version: number): Buffer =>
  Buffer.from(JSON.stringify(['adledger-credential', ref.tenantId, ref.platform, ref.accountId, version]), 'utf8');

export function seal(key: VaultKey, ref: CredentialRef, version: number, secret: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv).setAAD(aad(ref, version));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { keyId: key.id, iv, tag: cipher.getAuthTag(), ciphertext };
}

// The secret, or why not (a sentence for the error, never the key or the ciphertext).
export function open(key: VaultKey, ref: CredentialRef, version: number, sealed: Sealed): string | { readonly unreadable: string } {
  if (sealed.keyId !== key.id) return { unreadable: `it was encrypted with key ${sealed.keyId}, the configured key is ${key.id}` };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv).setAAD(aad(ref, version)).setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return { unreadable: 'its ciphertext does not authenticate for this tenant, account and version' };
  }
}
