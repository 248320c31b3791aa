// The one way to read a platform secret: the read is recorded first
// (tenant.platform_credentials_accessed), then the secret is decrypted and returned. If the
// record cannot be appended, the secret is not read: there is no unaudited access.
import type { CredentialVault, VaultSecret } from '../connectors/credentials/port.ts';
import type { Actor } from '../domain/shared/envelope.ts';
import { isDomainError, refuse, type DomainError } from '../domain/shared/errors.ts';
import type { Platform } from '../domain/shared/values.ts';
import { tenantStream } from '../domain/streams.ts';
import { tenantAggregate, type WriteSide } from './aggregates.ts';
import { newCommandId } from './eventIds.ts';
import { loadStream } from './loadStream.ts';
import { sendCommand } from './sendCommand.ts';

export interface CredentialUse {
  readonly tenantId: string;
  readonly platform: Platform;
  readonly accountId: string;
  readonly purpose: string; // a short code: performance_sync, launch…
  readonly actor: Actor; // a system actor: only the system may read secrets
  readonly correlationId?: string | undefined;
}

const missing = (use: CredentialUse, why: string): DomainError =>
  refuse('credentials.missing', `Tenant ${use.tenantId} has no usable ${use.platform} credentials for account ${use.accountId}: ${why}`, {
    tenantId: use.tenantId,
    platform: use.platform,
    accountId: use.accountId,
  });

// A rotation between reading the version and recording the access makes the record stale;
// one more try reads the new version.
const ATTEMPTS = 2;

export async function useCredential(w: WriteSide, vault: CredentialVault, use: CredentialUse): Promise<VaultSecret | DomainError> {
  for (let attempt = 1; ; attempt++) {
    const tenant = await loadStream(w.store, tenantStream(use.tenantId), tenantAggregate, w.folds.tenant);
    if (isDomainError(tenant)) return tenant;
    const current = tenant.state.credentials[use.platform];
    if (!current || current.accountId !== use.accountId) return missing(use, 'none are stored');
    const recorded = await sendCommand(w, {
      type: 'tenant.record_credential_access',
      tenantId: use.tenantId,
      commandId: newCommandId(),
      data: { platform: use.platform, accountId: use.accountId, purpose: use.purpose, version: current.version },
      actor: use.actor,
      ...(use.correlationId ? { correlationId: use.correlationId } : {}),
    });
    if (isDomainError(recorded)) {
      if (recorded.code === 'tenant.credentials_stale_version' && attempt < ATTEMPTS) continue;
      return recorded.code === 'tenant.credentials_not_stored' ? missing(use, 'they were removed') : recorded;
    }
    const secret = await vault.get({ tenantId: use.tenantId, platform: use.platform, accountId: use.accountId }, current.version);
    return secret ?? missing(use, `the vault no longer holds version ${current.version}`);
  }
}
