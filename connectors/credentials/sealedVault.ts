// The vault's behaviour once, over any table of sealed rows: SQLite and MongoDB only say how
// rows are numbered, found and destroyed; sealing, opening and refusals are the same.
import type { DomainError } from '../../domain/shared/errors.ts';
import { open, seal, type Sealed, type VaultKey } from './cipher.ts';
import { credentialsUnreadable, type CredentialRef, type CredentialVault } from './port.ts';

export interface SealedRow extends Sealed {
  readonly version: number;
}

export interface SealedRows {
  // Writes make(n) as version n = one past the highest version the ref ever had, atomically.
  insertNext(ref: CredentialRef, make: (version: number) => Sealed): Promise<number>;
  // The given version, or the newest, among rows whose ciphertext still exists.
  read(ref: CredentialRef, version?: number): Promise<SealedRow | undefined>;
  destroy(ref: CredentialRef, version?: number): Promise<void>;
  // How many live ciphertexts were sealed under a key other than `keyId`.
  countOtherKeys(keyId: string): Promise<number>;
  close(): Promise<void>;
}

export function sealedVault(rows: SealedRows, key: VaultKey): CredentialVault {
  return {
    put: (ref, secret) => rows.insertNext(ref, (version) => seal(key, ref, version, secret)),
    async get(ref, version) {
      const row = await rows.read(ref, version);
      if (!row) return undefined;
      const secret = open(key, ref, row.version, row);
      return typeof secret === 'string' ? { secret, version: row.version } : credentialsUnreadable(ref, secret.unreadable);
    },
    remove: (ref, version) => rows.destroy(ref, version),
    async probe(): Promise<DomainError | undefined> {
      const other = await rows.countOtherKeys(key.id);
      if (other === 0) return undefined;
      return {
        kind: 'unavailable',
        code: 'credentials.unreadable',
        message: `${other} stored credential(s) were encrypted with a key other than the configured one (${key.id}); check CREDENTIALS_KEY`,
        details: { count: other, keyId: key.id },
      };
    },
    close: () => rows.close(),
  };
}
