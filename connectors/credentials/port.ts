// The credential vault: platform secrets (OAuth refresh tokens, developer tokens, Meta
// system-user tokens), encrypted at rest. The log never holds a secret; it holds the
// version the vault answered with (domain/tenant/credentials.ts). Reads go through
// commands/credentials.ts, which records each one before it returns the secret.
import type { DomainError } from '../../domain/shared/errors.ts';
import type { Platform } from '../../domain/shared/values.ts';

export interface CredentialRef {
  readonly tenantId: string;
  readonly platform: Platform;
  readonly accountId: string;
}

export interface VaultSecret {
  readonly secret: string;
  readonly version: number;
}

export interface CredentialVault {
  // Encrypts and keeps a new version (1, 2, … per ref; a number is never reused, even after remove).
  put(ref: CredentialRef, secret: string): Promise<number>;
  // The given version, or the newest; undefined when there is none; credentials.unreadable
  // when it cannot be decrypted (another key, or a ciphertext that is not this ref's).
  get(ref: CredentialRef, version?: number): Promise<VaultSecret | DomainError | undefined>;
  // Destroys the ciphertext of one version, or of every version; the version numbers stay used.
  remove(ref: CredentialRef, version?: number): Promise<void>;
  // Undefined when the store answers and every stored secret is under the configured key.
  probe(): Promise<DomainError | undefined>;
  close(): Promise<void>;
}

export const credentialsUnreadable = (ref: CredentialRef, why: string): DomainError => ({
  kind: 'unavailable',
  code: 'credentials.unreadable',
  message: `The ${ref.platform} credentials of tenant ${ref.tenantId} cannot be decrypted (${why}); check CREDENTIALS_KEY`,
  details: { tenantId: ref.tenantId, platform: ref.platform, accountId: ref.accountId },
});
