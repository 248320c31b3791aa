// GET /api/tenants/:tenantId/performance/{daily,aggregated,campaigns,ads,kpis,monthly} and
// GET /api/performance/tenants over HTTP, on a DuckDB warehouse loaded with hand-made rows.
// Every figure below is computed by hand from those rows; tenant `beta`'s huge numbers would
// show in any of them if a read ever crossed tenants. DuckDB always; the same cases on the goccy
// BigQuery emulator when its binary is built (test/support/bigqueryEmulator.ts).
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { storeFault } from '../../domain/shared/storeFaults.ts';
import { startBigQueryEmulator } from '../support/bigqueryEmulator.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import type { Row, Warehouse, WarehouseReader } from '../../readmodels/warehouse/port.ts';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { tempDir } from '../support/tempDir.ts';
import { perf } from '../contract/warehouseRows.ts';
import { assertError, openApi, type Api } from './http.ts';

const rows: Row[] = [
  perf('acme'), // c1 ad1 2026-11-01: 1000 impressions, 20 clicks, 12.345678 spend, 2.5 conversions, 50 revenue
  perf('acme', { ad_id: 'ad2', ad_name: 'Ad 2', impressions: 500, clicks: 5, spend_micros: 1_000_000, conversions: 0.5, revenue_micros: 0 }),
  perf('acme', { campaign_id: 'c2', campaign_name: 'Retargeting', ad_group_id: 'as2', ad_group_name: 'Ad set 2', ad_id: 'ad3', ad_name: 'Ad 3', date: '2026-11-02', impressions: 200, clicks: 0, spend_micros: 3_000_000, conversions: 0, revenue_micros: 0 }),
  perf('acme', { date: '2026-10-31', impressions: 400, clicks: 4, spend_micros: 2_000_000, conversions: 1, revenue_micros: 4_000_000 }),
  perf('beta', { impressions: 999_999, clicks: 999, spend_micros: 777_000_000, conversions: 99, revenue_micros: 1 }),
  perf('mixed'),
  perf('mixed', { platform: 'google_ads', account_id: '111', campaign_id: 'g1', currency: 'USD', spend_micros: 5_000_000 }),
];

type Ctx = { api: Api; warehouse: Warehouse };

const range = 'from=2026-11-01&to=2026-11-02';
const tenantEndpoints = ['daily', 'aggregated', 'campaigns', 'ads', 'kpis', 'monthly'];

