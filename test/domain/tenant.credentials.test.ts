import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commandRoles } from '../../commands/commandRoles.ts';
import type { TenantEvent } from '../../domain/tenant/index.ts';
import { given } from './given.ts';
import { linked, tenantCreated } from './fixtures.ts';

const system = { type: 'system', id: 'performance-sync', role: 'system' } as const;
const stored = (version = 1, accountId = 'act_42'): TenantEvent => ({
  type: 'tenant.platform_credentials_stored',
  data: { platform: 'meta', accountId, kind: 'system_user_token', version },
});
const rotated = (version: number, previousVersion: number): TenantEvent => ({
  type: 'tenant.platform_credentials_rotated',
  data: { platform: 'meta', accountId: 'act_42', version, previousVersion },
});
const store = (data: Partial<{ accountId: string; version: number }> = {}) =>
  ({ type: 'tenant.store_platform_credentials', data: { platform: 'meta', accountId: 'act_42', kind: 'system_user_token', version: 1, ...data } }) as const;
const access = (version: number) =>
  ({ type: 'tenant.record_credential_access', data: { platform: 'meta', accountId: 'act_42', purpose: 'performance_sync', version }, actor: system }) as const;

const t = suite('tenant: platform credentials');

t('given a linked account, when credentials are stored, then only the kind and the vault version are recorded', () =>
  given(tenantCreated, linked('meta', 'act_42'))
    .when(store())
    .then({ type: 'tenant.platform_credentials_stored', data: { platform: 'meta', accountId: 'act_42', kind: 'system_user_token', version: 1 } }));

t('given no account linked, when credentials are stored, then it is refused naming the platform', () =>
  given(tenantCreated).when(store()).thenRefused('tenant.account_not_linked', 'refused', /no meta account act_42/));

t('given another account linked on the platform, when credentials are stored for act_99, then it is refused naming the linked one', () =>
  given(tenantCreated, linked('meta', 'act_42')).when(store({ accountId: 'act_99' })).thenRefused('tenant.account_not_linked', 'refused', /act_42/));

t('given stored credentials, when stored again, then it is a conflict that says to rotate', () =>
  given(tenantCreated, linked('meta', 'act_42'), stored()).when(store({ version: 2 })).thenRefused('tenant.credentials_already_stored', 'conflict', /rotate/));

t('given a command carrying a secret field, when it is parsed, then it is invalid: commands carry versions only', () =>
  given(tenantCreated, linked('meta', 'act_42'))
    .when({ type: 'tenant.store_platform_credentials', data: { platform: 'meta', accountId: 'act_42', kind: 'system_user_token', version: 1, secret: 'EAAB-token' } } as never)
    .thenRefused('command.invalid', 'invalid'));

t('given stored credentials, when rotated to a newer version, then the previous version is recorded', () =>
  given(tenantCreated, linked('meta', 'act_42'), stored(1))
    .when({ type: 'tenant.rotate_platform_credentials', data: { platform: 'meta', accountId: 'act_42', version: 2 } })
    .then(rotated(2, 1)));

t('given nothing stored, when rotated, then it is refused', () =>
  given(tenantCreated, linked('meta', 'act_42'))
    .when({ type: 'tenant.rotate_platform_credentials', data: { platform: 'meta', accountId: 'act_42', version: 2 } })
    .thenRefused('tenant.credentials_not_stored', 'refused'));

t('given version 2 is current, when rotated to version 2 or 1, then it is a stale-version conflict', () => {
  for (const version of [1, 2]) {
    given(tenantCreated, linked('meta', 'act_42'), stored(1), rotated(2, 1))
      .when({ type: 'tenant.rotate_platform_credentials', data: { platform: 'meta', accountId: 'act_42', version } })
      .thenRefused('tenant.credentials_stale_version', 'conflict');
  }
});

