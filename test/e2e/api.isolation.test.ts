// Tenant isolation, for every route the server declares and every websocket channel: a
// client of tenant acme can neither read nor change tenant beta, and is told beta's things
// do not exist (404), never that they are forbidden.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, approver, lineItem, M, planner, viewer } from '../support/harness.ts';
import { commandTypes } from '../../commands/acceptCommand.ts';
import { channels } from '../../api/ws/protocol.ts';
import type { DeclaredRoute } from '../../api/http/route.ts';
import { assertError, openApi, send, tokenFor, withoutAppending, type Api, type Step } from './http.ts';
import { connectLive } from './live.ts';

// Beta's secrets: if any of these appears in something acme's client receives, scope leaked.
const SECRETS = ['Beta Secret Bakery', 'Hidden Beta Plan', 'beta-only-account'];
const seed = (tenant: string, name: string, planName: string, account: string): Step[] => [
  [admin, 'tenant.create', { name, currency: 'EUR', timezone: 'Europe/Istanbul' }],
  [admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: account, accountName: `${name} Google` }],
  [planner, 'plan.create', { planId: 'winter', name: planName, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 10_000 * M }],
  [planner, 'plan.add_line_item', { planId: 'winter', ...lineItem('search') }],
  [planner, 'plan.submit_version', { planId: 'winter' }],
];

const t = suite<{ api: Api; position: string }>('e2e api: tenant isolation on every route and channel');