function reportSuite(name: string, open: () => Promise<Warehouse>): void {
  const t = suite<Ctx>(`api: performance reports (${name})`);
  t.before(async (ctx) => {
    ctx.warehouse = await open();
    await ctx.warehouse.prepare(1);
    const loaded = await ctx.warehouse.upsertRows('ads_daily_performance', 1, rows);
    assert.equal(loaded, { upserted: rows.length });
    ctx.api = await openApi({ warehouse: ctx.warehouse });
  });
  t.after(async ({ api, warehouse }) => {
    await api.close();
    await warehouse.close();
  });

  const ok = async (api: Api, url: string, actor = planner): Promise<Record<string, unknown>> => {
    const res = await api.get(actor, url);
    assert.is(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const nov1 = { impressions: 1500, clicks: 25, spendMicros: 13_345_678, spend: 13.345678, conversions: 3, revenueMicros: 50_000_000, revenue: 50, rows: 2, cpc: 0.533827, cpm: 8.897119, ctr: 1.666667, cvr: 12, cpa: 4.448559, roas: 3.746531 };
  const nov2 = { impressions: 200, clicks: 0, spendMicros: 3_000_000, spend: 3, conversions: 0, revenueMicros: 0, revenue: 0, rows: 1, cpc: null, cpm: 15, ctr: 0, cvr: null, cpa: null, roas: 0 };
  const none = { impressions: 0, clicks: 0, spendMicros: 0, spend: 0, conversions: 0, revenueMicros: 0, revenue: 0, rows: 0, cpc: null, cpm: null, ctr: null, cvr: null, cpa: null, roas: null };

  t('daily: the ad-level rows of the range, by row key, limited and marked truncated', async ({ api }) => {
    const body = await ok(api, `/api/tenants/acme/performance/daily?${range}`);
    const got = body.rows as Row[];
    assert.equal(got.map((r) => [r.tenant_id, r.campaign_id, r.ad_id, r.date, r.impressions, r.spend_micros, r.spend]), [
      ['acme', 'c1', 'ad1', '2026-11-01', 1000, 12_345_678, '12.345678'],
      ['acme', 'c1', 'ad2', '2026-11-01', 500, 1_000_000, '1.000000'],
      ['acme', 'c2', 'ad3', '2026-11-02', 200, 3_000_000, '3.000000'],
    ]);
    assert.equal([body.from, body.to, body.platform, body.limit, body.truncated], ['2026-11-01', '2026-11-02', null, 1000, false]);
    const limited = await ok(api, `/api/tenants/acme/performance/daily?${range}&limit=2`);
    assert.equal([(limited.rows as Row[]).length, limited.truncated], [2, true]);
    assert.equal((await ok(api, `/api/tenants/acme/performance/daily?${range}&platform=google_ads`)).rows, []);
  });

  t('aggregated: every day of the range with sums and ratios of the sums; null where a denominator is 0', async ({ api }) => {
    const body = await ok(api, '/api/tenants/acme/performance/aggregated?from=2026-11-01&to=2026-11-03');
    assert.equal(body, { tenantId: 'acme', from: '2026-11-01', to: '2026-11-03', platform: null, currency: 'EUR', days: [{ date: '2026-11-01', ...nov1 }, { date: '2026-11-02', ...nov2 }, { date: '2026-11-03', ...none }] });
  });

  t('campaigns: totals per campaign by spend descending, names and currency', async ({ api }) => {
    const body = await ok(api, `/api/tenants/acme/performance/campaigns?${range}&platform=meta`);
    assert.equal(body.campaigns, [
      { platform: 'meta', accountId: 'act_1', accountName: 'Main', campaignId: 'c1', campaignName: 'kobi_t_meta_sales_v1', currency: 'EUR', ...nov1 },
      { platform: 'meta', accountId: 'act_1', accountName: 'Main', campaignId: 'c2', campaignName: 'Retargeting', currency: 'EUR', ...nov2 },
    ]);
    assert.equal([body.platform, body.truncated], ['meta', false]);
  });

  t('ads: totals per ad of a campaign with ad group and ad names', async ({ api }) => {
    const body = await ok(api, `/api/tenants/acme/performance/ads?${range}&campaignId=c1`);
    const base = { platform: 'meta', accountId: 'act_1', accountName: 'Main', campaignId: 'c1', campaignName: 'kobi_t_meta_sales_v1', adGroupId: 'as1', adGroupName: 'Ad set 1', currency: 'EUR' };
    assert.equal(body.ads, [
      { ...base, adId: 'ad1', adName: 'Ad 1', impressions: 1000, clicks: 20, spendMicros: 12_345_678, spend: 12.345678, conversions: 2.5, revenueMicros: 50_000_000, revenue: 50, rows: 1, cpc: 0.617284, cpm: 12.345678, ctr: 2, cvr: 12.5, cpa: 4.938271, roas: 4.05 },
      { ...base, adId: 'ad2', adName: 'Ad 2', impressions: 500, clicks: 5, spendMicros: 1_000_000, spend: 1, conversions: 0.5, revenueMicros: 0, revenue: 0, rows: 1, cpc: 0.2, cpm: 2, ctr: 1, cvr: 10, cpa: 2, roas: 0 },
    ]);
    assert.is(body.campaignId, 'c1');
    assert.equal(((await ok(api, `/api/tenants/acme/performance/ads?${range}`)).ads as { adId: string }[]).map((a) => a.adId), ['ad1', 'ad3', 'ad2']);
  });

  t('kpis: the period against the previous one of equal length', async ({ api }) => {
    const body = await ok(api, `/api/tenants/acme/performance/kpis?${range}`);
    const current = body.current as Record<string, unknown>;
    const previous = body.previous as Record<string, unknown>;
    assert.equal(current, { period: { from: '2026-11-01', to: '2026-11-02' }, days: 2, rows: 3, currency: 'EUR', impressions: 1700, clicks: 25, spendMicros: 16_345_678, spend: 16.345678, conversions: 3, revenueMicros: 50_000_000, revenue: 50, cpc: 0.653827, cpm: 9.615105, ctr: 1.470588, cvr: 12, cpa: 5.448559, roas: 3.058913 });
    assert.equal([previous.period, previous.rows, previous.impressions, previous.spendMicros, previous.cvr], [{ from: '2026-10-30', to: '2026-10-31' }, 1, 400, 2_000_000, 25]);
    const metrics = (body.comparison as { metrics: Record<string, unknown> }).metrics;
    assert.equal(metrics.impressions, { current: 1700, previous: 400, change: 1300, changePct: 325 });
    assert.equal(metrics.spend, { current: 16.345678, previous: 2, change: 14.345678, changePct: 717.28 });
    assert.equal(metrics.cvr, { current: 12, previous: 25, change: -13, changePct: -52 });
  });

  t('monthly: every month the range touches, totals of the days in range', async ({ api }) => {
    const body = await ok(api, '/api/tenants/acme/performance/monthly?from=2026-10-15&to=2026-12-10');
    const months = body.months as { month: string; impressions: number; spendMicros: number; rows: number; ctr: number | null }[];
    assert.equal(months.map((m) => [m.month, m.impressions, m.spendMicros, m.rows, m.ctr]), [
      ['2026-10', 400, 2_000_000, 1, 1],
      ['2026-11', 1700, 16_345_678, 3, 1.470588],
      ['2026-12', 0, 0, 0, null],
    ]);
    assert.is(body.currency, 'EUR');
  });

  t('tenants: agency roles see every tenant with data, its span and totals per currency; client roles are refused', async ({ api }) => {
    const body = await ok(api, '/api/performance/tenants', admin);
    const tenants = body.tenants as { tenantId: string; firstDate: string; lastDate: string; rows: number; currencies: { currency: string; impressions: number; spendMicros: number }[] }[];
    assert.equal(tenants.map((x) => [x.tenantId, x.firstDate, x.lastDate, x.rows, x.currencies.map((c) => [c.currency, c.impressions, c.spendMicros])]), [
      ['acme', '2026-10-31', '2026-11-02', 4, [['EUR', 2100, 18_345_678]]],
      ['beta', '2026-11-01', '2026-11-01', 1, [['EUR', 999_999, 777_000_000]]],
      ['mixed', '2026-11-01', '2026-11-01', 2, [['EUR', 1000, 12_345_678], ['USD', 1000, 5_000_000]]],
    ]);
    assertError(await api.get(approver, '/api/performance/tenants', 'acme'), 403);
    assertError(await api.get(viewer, '/api/performance/tenants', 'acme'), 403);
    assertError(await api.get(undefined, '/api/performance/tenants'), 401);
  });

  t('a client role reads its own tenant, and every other tenant is a 404 on every endpoint', async ({ api }) => {
    for (const endpoint of tenantEndpoints) {
      const own = await api.get(viewer, `/api/tenants/acme/performance/${endpoint}?${range}`, 'acme');
      assert.is(own.statusCode, 200, `${endpoint}: ${own.body}`);
      assert.not.match(own.body, /beta|999999|777000000/, `${endpoint} leaked another tenant`);
      assertError(await api.get(viewer, `/api/tenants/beta/performance/${endpoint}?${range}`, 'acme'), 404, 'tenant.not_found');
      assertError(await api.get(undefined, `/api/tenants/acme/performance/${endpoint}?${range}`), 401);
    }
  });

  t('totals across two currencies are refused with the currencies named; per platform or per campaign they answer', async ({ api }) => {
    const day = 'from=2026-11-01&to=2026-11-01';
    for (const endpoint of ['aggregated', 'kpis', 'monthly']) {
      const body = assertError(await api.get(admin, `/api/tenants/mixed/performance/${endpoint}?${day}`), 422, 'performance.mixed_currencies');
      assert.equal(body.details, { currencies: ['EUR', 'USD'] }, endpoint);
      await ok(api, `/api/tenants/mixed/performance/${endpoint}?${day}&platform=google_ads`);
    }
    const campaigns = (await ok(api, `/api/tenants/mixed/performance/campaigns?${day}`)).campaigns as { campaignId: string; currency: string; spendMicros: number }[];
    assert.equal(campaigns.map((c) => [c.campaignId, c.currency, c.spendMicros]), [['c1', 'EUR', 12_345_678], ['g1', 'USD', 5_000_000]]);
  });

  t('bad input is a 400 naming the field, on every endpoint', async ({ api }) => {
    const bad = [
      'from=2026-02-30&to=2026-03-01', // not a day
      'from=2026-11-02&to=2026-11-01', // from after to
      'from=2025-01-01&to=2026-01-02', // 367 days
      'from=2026-11-01', // no end
      `${range}&platform=myspace`,
      `${range}&colour=red`,
    ];
    for (const endpoint of tenantEndpoints) {
      for (const query of bad) assertError(await api.get(admin, `/api/tenants/acme/performance/${endpoint}?${query}`), 400, 'query.invalid');
    }
    await ok(api, '/api/tenants/acme/performance/daily?from=2025-01-01&to=2026-01-01', admin); // 366 days is fine
    for (const endpoint of ['daily', 'campaigns', 'ads']) {
      for (const limit of ['0', '10001', 'ten', '1.5']) assertError(await api.get(admin, `/api/tenants/acme/performance/${endpoint}?${range}&limit=${limit}`), 400, 'query.invalid');
    }
    const details = assertError(await api.get(admin, `/api/tenants/acme/performance/daily?from=2026-11-02&to=2026-11-01`), 400).details;
    assert.equal((details as { path: string }[]).map((d) => d.path), ['to']);
  });

  t.run();
}

reportSuite('duckdb', () => openDuckdbWarehouse(join(tempDir('perf-reports'), 'warehouse.duckdb')));
const emulator = await startBigQueryEmulator();
if ('skipped' in emulator) console.log(`performance reports: skipped the BigQuery emulator (${emulator.skipped})`);
else {
  process.env.METADATA_SERVER_DETECTION = 'none'; // no GCE metadata server to look for
  const { openBigQueryWarehouse } = await import('../../readmodels/warehouse/bigquery.ts');
  reportSuite('bigquery emulator', () => openBigQueryWarehouse({ projectId: emulator.projectId, dataset: `reports${uniqueSuffix()}`, apiEndpoint: emulator.endpoint }));
}

// A warehouse that cannot serve: each endpoint answers 503 store.unavailable, never a 500.
const faults = suite('api: performance reports on a failing warehouse');
faults('a StoreFault from the warehouse is a 503 naming the port', async () => {
  const fail = async (): Promise<never> => {
    throw storeFault('reporting warehouse', new Error('IO Error: disk gone'));
  };
  const broken: WarehouseReader = { rows: fail, dailyTotals: fail, aggregate: fail, tenantsWithData: fail };
  const api = await openApi({ warehouse: broken });
  try {
    for (const url of [...tenantEndpoints.map((e) => `/api/tenants/acme/performance/${e}?${range}`), '/api/performance/tenants']) {
      const body = assertError(await api.get(admin, url), 503, 'store.unavailable');
      assert.equal(body.details, { port: 'reporting warehouse' });
      assert.not.match(JSON.stringify(body), /disk gone/);
    }
  } finally {
    await api.close();
  }
});

faults('without a warehouse the reporting routes do not exist', async () => {
  const api = await openApi();
  try {
    assertError(await api.get(admin, `/api/tenants/acme/performance/daily?${range}`), 404, 'route.not_found');
  } finally {
    await api.close();
  }
});
faults.run();
