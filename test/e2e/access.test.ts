// Access that can be taken back: an admin disables, re-roles or removes a user, and the
// user's next request is refused and their open sockets close within a second; each change
// is an audit record naming the user by id only. The server here checks every token against
// its directory (openApi `directory: true`), as `npm start` does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertError, openApi, type Api } from './http.ts';
import { ada, ben, call, cat, codeFor, codeOfLink, login, openSocket, tokenOf, vic } from './access.support.ts';
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';

const t = suite<{ api: Api; base: string; admin: string }>('e2e access: disable, enable, re-role, remove, links');

t.before(async (ctx) => {
  ctx.api = await openApi({ readSide: true, directory: true });
  for (const user of [ada, ben, vic, cat]) await ctx.api.users.add(user);
  ctx.admin = await tokenOf(ctx.api, 'ada');
  for (const tenantId of ['acme', 'beta']) {
    const res = await call(ctx.api, ctx.admin, 'POST', '/api/commands/tenant.create', { tenantId, data: { name: tenantId, currency: 'EUR', timezone: 'Europe/Istanbul' } });
    assert.is(res.statusCode, 201, res.body);
  }
  ctx.base = await ctx.api.listen();
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

async function streamOf(api: Api, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of api.store.readStream(stream)) out.push(e);
  return out;
}

t('disable: the next request is 401 auth.token_revoked and the open socket is signed out within a second', async ({ api, base, admin }) => {
  const token = await tokenOf(api, 'vic');
  assert.is((await call(api, token, 'GET', '/api/auth/me')).statusCode, 200);
  const socket = await openSocket(base, token);
  const started = Date.now();
  const res = await call(api, admin, 'POST', '/api/users/vic/disable');
  assert.is(res.statusCode, 200, res.body);
  assert.is((res.json() as { disabled: boolean }).disabled, true);
  assertError(await call(api, token, 'GET', '/api/auth/me'), 401, 'auth.token_revoked');
  const closed = await socket.closed;
  assert.is(closed.code, 4401);
  assert.is(closed.reason, 'signed out: auth.token_revoked');
  assert.ok(closed.at - started < 1000, `closed after ${closed.at - started} ms`);
  assert.ok(socket.messages.some((m) => m.type === 'error' && m.error === 'auth.token_revoked'), 'the console is told why');
  // The audit record: in acme's access stream, by ada, naming vic by id only.
  const [disabled] = (await streamOf(api, 'access-acme')).filter((e) => e.type === 'user.disabled');
  assert.equal(disabled!.data, { userId: 'vic' });
  assert.is((disabled!.metadata as { actor: { id: string } }).actor.id, 'ada');
});

t('enable: the old token stays refused; a new login link signs in', async ({ api, admin }) => {
  const old = await tokenOf(api, 'vic', 1); // signed before the disabling: refused once enabled too
  assert.is((await call(api, admin, 'POST', '/api/users/vic/enable')).statusCode, 200);
  assertError(await call(api, old, 'GET', '/api/auth/me'), 401, 'auth.token_revoked');
  const link = await call(api, admin, 'POST', '/api/users/vic/login-link');
  assert.is(link.statusCode, 201, link.body);
  const signedIn = await login(api, codeOfLink(link));
  assert.is(signedIn.statusCode, 200, signedIn.body);
  assert.is((await call(api, (signedIn.json() as { token: string }).token, 'GET', '/api/auth/me')).statusCode, 200);
  assert.ok((await streamOf(api, 'access-acme')).some((e) => e.type === 'user.enabled'));
});

t('change role: the old token is 401; a new login carries the new role', async ({ api, admin }) => {
  const before = (await login(api, await codeFor(api, 'vic'))).json() as { token: string };
  const res = await call(api, admin, 'POST', '/api/users/vic/role', { role: 'client-admin' });
  assert.is(res.statusCode, 200, res.body);
  assertError(await call(api, before.token, 'GET', '/api/auth/me'), 401, 'auth.token_revoked');
  const after = (await login(api, await codeFor(api, 'vic'))).json() as { token: string; user: { role: string; tenantId: string } };
  assert.equal([after.user.role, after.user.tenantId], ['client-admin', 'acme']);
  assert.is(((await call(api, after.token, 'GET', '/api/auth/me')).json() as { role: string }).role, 'client-admin');
  const changed = (await streamOf(api, 'access-acme')).find((e) => e.type === 'user.role_changed');
  assert.equal(changed!.data, { userId: 'vic', role: 'client-admin', tenantId: 'acme', previousRole: 'client-viewer', previousTenantId: 'acme' });
});

t('reissuing a link revokes the older unused code', async ({ api, admin }) => {
  const first = codeOfLink(await call(api, admin, 'POST', '/api/users/vic/login-link'));
  const second = codeOfLink(await call(api, admin, 'POST', '/api/users/vic/login-link'));
  assertError(await login(api, first), 401, 'auth.link_invalid');
  assert.is((await login(api, second)).statusCode, 200);
});

t('remove: the token is 401, an unused code is refused, and the log never held the name', async ({ api, admin }) => {
  const token = await tokenOf(api, 'vic');
  const code = await codeFor(api, 'vic');
  const res = await call(api, admin, 'DELETE', '/api/users/vic');
  assert.is(res.statusCode, 200, res.body);
  assertError(await call(api, token, 'GET', '/api/auth/me'), 401, 'auth.token_revoked');
  assertError(await login(api, code), 401, 'auth.link_invalid');
  assert.not.ok(((await call(api, admin, 'GET', '/api/users')).json() as { users: { id: string }[] }).users.some((u) => u.id === 'vic'));
  const log = JSON.stringify((await streamOf(api, 'access-acme')).map((e) => [e.type, e.data, e.metadata]));
  assert.ok(log.includes('"user.removed"'));
  assert.not.ok(log.includes('Vic Viewer'), 'a name reached the log');
});

t("a client admin administers their own tenant's people only, and grants no agency role", async ({ api }) => {
  const own = await tokenOf(api, 'ben.client');
  const listed = (await call(api, own, 'GET', '/api/users')).json() as { users: { id: string; tenantId: string }[] };
  assert.ok(listed.users.length > 0 && listed.users.every((u) => u.tenantId === 'acme'), JSON.stringify(listed));
  assertError(await call(api, own, 'GET', '/api/users?tenantId=beta'), 404, 'tenant.not_found');
  for (const [method, url] of [['POST', '/api/users/cat/disable'], ['POST', '/api/users/ada/disable'], ['DELETE', '/api/users/cat'], ['POST', '/api/users/cat/login-link']] as const) {
    assertError(await call(api, own, method, url), 404, 'user.not_found');
  }
  assertError(await call(api, own, 'POST', '/api/users', { id: 'eve', name: 'Eve', role: 'client-viewer', tenantId: 'beta' }), 404, 'tenant.not_found');
  assertError(await call(api, own, 'POST', '/api/users', { id: 'eve', name: 'Eve', role: 'agency-admin' }), 403, 'user.role_forbidden');
  const added = await call(api, own, 'POST', '/api/users', { id: 'eve', name: 'Eve', role: 'client-viewer' });
  assert.is(added.statusCode, 201, added.body);
  assertError(await call(api, own, 'POST', '/api/users/eve/role', { role: 'agency-user' }), 403, 'user.role_forbidden');
  assertError(await call(api, own, 'POST', '/api/users/eve/role', { role: 'client-admin', tenantId: 'beta' }), 403, 'user.tenant_forbidden');
  assertError(await call(api, own, 'POST', '/api/users/ben.client/disable'), 422, 'user.self');
  assert.equal((await api.users.get('cat'))?.disabled, false, "beta's admin untouched");
  // A viewer administers no one; the access commands are not sent through /api/commands.
  assertError(await call(api, await tokenOf(api, 'eve'), 'GET', '/api/users'), 403, 'auth.forbidden');
  assertError(await call(api, own, 'POST', '/api/commands/user.disable', { tenantId: 'acme', data: { userId: 'eve' } }), 400, 'command.use_users_route');
});

t('an agency admin may re-role across tenants, and every change is in the audit timeline', async ({ api, admin }) => {
  const res = await call(api, admin, 'POST', '/api/users/eve/role', { role: 'client-viewer', tenantId: 'beta' });
  assert.is(res.statusCode, 200, res.body);
  assert.equal(((await api.users.get('eve')) as { tenantId: string }).tenantId, 'beta');
  const head = await api.head();
  const timeline = await call(api, admin, 'GET', `/api/audit/timeline?tenantId=acme&after=${head}&limit=100`);
  assert.is(timeline.statusCode, 200, timeline.body);
  const types = (timeline.json() as { docs: { type: string; summary: string }[] }).docs.map((d) => d.type);
  for (const type of ['user.disabled', 'user.enabled', 'user.role_changed', 'user.login_link_issued', 'user.removed', 'user.added']) assert.ok(types.includes(type), `${type} in ${types}`);
});

t.run();
