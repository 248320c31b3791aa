// What a caller gets wrong: a 4xx in the {error, message, details} shape, and an unchanged log.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, viewer } from '../support/harness.ts';
import { actorHeaders, assertError, openApi, send, tenantSteps, testSigner, tokenFor, withoutAppending, type Api } from './http.ts';
import { tokenSigner } from '../../api/auth/tokens.ts';

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

t('given a body that is a JSON array, then 400 body.invalid', async ({ api }) => {
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify([{ tenantId: 'acme', data: create }])));
  assertError(res, 400, 'body.invalid');
});

t('given an unknown top-level field, then 400 body.invalid naming the field', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'tenant.create', { tenantId: 'acme', data: create, sudo: true }));
  const body = assertError(res, 400, 'body.invalid');
  assert.match(JSON.stringify(body.details), 'sudo');
});

t('given wrong types in data, then 400 command.invalid_data whose details name each field path', async ({ api }) => {
  const data = { planId: 'winter', name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: 20270131, budgetMicros: '10' };
  const res = await withoutAppending(api, () => api.command(admin, 'plan.create', { tenantId: 'seeded', data }));
  const body = assertError(res, 400, 'command.invalid_data');
  assert.equal((body.details as { path: string }[]).map((d) => d.path).sort(), ['budgetMicros', 'periodEnd']);
});

t('given an unknown command type, then 404 command.unknown_type listing the known ones', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'tenant.explode', { tenantId: 'acme', data: {} }));
  const body = assertError(res, 404, 'command.unknown_type');
  assert.ok((body.details as { known: string[] }).known.includes('tenant.create'));
});

// Object.prototype members are not command types: the handler table must be looked up by own key.
for (const type of ['constructor', 'toString', '__proto__']) {
  t(`given the command type "${type}", then 404 command.unknown_type, not a 500`, async ({ api }) => {
    const res = await withoutAppending(api, () => api.command(admin, type, { tenantId: 'acme', data: {} }));
    assertError(res, 404, 'command.unknown_type');
  });
}

t('given a body over 256 KiB, then 413 request.too_large', async ({ api }) => {
  const payload = JSON.stringify({ tenantId: 'acme', data: { ...create, name: 'x'.repeat(257 * 1024) } });
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', payload));
  const body = assertError(res, 413, 'request.too_large');
  assert.equal(body.details, { code: 'FST_ERR_CTP_BODY_TOO_LARGE', limit: 256 * 1024 });
});

t('given a body that is not JSON by its content type, then 415 request.unsupported_media_type', async ({ api }) => {
  for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
    const res = await withoutAppending(api, () =>
      api.app.inject({ method: 'POST', url: '/api/commands/tenant.create', headers: { ...actorHeaders(admin), 'content-type': type }, payload: 'tenantId=acme' }),
    );
    assertError(res, 415, 'request.unsupported_media_type');
  }
});

t('given a revision or position past 2^63 - 1, then 400 query.invalid, not a 500', async ({ api }) => {
  const huge = ['9223372036854775808', '18446744073709551615', '99999999999999999999'];
  for (const from of [...huge, '!', '-1', '1e3', '']) {
    const body = assertError(await api.get(admin, `/api/streams/tenant-seeded/history?from=${from}`), 400, 'query.invalid');
    assert.match(JSON.stringify(body.details), 'from');
  }
  const last = await api.get(admin, '/api/streams/tenant-seeded/history?from=9223372036854775807');
  assert.is(last.statusCode, 200, last.body);
  assert.equal(last.json().events, []);
  for (const asOf of huge) {
    const res = await api.get(admin, `/api/streams/tenant-seeded/state?asOf=${asOf}`);
    assert.ok(res.statusCode < 500, `asOf=${asOf}: ${res.statusCode} ${res.body}`);
  }
});

t('given no bearer token, then 401 auth.missing_token', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(undefined, 'tenant.create', { tenantId: 'acme', data: create }));
  assertError(res, 401, 'auth.missing_token');
});

t('given the old self-declared actor headers and no token, then 401: naming yourself is not signing in', async ({ api }) => {
  const headers = { 'x-actor-id': 'mallory', 'x-actor-role': 'agency-admin' };
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify({ tenantId: 'acme', data: create }), headers));
  assertError(res, 401, 'auth.missing_token');
});

t('given a token whose payload was edited to a stronger role, then 401 auth.token_invalid', async ({ api }) => {
  const [header, payload, signature] = tokenFor(viewer).split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, role: 'agency-admin', tenant: null })).toString('base64url');
  const headers = { authorization: `Bearer ${header}.${forged}.${signature}` };
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify({ tenantId: 'acme', data: create }), headers));
  assertError(res, 401, 'auth.token_invalid');
});

t('given a token signed with another key (alg none, or another secret), then 401 auth.token_invalid', async ({ api }) => {
  const other = tokenSigner(Buffer.alloc(32, 7)).sign({ id: 'ada', name: 'ada', role: 'agency-admin', tenantId: null }).token;
  const [, payload] = other.split('.') as [string, string];
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  for (const token of [other, none, 'not-a-token']) {
    const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify({ tenantId: 'acme', data: create }), { authorization: `Bearer ${token}` }));
    assertError(res, 401, 'auth.token_invalid');
  }
});

t('given an expired token, then 401 auth.token_expired', async ({ api }) => {
  const token = testSigner.sign({ id: 'ada', name: 'ada', role: 'agency-admin', tenantId: null }, -1).token;
  const res = await withoutAppending(api, () => post(api, '/api/commands/tenant.create', JSON.stringify({ tenantId: 'acme', data: create }), { authorization: `Bearer ${token}` }));
  assertError(res, 401, 'auth.token_expired');
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

t('given reads without a bearer token, then 401', async ({ api }) => {
  assertError(await api.get(undefined, '/api/streams/tenant-seeded/history'), 401, 'auth.missing_token');
  assertError(await api.get(undefined, '/api/audit/verify'), 401, 'auth.missing_token');
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
