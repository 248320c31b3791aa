// Property: for every route the server declares, generated garbage in the path, the query,
// the body and the credentials gets a status a caller's mistake may get, in the error
// shape, and never a 5xx; and the log never grows from any of it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { actorHeaders, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';
import type { DeclaredRoute } from '../../api/http/route.ts';
import { join } from 'node:path';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import type { Warehouse } from '../../readmodels/warehouse/port.ts';
import { tempDir } from '../support/tempDir.ts';
import { perf } from '../contract/warehouseRows.ts';

const t = suite<{ api: Api; warehouse: Warehouse }>('e2e api: garbage at every route');
const OK_OR_MISTAKE = [200, 400, 401, 403, 404, 409, 422];

t.before(async (ctx) => {
  // A warehouse with a row, so the reporting routes are declared and have something to sum.
  ctx.warehouse = await openDuckdbWarehouse(join(tempDir('routes-property'), 'warehouse.duckdb'));
  await ctx.warehouse.prepare(1);
  await ctx.warehouse.upsertRows('ads_daily_performance', 1, [perf('acme')]);
  ctx.api = await openApi({ readSide: true, vault: true, warehouse: ctx.warehouse });
  await send(ctx.api, [...tenantSteps, ...planSteps]);
});
t.after(async (ctx) => {
  await ctx.api?.close();
  await ctx.warehouse?.close();
});

const segment = fc.oneof(
  fc.constantFrom('acme', 'winter', '1', 'plan-acme.winter', 'tenants', 'ghost', '0', '-1', '99999999999999999999999', '..', '%00', '__proto__'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map(encodeURIComponent),
);
const queryString = fc
  .dictionary(
    fc.oneof(fc.constantFrom('tenantId', 'limit', 'cursor', 'after', 'asOf', 'from', 'to', 'kind', 'status', 'type', 'actorId', 'direction', 'platform', 'campaignId'), fc.string({ maxLength: 12 })),
    fc.oneof(fc.constantFrom('acme', 'beta', '0', '-5', '1e400', 'NaN', '', '2026-13-45', '99999999999999999999999', '2026-11-01', '2027-11-02', 'meta', 'c1'), fc.string({ maxLength: 40 })),
    { maxKeys: 4 },
  )
  .map((q) => new URLSearchParams(q).toString());
const credentials = fc.oneof(
  fc.constantFrom(admin, planner, approver, viewer).map((a) => actorHeaders(a)),
  fc.constantFrom({}, { authorization: 'Bearer ' }, { authorization: 'Bearer a.b.c' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
);
const body = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constant('{"tenantId":"acme","data":{"planId":"winter","__proto__":{"x":1}}}'));

// Rebuilding a projection is a legitimate 202 and appends nothing; it is exercised elsewhere.
const fuzzed = (api: Api): DeclaredRoute[] => api.routes.filter((r) => !r.url.includes('/rebuild'));

t('given garbage at every declared route, then never a 5xx, errors in the {error, message, details} shape, and no new event', async ({ api }) => {
  const routes = fuzzed(api);
  assert.ok(routes.length > 30, `declared routes: ${routes.length}`);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), fc.array(segment, { minLength: 4, maxLength: 4 }), queryString, credentials, body, async (route, segments, query, headers, payload) => {
      let i = 0;
      const path = route.url.replace(/:[A-Za-z]+/g, () => segments[i++]!);
      const head = await api.head();
      const res = await api.app.inject({
        method: route.method,
        url: `${path}${query ? `?${query}` : ''}`,
        headers: { ...headers, ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(route.method === 'POST' ? { payload } : {}),
      });
      assert.ok(OK_OR_MISTAKE.includes(res.statusCode) || (route.url.startsWith('/health') && res.statusCode === 503), `${route.method} ${path}?${query}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) assert.equal(Object.keys(res.json()).sort(), ['details', 'error', 'message'], res.body);
      if (route.method === 'POST' && route.url.startsWith('/api/commands/')) assert.is(res.statusCode >= 400, true, `garbage was accepted: ${payload}`);
      assert.is(await api.head(), head, 'the log grew');
    }),
    { numRuns: 400 },
  );
});

t.run();
