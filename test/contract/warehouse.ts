// One contract for every Warehouse adapter (DESIGN §2, §5, §6). Each case opens a warehouse of
// its own (`open(scope)`: a file, a dataset), so it assumes nothing about what else exists;
// opening the same scope again is a second instance on the same data.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { approval, change, ledgerEvent, perf, read } from './warehouseRows.ts';

type Ctx = { w: Warehouse; scope: string; t1: string; t2: string };

function ok<T>(result: T | DomainError): T {
  if (isDomainError(result)) assert.unreachable(`expected success, got ${JSON.stringify(result)}`);
  return result as T;
}
function refused(result: unknown, pattern: RegExp): void {
  assert.ok(isDomainError(result), `expected an error value, got ${JSON.stringify(result)}`);
  assert.is((result as DomainError).code, 'warehouse.invalid');
  assert.match((result as DomainError).message, pattern);
}
const rowsOf = async (w: Warehouse, table: Parameters<Warehouse['rows']>[0], tenant: string) => ok(await w.rows(table, tenant));

export function warehouseContract(name: string, open: (scope: string) => Promise<Warehouse>): void {
  const t = suite<Ctx>(`warehouse contract: ${name}`);
  t.before.each(async (ctx) => {
    ctx.scope = `wh${uniqueSuffix()}`;
    ctx.w = await open(ctx.scope);
    ctx.t1 = `ten${uniqueSuffix()}`;
    ctx.t2 = `ten${uniqueSuffix()}`;
    ok(await ctx.w.prepare(1));
  });
  t.after.each(async (ctx) => ctx.w.close());

  t('every table round-trips a row as written, decimals derived from micros', async ({ w, t1 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1)]));
    ok(await w.upsertRows('ledger_events', 1, [ledgerEvent(t1, 'e1', 7)]));
    ok(await w.upsertRows('approvals', 1, [approval(t1, 'approved')]));
    ok(await w.upsertRows('campaign_changes', 1, [change(t1, 'e2')]));
    assert.equal(await rowsOf(w, 'ads_daily_performance', t1), [read(perf(t1))]);
    assert.equal((await rowsOf(w, 'ads_daily_performance', t1))[0]?.spend, '12.345678');
    assert.equal(await rowsOf(w, 'ledger_events', t1), [ledgerEvent(t1, 'e1', 7)]);
    assert.equal(await rowsOf(w, 'approvals', t1), [approval(t1, 'approved')]);
    assert.equal(await rowsOf(w, 'campaign_changes', t1), [change(t1, 'e2')]);
  });

  t('prepare is idempotent, here and in another instance: rows stay', async ({ w, scope, t1 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1)]));
    ok(await w.prepare(1));
    ok(await w.prepare(1));
    assert.is((await rowsOf(w, 'ads_daily_performance', t1)).length, 1);
    const other = await open(scope);
    try {
      ok(await other.prepare(1));
      assert.equal(await rowsOf(other, 'ads_daily_performance', t1), [read(perf(t1))]);
    } finally {
      await other.close();
    }
  });

  t('loading the same rows twice leaves the same rows and sums (a replay never doubles)', async ({ w, t1 }) => {
    const batch = [perf(t1), perf(t1, { date: '2026-11-02' }), perf(t1, { ad_id: 'ad2', impressions: 500, spend_micros: 1_000_000 })];
    for (let i = 0; i < 2; i++) {
      assert.equal(ok(await w.upsertRows('ads_daily_performance', 1, batch)), { upserted: 3 });
      ok(await w.upsertRows('ledger_events', 1, [ledgerEvent(t1, 'e1', 1), ledgerEvent(t1, 'e2', 2)]));
      ok(await w.upsertRows('approvals', 1, [approval(t1)]));
      ok(await w.upsertRows('campaign_changes', 1, [change(t1, 'e1')]));
    }
    assert.is((await rowsOf(w, 'ads_daily_performance', t1)).length, 3);
    assert.is((await rowsOf(w, 'ledger_events', t1)).length, 2);
    assert.is((await rowsOf(w, 'approvals', t1)).length, 1);
    assert.is((await rowsOf(w, 'campaign_changes', t1)).length, 1);
    const totals = ok(await w.dailyTotals(t1, '2026-11-01', '2026-11-30'));
    assert.equal(totals.map((d) => [d.date, d.rows, d.impressions, d.spend_micros]), [['2026-11-01', 2, 1500, 13_345_678], ['2026-11-02', 1, 1000, 12_345_678]]);
    assert.is((await rowsOf(w, 'ads_daily_performance', t1)).some((r) => r.restated), false, 'an identical replay is no restatement');
  });

  t('a restated row replaces the old one and is flagged; a decision replaces a pending approval', async ({ w, t1 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1)]));
    const later = perf(t1, { conversions: 4, revenue_micros: 80_000_000, synced_at: '2026-11-05T06:00:00.000Z' });
    ok(await w.upsertRows('ads_daily_performance', 1, [later]));
    assert.equal(await rowsOf(w, 'ads_daily_performance', t1), [read({ ...later, restated: true })]);
    const [day] = ok(await w.dailyTotals(t1, '2026-11-01', '2026-11-01'));
    assert.equal([day?.conversions, day?.revenue_micros, day?.rows], [4, 80_000_000, 1]);
    ok(await w.upsertRows('approvals', 1, [approval(t1)]));
    ok(await w.upsertRows('approvals', 1, [approval(t1, 'rejected')]));
    assert.equal(await rowsOf(w, 'approvals', t1), [approval(t1, 'rejected')]);
  });

  t('the last of rows sharing a key in one load wins', async ({ w, t1 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1, { clicks: 1 }), perf(t1, { clicks: 2 })]));
    assert.equal((await rowsOf(w, 'ads_daily_performance', t1)).map((r) => r.clicks), [2]);
  });

  t('every read sees one tenant only', async ({ w, t1, t2 }) => {
    for (const tenant of [t1, t2]) {
      ok(await w.upsertRows('ads_daily_performance', 1, [perf(tenant, { impressions: tenant === t1 ? 100 : 900 })]));
      ok(await w.upsertRows('ledger_events', 1, [ledgerEvent(tenant, `e-${tenant}`, 1)]));
      ok(await w.upsertRows('approvals', 1, [approval(tenant)]));
      ok(await w.upsertRows('campaign_changes', 1, [change(tenant, 'e1')])); // same event id, other tenant: another row
    }
    for (const table of ['ads_daily_performance', 'ledger_events', 'approvals', 'campaign_changes'] as const) {
      for (const tenant of [t1, t2]) {
        const rows = await rowsOf(w, table, tenant);
        assert.is(rows.length, 1, `${table} for ${tenant}`);
        assert.is(rows[0]?.tenant_id, tenant);
      }
    }
    assert.equal(ok(await w.dailyTotals(t1, '2026-11-01', '2026-11-01')).map((d) => d.impressions), [100]);
    assert.equal(ok(await w.dailyTotals(`ten${uniqueSuffix()}`, '2026-11-01', '2026-11-01')), []);
  });

  t('reads filter by date range and platform', async ({ w, t1 }) => {
    const rows: Row[] = [perf(t1), perf(t1, { date: '2026-11-03' }), perf(t1, { platform: 'google_ads', impressions: 7 })];
    ok(await w.upsertRows('ads_daily_performance', 1, rows));
    assert.is(ok(await w.rows('ads_daily_performance', t1, { from: '2026-11-02' })).length, 1);
    assert.is(ok(await w.rows('ads_daily_performance', t1, { to: '2026-11-01' })).length, 2);
    assert.is(ok(await w.rows('ads_daily_performance', t1, { platform: 'google_ads' })).length, 1);
    assert.is(ok(await w.rows('ads_daily_performance', t1, { limit: 2 })).length, 2);
    assert.equal(ok(await w.dailyTotals(t1, '2026-11-01', '2026-11-30', { platform: 'google_ads' })).map((d) => [d.date, d.impressions]), [['2026-11-01', 7]]);
  });

  t('a new generation is invisible until activated; the live one cannot be dropped; a drop removes', async ({ w, t1 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1)]));
    assert.is(await w.activeGeneration(), 1);
    ok(await w.prepare(2));
    ok(await w.upsertRows('ads_daily_performance', 2, [perf(t1, { impressions: 5 }), perf(t1, { date: '2026-11-02' })]));
    await w.setCheckpoint(2, 40n);
    assert.equal((await rowsOf(w, 'ads_daily_performance', t1)).map((r) => r.impressions), [1000], 'readers still see g1');
    ok(await w.activate(2));
    assert.is(await w.activeGeneration(), 2);
    assert.equal((await rowsOf(w, 'ads_daily_performance', t1)).map((r) => r.impressions), [5, 1000]);
    refused(await w.dropGeneration(2), /live/);
    ok(await w.dropGeneration(1));
    assert.is(await w.checkpoint(2), 40n);
    ok(await w.prepare(1)); // a dropped generation comes back empty
    ok(await w.activate(1));
    assert.equal(await rowsOf(w, 'ads_daily_performance', t1), []);
    refused(await w.activate(9), /not prepared/);
  });

  t('the checkpoint round-trips per generation and only moves forward', async ({ w, scope }) => {
    assert.is(await w.checkpoint(1), undefined);
    await w.setCheckpoint(1, 10n);
    await w.setCheckpoint(1, 2n ** 40n);
    await w.setCheckpoint(1, 7n); // a replayed batch's older checkpoint
    assert.is(await w.checkpoint(1), 2n ** 40n);
    assert.is(await w.checkpoint(2), undefined);
    const other = await open(scope);
    try {
      assert.is(await other.checkpoint(1), 2n ** 40n);
    } finally {
      await other.close();
    }
  });

  t('bad input is an error value and writes nothing', async ({ w, t1 }) => {
    const upsert = w.upsertRows as (table: string, generation: number, rows: readonly Row[]) => ReturnType<Warehouse['upsertRows']>;
    refused(await upsert('nope', 1, [perf(t1)]), /no reporting table nope/);
    const { ad_id: _, ...keyless } = perf(t1);
    refused(await w.upsertRows('ads_daily_performance', 1, [perf(t1, { date: '2026-11-09' }), keyless]), /lacks its key: ad_id/);
    refused(await w.upsertRows('ads_daily_performance', 1, [{ ...perf(t1), colour: 'red' }]), /unknown columns: colour/);
    refused(await w.upsertRows('ads_daily_performance', 1, [perf(t1, { impressions: 1.5 })]), /impressions must be a whole number/);
    refused(await w.upsertRows('ads_daily_performance', 1, [perf(t1, { date: '2026-02-30' })]), /date must be a date/);
    refused(await w.upsertRows('ads_daily_performance', 1, [{ ...perf(t1), spend: '1.00' }]), /derived from spend_micros/);
    refused(await w.upsertRows('ledger_events', 3, [ledgerEvent(t1, 'e1', 1)]), /not prepared/);
    refused(await w.rows('ads_daily_performance', t1, { limit: 0 }), /limit/);
    refused(await w.rows('approvals', t1, { platform: 'meta' }), /no platform column/);
    refused(await w.rows('ads_daily_performance', ''), /tenant/);
    refused(await w.prepare(0), /generation/);
    refused(await w.dropGeneration(-1), /generation/);
    refused(await w.dailyTotals(t1, '2026-11-01', 'soon'), /range of dates/);
    assert.equal(await rowsOf(w, 'ads_daily_performance', t1), [], 'the good row of a refused load was not written');
  });

  // Two campaigns of t1 (one in USD on Google Ads), a row of t2 that must never count, and a
  // day outside the range. Hand-computed: c1 = 1000+500 impressions, 12.345678+1 spend, …
  const aggregateRows = (t1: string, t2: string): Row[] => [
    perf(t1),
    perf(t1, { ad_id: 'ad2', ad_name: 'Ad 2', impressions: 500, clicks: 5, spend_micros: 1_000_000, conversions: 0.333333, revenue_micros: 0 }),
    perf(t1, { date: '2026-12-01', impressions: 10, clicks: 1, spend_micros: 2_000_000, conversions: 1, revenue_micros: 3_000_000 }),
    perf(t1, { platform: 'google_ads', account_id: '111', account_name: 'G', campaign_id: 'g1', campaign_name: 'search', ad_group_id: '', ad_group_name: null, ad_id: '', ad_name: null, impressions: 7, clicks: 3, spend_micros: 20_000_000, conversions: 1, revenue_micros: 9_000_000, currency: 'USD' }),
    perf(t1, { date: '2027-01-05', impressions: 99 }), // outside every range below
    perf(t2, { impressions: 1_000_000, spend_micros: 999_000_000 }),
  ];
  const sumsOf = (r: { impressions: number; clicks: number; spend_micros: number; conversions_millionths: number; revenue_micros: number; rows: number }) =>
    [r.impressions, r.clicks, r.spend_micros, r.conversions_millionths, r.revenue_micros, r.rows];

  t('aggregate by campaign and ad: integer sums per group and currency, by spend descending, one tenant only', async ({ w, t1, t2 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, aggregateRows(t1, t2)));
    const campaigns = ok(await w.aggregate(t1, { by: 'campaign', from: '2026-11-01', to: '2026-12-31' }));
    assert.equal(campaigns.map((c) => [c.key, c.currency, sumsOf(c)]), [
      [{ platform: 'google_ads', account_id: '111', campaign_id: 'g1', account_name: 'G', campaign_name: 'search' }, 'USD', [7, 3, 20_000_000, 1_000_000, 9_000_000, 1]],
      [{ platform: 'meta', account_id: 'act_1', campaign_id: 'c1', account_name: 'Main', campaign_name: 'kobi_t_meta_sales_v1' }, 'EUR', [1510, 26, 15_345_678, 3_833_333, 53_000_000, 3]],
    ]);
    const ads = ok(await w.aggregate(t1, { by: 'ad', from: '2026-11-01', to: '2026-11-30', platform: 'meta', campaignId: 'c1' }));
    assert.equal(ads.map((a) => [a.key.ad_id, a.key.ad_name, a.key.ad_group_name, sumsOf(a)]), [
      ['ad1', 'Ad 1', 'Ad set 1', [1000, 20, 12_345_678, 2_500_000, 50_000_000, 1]],
      ['ad2', 'Ad 2', 'Ad set 1', [500, 5, 1_000_000, 333_333, 0, 1]],
    ]);
    assert.equal(ok(await w.aggregate(t1, { by: 'ad', from: '2026-11-01', to: '2026-11-30', campaignId: 'nope' })), []);
    assert.equal(ok(await w.aggregate(t1, { by: 'campaign', from: '2026-11-01', to: '2026-12-31', limit: 1 })).map((c) => c.key.campaign_id), ['g1']);
  });

  t('aggregate by month and by currency; tenants with data, their span and totals per currency', async ({ w, t1, t2 }) => {
    ok(await w.upsertRows('ads_daily_performance', 1, aggregateRows(t1, t2)));
    const months = ok(await w.aggregate(t1, { by: 'month', from: '2026-11-01', to: '2026-12-31', platform: 'meta' }));
    assert.equal(months.map((m) => [m.key.month, m.currency, sumsOf(m)]), [
      ['2026-11', 'EUR', [1500, 25, 13_345_678, 2_833_333, 50_000_000, 2]],
      ['2026-12', 'EUR', [10, 1, 2_000_000, 1_000_000, 3_000_000, 1]],
    ]);
    const currencies = ok(await w.aggregate(t1, { by: 'currency', from: '2026-11-01', to: '2026-12-31' }));
    assert.equal(currencies.map((c) => [c.key, c.currency, c.spend_micros]), [[{}, 'EUR', 15_345_678], [{}, 'USD', 20_000_000]]);
    const tenants = ok(await w.tenantsWithData([t1, t2, `ten${uniqueSuffix()}`]));
    assert.equal(tenants.map((d) => [d.tenant_id, d.currency, d.first_date, d.last_date, d.impressions, d.spend_micros, d.rows]), [
      [t1, 'EUR', '2026-11-01', '2027-01-05', 1609, 27_691_356, 4],
      [t1, 'USD', '2026-11-01', '2026-11-01', 7, 20_000_000, 1],
      [t2, 'EUR', '2026-11-01', '2026-11-01', 1_000_000, 999_000_000, 1],
    ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0)));
    assert.equal(ok(await w.tenantsWithData([t2])).map((d) => d.tenant_id), [t2]);
    assert.equal(ok(await w.tenantsWithData([])), []);
    const all = ok(await w.tenantsWithData()); // agency-wide: this scope holds only these two
    assert.equal(all.map((d) => d.tenant_id), tenants.map((d) => d.tenant_id));
  });

  t('a sum past 2^53 is refused, not rounded', async ({ w, t1 }) => {
    const huge = 5_000_000_000_000_000; // each row's micros are exact; two of them are not
    ok(await w.upsertRows('ads_daily_performance', 1, [perf(t1, { spend_micros: huge }), perf(t1, { ad_id: 'ad2', spend_micros: huge })]));
    for (const result of [await w.aggregate(t1, { by: 'campaign', from: '2026-11-01', to: '2026-11-01' }), await w.tenantsWithData([t1])]) {
      assert.ok(isDomainError(result), `expected a refusal, got ${JSON.stringify(result)}`);
      assert.equal([result.kind, result.code, result.details], ['refused', 'warehouse.sum_too_large', { tooLarge: ['spend_micros'] }]);
    }
  });

  t('aggregate and tenant reads refuse bad input', async ({ w, t1 }) => {
    const aggregate = w.aggregate as unknown as (tenant: string, query: Record<string, unknown>) => ReturnType<Warehouse['aggregate']>;
    refused(await aggregate(t1, { by: 'week', from: '2026-11-01', to: '2026-11-02' }), /by campaign, ad, month, currency/);
    refused(await w.aggregate(t1, { by: 'campaign', from: '2026-11-01', to: 'later' }), /range of dates/);
    refused(await w.aggregate('', { by: 'campaign', from: '2026-11-01', to: '2026-11-02' }), /tenant/);
    refused(await w.aggregate(t1, { by: 'ad', from: '2026-11-01', to: '2026-11-02', campaignId: '' }), /campaign/);
    refused(await w.aggregate(t1, { by: 'ad', from: '2026-11-01', to: '2026-11-02', limit: 10_001 }), /limit/);
    refused(await w.tenantsWithData(['']), /Tenant ids/);
  });

  t('probe answers when the warehouse can take writes', async ({ w }) => {
    await w.probe();
  });

  t.run();
}