t('given stored and rotated credentials, then the state keeps metadata only: kind, version, who and when', () =>
  given(tenantCreated, linked('meta', 'act_42'), { ...stored(1), actor: 'ana', recordedAt: '2026-01-05T10:00:00.000Z' })
    .when({ type: 'tenant.rotate_platform_credentials', data: { platform: 'meta', accountId: 'act_42', version: 2 } })
    .thenState((s) => {
      const meta = s.credentials.meta;
      assert.equal(Object.keys(meta ?? {}).sort(), ['accountId', 'kind', 'lastRotatedAt', 'storedAt', 'storedBy', 'version']);
      assert.equal([meta?.kind, meta?.version, meta?.storedAt, meta?.storedBy], ['system_user_token', 2, '2026-01-05T10:00:00.000Z', 'ana']);
      assert.type(meta?.lastRotatedAt, 'string');
    }));

t('given stored credentials, when the system records an access of the current version, then who, why and which version are recorded', () => {
  given(tenantCreated, linked('meta', 'act_42'), stored(1))
    .when(access(1))
    .then({ type: 'tenant.platform_credentials_accessed', data: { platform: 'meta', accountId: 'act_42', purpose: 'performance_sync', version: 1 } });
  given(tenantCreated, linked('meta', 'act_42'), stored(1))
    .when(access(1))
    .thenState((s) => assert.equal(s.credentials.meta?.lastAccess, { at: s.credentials.meta?.lastAccess?.at, by: 'performance-sync', purpose: 'performance_sync', version: 1 }));
});

t('given rotated credentials, when an access of the old version is recorded, then it is a stale-version conflict', () =>
  given(tenantCreated, linked('meta', 'act_42'), stored(1), rotated(2, 1)).when(access(1)).thenRefused('tenant.credentials_stale_version', 'conflict'));

t('given nothing stored, when an access is recorded, then it is refused', () =>
  given(tenantCreated, linked('meta', 'act_42')).when(access(1)).thenRefused('tenant.credentials_not_stored', 'refused'));

t('given a purpose that is free text, when an access is recorded, then it is invalid', () =>
  given(tenantCreated, linked('meta', 'act_42'), stored(1))
    .when({ ...access(1), data: { ...access(1).data, purpose: 'sync with token EAAB123' } })
    .thenRefused('command.invalid', 'invalid'));

t('given stored credentials, when removed, then the removed version is recorded and the state forgets them', () => {
  const remove = { type: 'tenant.remove_platform_credentials', data: { platform: 'meta', accountId: 'act_42' } } as const;
  given(tenantCreated, linked('meta', 'act_42'), stored(1), rotated(3, 1))
    .when(remove)
    .then({ type: 'tenant.platform_credentials_removed', data: { platform: 'meta', accountId: 'act_42', version: 3 } });
  given(tenantCreated, linked('meta', 'act_42'), stored(1)).when(remove).thenState((s) => assert.is(s.credentials.meta, undefined));
  given(tenantCreated, linked('meta', 'act_42')).when(remove).thenRefused('tenant.credentials_not_stored', 'refused');
});

t('given stored credentials, when the account is unlinked, then it is refused until they are removed', () => {
  given(tenantCreated, linked('meta', 'act_42'), stored(1))
    .when({ type: 'tenant.unlink_platform_account', data: { platform: 'meta' } })
    .thenRefused('tenant.credentials_still_stored', 'refused', /remove them before unlinking/);
  given(tenantCreated, linked('meta', 'act_42'), stored(1), { type: 'tenant.platform_credentials_removed', data: { platform: 'meta', accountId: 'act_42', version: 1 } })
    .when({ type: 'tenant.unlink_platform_account', data: { platform: 'meta' } })
    .then({ type: 'tenant.platform_account_unlinked', data: { platform: 'meta', accountId: 'act_42' } });
});

t('roles: the agency admin and the client admin manage credentials; only the system records a read', () => {
  for (const type of ['tenant.store_platform_credentials', 'tenant.rotate_platform_credentials', 'tenant.remove_platform_credentials'] as const) {
    assert.equal([...commandRoles[type]], ['agency-admin', 'client-admin'], type);
  }
  assert.equal([...commandRoles['tenant.record_credential_access']], ['system']);
});

t.run();
