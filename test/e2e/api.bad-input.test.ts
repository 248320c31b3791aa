// What a caller gets wrong: a 4xx in the {error, message, details} shape, and an unchanged log.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, viewer } from '../support/harness.ts';
import { actorHeaders, assertError, openApi, send, tenantSteps, withoutAppending, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e api: bad input is refused and appends nothing');
const create = { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' };
const json = { 'content-type': 'application/json' };

t.before(async (ctx) => {
  ctx.api = await openApi();
  await send(ctx.api, tenantSteps, 'seeded'); // a log that is not empty, so "did not grow" means something
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

const post = (api: Api, url: string, payload: string, headers: Record<string, string> = actorHeaders(admin)) =>
  api.app.inject({ method: 'POST', url, headers: { ...headers, ...json }, payload });

t('given a body that is not JSON, then 400 request.invalid', async ({ api }) => {
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', '{"tenantId": "acme", "data": {'));
  assertError(res, 400, 'request.invalid');
});

t('given a body that is a JSON array, then 400 command.invalid', async ({ api }) => {
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify([{ tenantId: 'acme', data: create }])));
  assertError(res, 400, 'command.invalid');
});

t('given an unknown top-level field, then 400 command.invalid naming the field', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'tenant.create', { tenantId: 'acme', data: create, sudo: true }));
  const body = assertError(res, 400, 'command.invalid');
  assert.match(JSON.stringify(body.details), 'sudo');
});

t('given wrong types in data, then 400 command.invalid_data whose details name each field path', async ({ api }) => {
  const data = { planId: 'winter', name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: 20270131, budgetMicros: '10' };
  const res = await withoutAppending(api, () => api.command(admin, 'plan.create', { tenantId: 'seeded', data }));
  const body = assertError(res, 400, 'command.invalid_data');
  assert.equal((body.details as { path: string }[]).map((d) => d.path).sort(), ['budgetMicros', 'periodEnd']);
});

t('given an unknown command type, then 400 command.unknown_type', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'tenant.explode', { tenantId: 'acme', data: {} }));
  assertError(res, 400, 'command.unknown_type');
});

// Object.prototype members are not command types: the handler table must be looked up by own key.
for (const type of ['constructor', 'toString', '__proto__']) {
  t(`given the command type "${type}", then 400 command.unknown_type, not a 500`, async ({ api }) => {
    const res = await withoutAppending(api, () => api.command(admin, type, { tenantId: 'acme', data: {} }));
    assertError(res, 400, 'command.unknown_type');
  });
}

t('given a body over 256 KiB, then 400 request.invalid', async ({ api }) => {
  const payload = JSON.stringify({ tenantId: 'acme', data: { ...create, name: 'x'.repeat(257 * 1024) } });
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', payload));
  const body = assertError(res, 400, 'request.invalid');
  assert.equal(body.details, { code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
});

t('given no actor headers, then 401 auth.missing_actor', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(undefined, 'tenant.create', { tenantId: 'acme', data: create }));
  assertError(res, 401, 'auth.missing_actor');
});

t('given a role that does not exist, then 401 auth.invalid_actor', async ({ api }) => {
  const headers = { 'x-actor-id': 'mallory', 'x-actor-role': 'root' };
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify({ tenantId: 'acme', data: create }), headers));
  assertError(res, 401, 'auth.invalid_actor');
});

t('given a client-viewer creating a tenant, then 403 command.forbidden', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(viewer, 'tenant.create', { tenantId: 'acme', data: create }));
  assertError(res, 403, 'command.forbidden');
});

t('given a stream with no events or no such category, then its history is 404 stream.not_found', async ({ api }) => {
  for (const stream of ['plan-seeded.nothing', 'tenant-nobody', 'nonsense']) {
    assertError(await api.get(admin, `/api/streams/${stream}/history`), 404, 'stream.not_found');
  }
});

t('given an asOf that is neither a revision nor an ISO time, then 400 as_of.invalid', async ({ api }) => {
  for (const asOf of ['yesterday', '-1', '2026-13-45']) {
    assertError(await api.get(admin, `/api/streams/tenant-seeded/state?asOf=${asOf}`), 400, 'as_of.invalid');
  }
});

t('given reads without actor headers, then 401', async ({ api }) => {
  assertError(await api.get(undefined, '/api/streams/tenant-seeded/history'), 401, 'auth.missing_actor');
  assertError(await api.get(undefined, '/api/audit/verify'), 401, 'auth.missing_actor');
});

t('given an unknown route, then a 404 in the JSON error shape', async ({ api }) => {
  assertError(await api.get(admin, '/api/nothing/here'), 404, 'route.not_found');
  assertError(await api.app.inject({ method: 'DELETE', url: '/api/commands/tenant.create' }), 404, 'route.not_found');
});

t('after all of the above, then /health is 200 and the log holds only the seed', async ({ api }) => {
  const res = await api.app.inject({ method: 'GET', url: '/health' });
  assert.is(res.statusCode, 200);
  assert.equal(res.json(), { status: 'ok', eventStore: 'sqlite', head: '3' });
});

t.run();
