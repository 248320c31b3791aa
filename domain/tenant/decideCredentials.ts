// The rules about platform credentials. The secret never reaches here: commands name the
// vault version the write side stored (commands/credentials.ts), and these rules decide
// whether the log may point at it.
import type { DomainEvent } from '../shared/envelope.ts';
import { conflict, refuse, type DomainError } from '../shared/errors.ts';
import type { Platform } from '../shared/values.ts';
import type { TenantCommand } from './commands.ts';
import type { credentialEventSchemas, StoredCredentials } from './credentials.ts';
import type { TenantEvent } from './events.ts';
import type { TenantState } from './state.ts';

type CredentialCommand = Extract<
  TenantCommand,
  { type: 'tenant.store_platform_credentials' | 'tenant.rotate_platform_credentials' | 'tenant.remove_platform_credentials' | 'tenant.record_credential_access' }
>;

function linkedAccount(tenant: TenantState, platform: Platform, accountId: string): DomainError | undefined {
  const linked = tenant.accounts[platform];
  if (linked?.accountId === accountId) return undefined;
  const now = linked ? ` (its ${platform} account is ${linked.accountId})` : '';
  return refuse('tenant.account_not_linked', `Tenant ${tenant.id} has no ${platform} account ${accountId} linked${now}; link it first`, { platform, accountId });
}

function stored(tenant: TenantState, platform: Platform, accountId: string): StoredCredentials | DomainError {
  const current = tenant.credentials[platform];
  if (current?.accountId === accountId) return current;
  return refuse('tenant.credentials_not_stored', `Tenant ${tenant.id} has no credentials stored for ${platform} account ${accountId}`, { platform, accountId });
}

const isError = (value: StoredCredentials | DomainError): value is DomainError => 'code' in value;

export function decideCredentials(command: CredentialCommand, tenant: TenantState): readonly TenantEvent[] | DomainError {
  const { platform, accountId } = command.data;
  switch (command.type) {
    case 'tenant.store_platform_credentials': {
      const notLinked = linkedAccount(tenant, platform, accountId);
      if (notLinked) return notLinked;
      const current = tenant.credentials[platform];
      if (current) return conflict('tenant.credentials_already_stored', `Tenant ${tenant.id} already has ${platform} credentials (version ${current.version}); rotate them instead`, { platform, accountId, version: current.version });
      return [{ type: 'tenant.platform_credentials_stored', data: command.data }];
    }
    case 'tenant.rotate_platform_credentials': {
      const notLinked = linkedAccount(tenant, platform, accountId);
      if (notLinked) return notLinked;
      const current = stored(tenant, platform, accountId);
      if (isError(current)) return current;
      if (command.data.version <= current.version) return staleVersion(tenant, platform, command.data.version, current.version);
      return [{ type: 'tenant.platform_credentials_rotated', data: { platform, accountId, version: command.data.version, previousVersion: current.version } }];
    }
    case 'tenant.remove_platform_credentials': {
      const current = stored(tenant, platform, accountId);
      if (isError(current)) return current;
      return [{ type: 'tenant.platform_credentials_removed', data: { platform, accountId, version: current.version } }];
    }
    case 'tenant.record_credential_access': {
      const current = stored(tenant, platform, accountId);
      if (isError(current)) return current;
      // A read of a version that was rotated away in the meantime is not recorded as current.
      if (command.data.version !== current.version) return staleVersion(tenant, platform, command.data.version, current.version);
      return [{ type: 'tenant.platform_credentials_accessed', data: command.data }];
    }
  }
}

const staleVersion = (tenant: TenantState, platform: Platform, asked: number, current: number): DomainError =>
  conflict('tenant.credentials_stale_version', `Tenant ${tenant.id}'s ${platform} credentials are at version ${current}, not ${asked}`, { platform, version: asked, current });

// Unlinking an account whose credentials are still stored is refused: removing them deletes a
// secret from the vault, which only the write side can do (DELETE …/platform-credentials).
export function unlinkBlockedByCredentials(tenant: TenantState, platform: Platform): DomainError | undefined {
  const current = tenant.credentials[platform];
  if (!current) return undefined;
  return refuse('tenant.credentials_still_stored', `Tenant ${tenant.id} still has ${platform} credentials for account ${current.accountId}; remove them before unlinking`, { platform, accountId: current.accountId });
}

type CredentialEvent = Extract<TenantEvent, { type: keyof typeof credentialEventSchemas }>;

export function evolveCredentials(state: TenantState, event: DomainEvent<CredentialEvent>): TenantState {
  const { platform, accountId, version } = event.data;
  const { recordedAt: at, actor } = event.metadata;
  const current = state.credentials[platform];
  const put = (next: StoredCredentials): TenantState => ({ ...state, credentials: { ...state.credentials, [platform]: next } });
  switch (event.type) {
    case 'tenant.platform_credentials_stored':
      return put({ accountId, kind: event.data.kind, version, storedAt: at, storedBy: actor.id });
    case 'tenant.platform_credentials_rotated':
      return current ? put({ ...current, version, lastRotatedAt: at }) : state;
    case 'tenant.platform_credentials_removed': {
      const { [platform]: _removed, ...credentials } = state.credentials;
      return { ...state, credentials };
    }
    case 'tenant.platform_credentials_accessed':
      return current ? put({ ...current, lastAccess: { at, by: actor.id, purpose: event.data.purpose, version } }) : state;
  }
}
