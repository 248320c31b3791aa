// Normalisation of one platform row (DESIGN §3 "Performance", spec 003 §5.2 normalizer-agent):
// each ratio hand-computed (Python Decimal, half-up to 6 places), null on a zero denominator,
// and exact where float division is not.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normaliseRow, platformDayRowSchema, type PlatformDayRow, type Ratios } from '../../domain/performance/metrics.ts';

const context = { tenantId: 'acme', accountName: 'ACME Shop', syncedAt: '2026-11-30T06:00:00Z' };
const aRow = (over: Partial<PlatformDayRow> = {}): PlatformDayRow => ({
  platform: 'meta',
  accountId: 'act_1',
  campaignId: 'c1',
  campaignName: 'kobi_acme_meta_sales_v1',
  adGroupId: 'as1',
  adGroupName: 'Ad set 1',
  adId: 'ad1',
  adName: 'Ad 1',
  date: '2026-11-20',
  impressions: 1234,
  reach: 1000,
  clicks: 7,
  costMicros: 12_345_678,
  conversions: 2.5,
  conversionValueMicros: 98_765_432,
  currency: 'EUR',
  attribution: { window: '7d_click_1d_view', reportTime: 'impression' },
  ...over,
});
const ratios = (r: Ratios): Ratios => ({ cpc: r.cpc, cpm: r.cpm, ctr: r.ctr, cvr: r.cvr, cpa: r.cpa, roas: r.roas });

const t = suite('performance metrics: one platform row normalised');

t('given a Meta row with fractional conversions, then every ratio is the hand-computed value', () => {
  const row = normaliseRow(aRow(), context);
  // 12.345678/7, 12.345678/1234*1000, 7/1234*100, 2.5/7*100, 12.345678/2.5, 98.765432/12.345678
  assert.equal(ratios(row), { cpc: 1.763668, cpm: 10.004601, ctr: 0.567261, cvr: 35.714286, cpa: 4.938271, roas: 8.000001 });
  assert.is(row.spend, 12.345678);
  assert.is(row.spendMicros, 12_345_678);
  assert.is(row.revenue, 98.765432);
  assert.is(row.conversions, 2.5);
});

t('given nothing delivered, then every ratio is null, not 0 or NaN', () => {
  const row = normaliseRow(aRow({ impressions: 0, reach: 0, clicks: 0, costMicros: 0, conversions: 0, conversionValueMicros: 0 }), context);
  assert.equal(ratios(row), { cpc: null, cpm: null, ctr: null, cvr: null, cpa: null, roas: null });
});

t('given impressions and spend but no clicks or conversions, then only the ratios over clicks and conversions are null', () => {
  const row = normaliseRow(aRow({ impressions: 4000, clicks: 0, costMicros: 10_000_000, conversions: 0, conversionValueMicros: 0 }), context);
  assert.equal(ratios(row), { cpc: null, cpm: 2.5, ctr: 0, cvr: null, cpa: null, roas: 0 });
});

t('given conversions but no spend (a free conversion), then CPA is 0 and ROAS null', () => {
  const row = normaliseRow(aRow({ costMicros: 0, conversions: 1, conversionValueMicros: 5_000_000 }), context);
  assert.is(row.cpa, 0);
  assert.is(row.roas, null);
});

t('given amounts where float division drifts, then the ratio is the exact decimal', () => {
  // 0.3/3 is 0.09999999999999999 in floats, 7/100*100 is 7.000000000000001, 0.7/0.1 is 6.999999999999999.
  const row = normaliseRow(aRow({ costMicros: 300_000, clicks: 3, impressions: 100 }), context);
  assert.is(row.cpc, 0.1);
  assert.is(normaliseRow(aRow({ clicks: 7, impressions: 100 }), context).ctr, 7);
  assert.is(normaliseRow(aRow({ costMicros: 700_000, conversions: 0.1 }), context).cpa, 7);
});

t('given the largest safe micros, then spendMicros keeps every digit and the ratios are computed from it', () => {
  const row = normaliseRow(aRow({ costMicros: Number.MAX_SAFE_INTEGER, clicks: 3, impressions: 4_000_000_000 }), context);
  assert.is(row.spendMicros, 9_007_199_254_740_991);
  assert.is(row.cpc, 3_002_399_751.58033); // 9007199254.740991 / 3 = 3002399751.580330|333
  assert.is(row.cpm, 2251.799814); // 9007199254.740991 / 4e9 * 1000 = 2251.799813|685
  // a double cannot hold 16 significant digits: `spend` is the nearest one, the micros are the authority
  assert.is(row.spend.toFixed(6), '9007199254.740992');
});

t('given spend up to a billion less a micro, then spend as a number prints back to the micro', () => {
  assert.is(String(normaliseRow(aRow({ costMicros: 999_999_999_999_999 }), context).spend), '999999999.999999');
  assert.is(String(normaliseRow(aRow({ costMicros: 100_000_001 }), context).spend), '100.000001');
});

t('given a half at the sixth decimal, then it rounds up', () => {
  // 0.000001 / 2 clicks = 0.0000005 -> 0.000001; 1 click in 8 impressions = 12.5%
  assert.is(normaliseRow(aRow({ costMicros: 1, clicks: 2 }), context).cpc, 0.000001);
  assert.is(normaliseRow(aRow({ clicks: 1, impressions: 8 }), context).ctr, 12.5);
});

t('given the same row synced again, then it is not restated; given late conversions, then it is', () => {
  const first = normaliseRow(aRow(), context);
  assert.is(first.restated, false);
  assert.is(normaliseRow(aRow(), { ...context, syncedAt: '2026-12-01T06:00:00Z' }, first).restated, false);
  const later = normaliseRow(aRow({ conversions: 3.5, conversionValueMicros: 120_000_000 }), context, first);
  assert.is(later.restated, true);
  assert.is(later.cpa, 3.527337); // 12.345678 / 3.5 = 3.527336|571
  // once restated, a row stays restated
  assert.is(normaliseRow(aRow({ conversions: 3.5, conversionValueMicros: 120_000_000 }), context, later).restated, true);
});

t('the row carries the DESIGN §6 dimensions and the context', () => {
  const row = normaliseRow(aRow(), context);
  assert.equal(
    { tenantId: row.tenantId, accountName: row.accountName, adGroupName: row.adGroupName, currency: row.currency, syncedAt: row.syncedAt, attribution: row.attribution },
    { tenantId: 'acme', accountName: 'ACME Shop', adGroupName: 'Ad set 1', currency: 'EUR', syncedAt: '2026-11-30T06:00:00Z', attribution: { window: '7d_click_1d_view', reportTime: 'impression' } },
  );
});

t('the input schema refuses what a platform row cannot be', () => {
  assert.ok(platformDayRowSchema.safeParse(aRow()).success);
  for (const bad of [{ costMicros: 1.5 }, { clicks: -1 }, { conversions: -0.5 }, { date: '2026-02-30' }, { currency: 'eur' }]) {
    assert.not.ok(platformDayRowSchema.safeParse(aRow(bad as Partial<PlatformDayRow>)).success, JSON.stringify(bad));
  }
});

t.run();