t.before(async (ctx) => {
  ctx.api = await openApi({ readSide: true });
  await send(ctx.api, seed('acme', 'Acme', 'Acme Winter', '111-222-3333'), 'acme');
  const beta = await send(ctx.api, seed('beta', SECRETS[0]!, SECRETS[1]!, SECRETS[2]!), 'beta');
  ctx.position = String(beta.at(-1)!.position);
  // A blocked launch for each, so launches and the launch queue have documents.
  for (const tenantId of ['acme', 'beta']) await ctx.api.command(planner, 'launch.request', { tenantId, data: { planId: 'winter', version: 1 } });
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

// Fills a route's path for a tenant: its params name that tenant's things.
const pathFor = (route: DeclaredRoute, tenant: string) =>
  route.url
    .replace(':tenantId', tenant)
    .replace(':planId', 'winter')
    .replace(':version', '1')
    .replace(':stream', `plan-${tenant}.winter`)
    .replace(':name', 'tenants');
const queryFor = (url: string) =>
  url.endsWith('/diff') ? `${url}?from=1&to=1` : url.endsWith('/state') ? `${url}?asOf=1` : url;
const hasTenantQuery = (route: DeclaredRoute) => route.query !== undefined && 'shape' in route.query && 'tenantId' in (route.query as { shape: object }).shape;
const reads = (api: Api) => api.routes.filter((r) => r.method === 'GET' && r.access !== 'public');

t('for every GET route naming beta in its path, a client of acme gets 404 and no beta secret; naming acme works', async ({ api, position }) => {
  await api.get(admin, `/api/tenants?after=${position}`); // every projection has seen both tenants
  const named = reads(api).filter((r) => r.url.includes(':'));
  assert.ok(named.length >= 8, `routes with tenant things in the path: ${named.map((r) => r.url)}`);
  for (const client of [approver, viewer]) {
    for (const route of named) {
      const mine = await api.get(client, queryFor(pathFor(route, 'acme')));
      assert.is(mine.statusCode, 200, `${route.url} for acme: ${mine.body}`);
      const theirs = await api.get(client, queryFor(pathFor(route, 'beta')));
      assertError(theirs, 404);
      for (const secret of SECRETS) assert.not.ok(theirs.body.includes(secret), `${route.url} leaked ${secret}`);
    }
  }
});

t('for every GET list, a client of acme asking for beta gets 404, and without a tenant sees only acme', async ({ api }) => {
  const lists = reads(api).filter(hasTenantQuery);
  assert.ok(lists.length >= 6, `lists: ${lists.map((r) => r.url)}`);
  for (const route of lists) {
    assertError(await api.get(approver, `${route.url}?tenantId=beta`), 404, 'tenant.not_found');
    const own = await api.get(approver, route.url);
    assert.is(own.statusCode, 200, `${route.url}: ${own.body}`);
    for (const secret of SECRETS) assert.not.ok(own.body.includes(secret), `${route.url} leaked ${secret}`);
    // JSON answers may list documents; the history export is JSON lines (checked for secrets above).
    const docs = String(own.headers['content-type']).startsWith('application/json') ? (own.json() as { docs?: { tenantId: string }[] }).docs : undefined;
    if (docs) {
      assert.ok(docs.length > 0, `${route.url} shows acme's own documents`);
      assert.ok(docs.every((d) => d.tenantId === 'acme'), `${route.url} holds another tenant`);
    }
  }
  const agency = (await api.get(admin, '/api/tenants')).json() as { docs: { id: string }[] };
  assert.equal(agency.docs.map((d) => d.id).sort(), ['acme', 'beta'], 'agency roles see every tenant');
});

t('for every other signed-in GET route, a client of acme sees no beta secret or is refused', async ({ api }) => {
  const rest = reads(api).filter((r) => !r.url.includes(':') && !hasTenantQuery(r));
  for (const route of rest) {
    const res = await api.get(approver, route.url);
    assert.ok([200, 403].includes(res.statusCode), `${route.url}: ${res.statusCode}`);
    for (const secret of SECRETS) assert.not.ok(res.body.includes(secret), `${route.url} leaked ${secret}`);
  }
  assertError(await api.get(approver, '/api/ops/projections'), 403, 'auth.forbidden');
  assertError(await api.get(approver, '/metrics'), 403, 'auth.forbidden');
});

t('for every command type, a client of acme sending it for beta gets 404 and the log does not grow', async ({ api }) => {
  const types = commandTypes;
  for (const type of types) {
    const res = await withoutAppending(api, () => api.command(approver, type, { tenantId: 'beta', data: { planId: 'winter', version: 1, comment: 'mine now' } }));
    assertError(res, 404, 'tenant.not_found');
  }
  assertError(await api.get(approver, '/api/audit/verify?tenantId=beta'), 404, 'tenant.not_found');
});

t('for every websocket channel, a client of acme never receives beta, and naming beta is answered as unknown', async ({ api }) => {
  const live = await connectLive(await api.listen(), tokenFor(approver));
  try {
    for (const channel of channels) {
      live.send({ type: 'subscribe', channel, tenantId: 'beta' });
      const refused = await live.next(`refusal of ${channel}/beta`, (m) => m.type === 'error');
      assert.is((refused as { error: string }).error, channel === 'ops' ? 'channel.forbidden' : 'tenant.not_found');
      if (channel === 'ops') continue;
      live.send({ type: 'subscribe', channel });
      await live.next(`subscribed ${channel}`, (m) => m.type === 'subscribed');
    }
    await send(api, [[planner, 'plan.update_draft', { planId: 'winter', name: `${SECRETS[1]} II` }], [planner, 'plan.submit_version', { planId: 'winter' }]], 'beta');
    const [sentinel] = await send(api, [[planner, 'plan.update_draft', { planId: 'winter', name: 'Acme Winter II' }]], 'acme');
    await live.next('acme sentinel', (m) => m.type === 'change' && m.collection === 'audit_timeline' && m.position === String(sentinel!.position));
    const received = JSON.stringify(live.messages);
    for (const secret of SECRETS) assert.not.ok(received.includes(secret), `the websocket leaked ${secret}`);
    assert.not.ok(live.messages.some((m) => m.type === 'change' && m.tenantId !== 'acme'), 'a change of another tenant was pushed');
  } finally {
    await live.close();
  }
});

t("the performance channel pushes a synced day to its own tenant's clients only", async ({ api }) => {
  const address = api.app.server.address();
  const base = address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : await api.listen(); // listening since the test above
  const live = await connectLive(base, tokenFor(approver));
  try {
    live.send({ type: 'subscribe', channel: 'performance' });
    await live.next('subscribed performance', (m) => m.type === 'subscribed');
    // What the reporting projection publishes when a performance day reaches the warehouse.
    const day = (tenantId: string, accountId: string, position: string) => ({
      collection: 'performance_days', id: `${tenantId}.google_ads.${accountId}.2026-11-29`, tenantId, position,
      doc: { id: `${tenantId}.google_ads.${accountId}.2026-11-29`, tenantId, platform: 'google_ads', accountId, date: '2026-11-29', rows: 3, restated: false },
    });
    api.feed!.publish([day('beta', SECRETS[2]!, '900001'), day('acme', '111-222-3333', '900002')]);
    const acme = await live.next('acme day', (m) => m.type === 'change' && m.collection === 'performance_days');
    assert.is((acme as { tenantId: string }).tenantId, 'acme');
    assert.not.ok(JSON.stringify(live.messages).includes(SECRETS[2]!), "beta's day was pushed to acme");
  } finally {
    await live.close();
  }
});

t.run();
