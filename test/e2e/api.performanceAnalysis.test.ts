// GET …/performance/{anomalies,funnel,pacing} and POST …/performance/analyse over HTTP, on a
// DuckDB warehouse holding two weeks of hand-made rows that end yesterday (the tenant's day):
// the second week's revenue falls by a third at the same spend.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../../domain/performance/days.ts';
import { localDate } from '../../domain/shared/values.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { perf } from '../contract/warehouseRows.ts';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';
import { assertError, openApi, send, tenantSteps, tokenFor, type Api } from './http.ts';
import type { Actor } from '../../domain/shared/envelope.ts';

type Ctx = { api: Api; warehouse: Warehouse; today: string };
const t = suite<Ctx>('api: performance analysis');

t.before(async (ctx) => {
  ctx.today = localDate(new Date(), 'Europe/Istanbul');
  ctx.warehouse = await openDuckdbWarehouse(join(tempDir('analysis-api'), `wh${uniqueSuffix()}.duckdb`));
  await ctx.warehouse.prepare(1);
  const rows: Row[] = [];
  for (let i = 14; i >= 1; i--) {
    const date = addDays(ctx.today, -i);
    const common = { platform: 'google_ads', account_id: '111-222-3333', campaign_id: 'c1', date, impressions: 1000, clicks: 50, spend_micros: 20_000_000, conversions: 5 };
    rows.push(perf('acme', { ...common, revenue_micros: (i > 7 ? 100 : 66) * 1_000_000 }));
    rows.push(perf('beta', { ...common, revenue_micros: 100_000_000 })); // another tenant, steady
  }
  assert.equal(await ctx.warehouse.upsertRows('ads_daily_performance', 1, rows), { upserted: rows.length });
  ctx.api = await openApi({ readSide: true, warehouse: ctx.warehouse });
  await send(ctx.api, tenantSteps);
  await send(ctx.api, tenantSteps, 'beta');
});
t.after(async ({ api, warehouse }) => {
  await api.close();
  await warehouse.close();
});

const week = ({ today }: Ctx) => `from=${addDays(today, -7)}&to=${addDays(today, -1)}`;

t('anomalies: the week is inside the platform lookback, so nothing is judged unless unsettled days are asked for', async (ctx) => {
  const settled = (await ctx.api.get(planner, `/api/tenants/acme/performance/anomalies?${week(ctx)}`)).json() as { scopes: { scope: string; judged: unknown; anomalies: unknown[] }[] };
  assert.equal(settled.scopes.map((s) => [s.scope, s.judged, s.anomalies]), [['google_ads', null, []]]);
  const all = (await ctx.api.get(planner, `/api/tenants/acme/performance/anomalies?${week(ctx)}&includeUnsettled=true`)).json() as { scopes: { anomalies: { rule: string; changePct: number }[] }[] };
  assert.equal(all.scopes[0]?.anomalies.map((a) => [a.rule, a.changePct]), [['roas_drop', -34]]);
  const beta = (await ctx.api.get(planner, `/api/tenants/beta/performance/anomalies?${week(ctx)}&includeUnsettled=true`)).json() as { scopes: { anomalies: unknown[] }[] };
  assert.equal(beta.scopes[0]?.anomalies, [], "beta's steady numbers raise nothing, and acme's never leak into it");
});

t("funnel: Google's ratios of the week judged against the e-commerce search benchmarks", async (ctx) => {
  const body = (await ctx.api.get(planner, `/api/tenants/acme/performance/funnel?${week(ctx)}`)).json() as { industry: string; channels: { channel: string; ratios: Record<string, number> }[] };
  assert.is(body.industry, 'ecommerce');
  assert.equal(body.channels.map((c) => [c.channel, c.ratios.ctr, c.ratios.cvr, c.ratios.cpc]), [['google_search', 5, 10, 0.4]]);
});

t('pacing: a tenant with no launch has no plan to pace', async (ctx) => {
  const body = (await ctx.api.get(planner, '/api/tenants/acme/performance/pacing')).json() as { today: string; plans: unknown[] };
  assert.equal([body.today, body.plans], [ctx.today, []]);
});

t('analyse: agency staff raise the finding once; it waits in the approvals queue; clients may not run it', async (ctx) => {
  const post = (actor: Actor) => ctx.api.app.inject({ method: 'POST', url: '/api/tenants/acme/performance/analyse', headers: { authorization: `Bearer ${tokenFor(actor)}` }, payload: { includeUnsettled: true } });
  assertError(await post(approver), 403);
  const first = await post(planner);
  assert.is(first.statusCode, 200, first.body);
  assert.equal((first.json() as { raised: string[] }).raised, [`anomaly:roas_drop:google_ads:${addDays(ctx.today, -1)}`]);
  const again = await post(admin);
  assert.equal((again.json() as { raised: string[] }).raised, [], 'found again, raised once');
  const queue = (await ctx.api.get(planner, `/api/approvals?kind=performance_alert&after=${await ctx.api.head()}`)).json() as { docs: { kind: string; tenantId: string; title: string }[] };
  assert.equal(queue.docs.map((i) => [i.kind, i.tenantId]), [['performance_alert', 'acme']]);
  assert.match(queue.docs[0]!.title, /ROAS -34% on google_ads/);
});

t('every analysis read is scoped: a client of another tenant gets 404, bad ranges 400', async (ctx) => {
  for (const path of [`anomalies?${week(ctx)}`, `funnel?${week(ctx)}`, 'pacing']) {
    assertError(await ctx.api.get(viewer, `/api/tenants/acme/performance/${path}`, 'beta'), 404, 'tenant.not_found');
  }
  assertError(await ctx.api.get(planner, '/api/tenants/acme/performance/anomalies?from=2026-13-01&to=2026-11-02'), 400);
  assertError(await ctx.api.get(planner, '/api/tenants/nobody/performance/pacing'), 404, 'tenant.not_found');
});

t.run();
