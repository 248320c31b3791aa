// Who may touch platform credentials, and what is refused — each refusal appends nothing
// and leaves no secret behind in the vault.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeSide } from '../../commands/aggregates.ts';
import { useCredential } from '../../commands/useCredential.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { CredentialVault } from '../../connectors/credentials/port.ts';
import { storeUnavailable } from '../../domain/shared/storeFaults.ts';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { thenRefused } from '../support/then.ts';
import { assertError, openApi, send, tenantSteps, withoutAppending, type Api } from './http.ts';
import { ACCOUNT, aSecret, credentialsUrl, del, post, sync } from './credentials.ts';

const t = suite<{ api: Api }>('e2e credentials: refusals and scope');
const ref = { tenantId: 'acme', platform: 'google_ads', accountId: ACCOUNT } as const;
const store = (secret = aSecret('s')) => ({ platform: 'google_ads', accountId: ACCOUNT, kind: 'oauth_refresh_token', secret });

t.before(async (ctx) => {
  ctx.api = await openApi({ vault: true });
  await send(ctx.api, tenantSteps);
  await send(ctx.api, tenantSteps.slice(0, 1), 'beta');
});
t.after(async (ctx) => ctx.api?.close());

t('given an agency user or a client viewer, when they store credentials, then it is 403 and nothing is written', async ({ api }) => {
  for (const actor of [planner, viewer]) assertError(await withoutAppending(api, () => post(api, actor, credentialsUrl(), store())), 403, 'auth.forbidden');
  assert.is(await api.vault!.get(ref), undefined);
});

t('given a client admin of acme, when they touch beta\'s credentials, then beta does not exist for them', async ({ api }) => {
  assertError(await withoutAppending(api, () => post(api, approver, credentialsUrl('beta'), store())), 404, 'tenant.not_found');
  assertError(await api.get(approver, credentialsUrl('beta')), 404, 'tenant.not_found');
  assertError(await del(api, approver, `${credentialsUrl('beta')}/google_ads/${ACCOUNT}`), 404, 'tenant.not_found');
});

t('given an account that is not linked, when credentials are stored, then it is 422 and the vault version is erased again', async ({ api }) => {
  const res = await withoutAppending(api, () => post(api, admin, credentialsUrl(), { ...store(), platform: 'meta', accountId: 'act_1', kind: 'system_user_token' }));
  assertError(res, 422, 'tenant.account_not_linked');
  assert.is(await api.vault!.get({ tenantId: 'acme', platform: 'meta', accountId: 'act_1' }), undefined);
});

t('given bad bodies, then each is a 400 in the error shape: empty secret, unknown kind, an extra field', async ({ api }) => {
  for (const body of [store(''), { ...store(), kind: 'password' }, { ...store(), note: 'x' }, { platform: 'google_ads', accountId: ACCOUNT }]) {
    assertError(await withoutAppending(api, () => post(api, admin, credentialsUrl(), body)), 400);
  }
});

t('given the generic command route, then credential commands are refused there: the log must never name a version the vault lacks', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'tenant.store_platform_credentials', { tenantId: 'acme', data: { ...store(), secret: undefined, version: 7 } }));
  assertError(res, 400, 'command.use_credentials_route');
  assertError(await api.command(approver, 'tenant.rotate_platform_credentials', { tenantId: 'beta', data: {} }), 404, 'tenant.not_found');
});

t('given stored credentials, then storing again is 409, unlinking is refused, and rotate of nothing elsewhere is 422', async ({ api }) => {
  assert.is((await post(api, admin, credentialsUrl(), store())).statusCode, 201);
  assertError(await withoutAppending(api, () => post(api, admin, credentialsUrl(), store())), 409, 'tenant.credentials_already_stored');
  assert.is(((await api.vault!.get(ref)) as { version?: number } | undefined)?.version, 1, 'the refused second version was erased');
  assertError(await api.command(admin, 'tenant.unlink_platform_account', { tenantId: 'acme', data: { platform: 'google_ads' } }), 422, 'tenant.credentials_still_stored');
  assertError(await post(api, admin, `${credentialsUrl('beta')}/rotate`, { platform: 'google_ads', accountId: ACCOUNT, secret: aSecret('r') }), 422, 'tenant.account_not_linked');
});

t('given a rotation repeated with the same commandId but another secret, then it is 409 command.id_reused and the extra vault version is erased', async ({ api }) => {
  const rotate = (secret: string) => post(api, admin, `${credentialsUrl()}/rotate`, { platform: 'google_ads', accountId: ACCOUNT, secret, commandId: 'rotate-once-0001' });
  const first = await rotate(aSecret('r1'));
  assert.is(first.statusCode, 201, first.body);
  const version = (first.json() as { version: number }).version;
  assertError(await withoutAppending(api, () => rotate(aSecret('r2'))), 409, 'command.id_reused');
  assert.is(((await api.vault!.get(ref)) as { version?: number } | undefined)?.version, version, 'the repeat left no newer version');
  assert.is(await api.vault!.get(ref, version + 1), undefined);
  assert.is(await api.vault!.get(ref, 1), undefined, 'the rotated-away version was erased');
});

t('given a person, not the system, when they try to read a secret, then it is forbidden and the vault is not read', async ({ api }) => {
  const vault = spied(api.vault!);
  thenRefused(await useCredential(writeSide(api.store), vault, { ...ref, purpose: 'launch', actor: admin }), 'command.forbidden', 'forbidden');
  assert.is(vault.reads, 0);
});

t('given a log that cannot append, when the system reads a secret, then no secret is returned: no unaudited access', async ({ api }) => {
  const failing: EventStore = { ...api.store, append: async () => ({ ok: false, error: storeUnavailable('event store') }) };
  const vault = spied(api.vault!);
  const used = await useCredential(writeSide(failing), vault, { ...ref, purpose: 'launch', actor: sync });
  thenRefused(used, 'store.unavailable', 'unavailable');
  assert.is(vault.reads, 0);
});

function spied(vault: CredentialVault): CredentialVault & { reads: number } {
  const spy = { ...vault, reads: 0 };
  spy.get = async (...args) => (spy.reads++, vault.get(...args));
  return spy;
}

t.run();
