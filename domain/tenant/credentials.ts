import { z } from 'zod';
import { platformSchema } from '../shared/values.ts';

// Platform credentials as the log knows them: which secret (platform, account, kind) and
// which vault version of it, never the secret itself. The secret lives in the credential
// vault (connectors/credentials), encrypted; these events are its metadata and its audit.

export const credentialKindSchema = z.enum(['oauth_refresh_token', 'system_user_token', 'developer_token']);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

// The vault numbers the versions of one (tenant, platform, account) secret from 1.
export const vaultVersionSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// Why a secret was read, as a short code ("performance_sync"): an audit line, never free text
// that a caller might paste a token into.
export const accessPurposeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'Expected a short purpose code such as performance_sync or launch');

const account = { platform: platformSchema, accountId: z.string().min(1).max(100) };

export const credentialEventSchemas = {
  'tenant.platform_credentials_stored': z.strictObject({ ...account, kind: credentialKindSchema, version: vaultVersionSchema }),
  'tenant.platform_credentials_rotated': z.strictObject({ ...account, version: vaultVersionSchema, previousVersion: vaultVersionSchema }),
  // Carries the version that was current, so history says which secret stopped being used.
  'tenant.platform_credentials_removed': z.strictObject({ ...account, version: vaultVersionSchema }),
  'tenant.platform_credentials_accessed': z.strictObject({ ...account, purpose: accessPurposeSchema, version: vaultVersionSchema }),
} satisfies Record<string, z.ZodType>;

export const credentialCommandSchemas = {
  'tenant.store_platform_credentials': credentialEventSchemas['tenant.platform_credentials_stored'],
  'tenant.rotate_platform_credentials': z.strictObject({ ...account, version: vaultVersionSchema }),
  'tenant.remove_platform_credentials': z.strictObject(account),
  'tenant.record_credential_access': credentialEventSchemas['tenant.platform_credentials_accessed'],
} satisfies Record<string, z.ZodType>;

// What the tenant remembers of a platform's credentials: metadata only.
export interface StoredCredentials {
  readonly accountId: string;
  readonly kind: CredentialKind;
  readonly version: number;
  readonly storedAt: string;
  readonly storedBy: string;
  readonly lastRotatedAt?: string;
  readonly lastAccess?: { readonly at: string; readonly by: string; readonly purpose: string; readonly version: number };
}
