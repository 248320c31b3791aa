// KPIs of a period (sums, then ratios of the sums) and the comparison with the previous period
// of equal length (spec 003 §7.2 WeeklyAnalysisTask: current vs compare period).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { thenRefused } from '../support/then.ts';
import { aDay, thenValue } from '../support/performance.ts';
import { addDays, daysFrom, previousPeriod } from '../../domain/performance/days.ts';
import { change, compareKpis, periodKpis } from '../../domain/performance/kpis.ts';
import { toUnits } from '../../domain/performance/decimal.ts';

const week = { from: '2026-11-08', to: '2026-11-14' };
const lastWeek = { from: '2026-11-01', to: '2026-11-07' };

const days = suite('performance days: periods as the tenant reads them');

days('the previous period has the same length and ends the day before', () => {
  assert.equal(previousPeriod(week), lastWeek);
  assert.equal(previousPeriod({ from: '2028-03-01', to: '2028-03-01' }), { from: '2028-02-29', to: '2028-02-29' });
  assert.equal(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }), { from: '2026-01-29', to: '2026-02-28' });
});

days('day arithmetic crosses months, years and daylight-saving changes', () => {
  assert.is(addDays('2026-12-31', 1), '2027-01-01');
  assert.is(addDays('2026-03-29', 1), '2026-03-30'); // EU clocks go forward that night
  assert.is(daysFrom('2026-10-24', '2026-10-26'), 2);
});

days.run();

const kpis = suite('performance KPIs: sums then ratios');

kpis('given two unequal days, then the period CTR and CPC are ratios of the sums, not means of the daily ratios', () => {
  const rows = [aDay('2026-11-08', { impressions: 100, clicks: 10, spendMicros: 1_000_000 }), aDay('2026-11-09', { impressions: 900, clicks: 9, spendMicros: 9_000_000 })];
  const k = thenValue(periodKpis(rows, week));
  // daily CTRs 10% and 1% (mean 5.5); the period: 19 / 1000 = 1.9%. CPC: 10 / 19 = 0.526316 (mean of daily 0.55).
  assert.equal({ impressions: k.impressions, clicks: k.clicks, spend: k.spend, ctr: k.ctr, cpc: k.cpc }, { impressions: 1000, clicks: 19, spend: 10, ctr: 1.9, cpc: 0.526316 });
});

kpis('given rows outside the period, then they do not count', () => {
  const k = thenValue(periodKpis([aDay('2026-11-07'), aDay('2026-11-08'), aDay('2026-11-14'), aDay('2026-11-15')], week));
  assert.equal({ rows: k.rows, spendMicros: k.spendMicros, days: k.days }, { rows: 2, spendMicros: 20_000_000, days: 7 });
});

kpis('given fractional conversions, then they add up exactly and CPA and ROAS follow', () => {
  const k = thenValue(periodKpis([aDay('2026-11-08', { conversions: 0.1 }), aDay('2026-11-09', { conversions: 0.2 })], week));
  assert.is(k.conversions, 0.3); // 0.1 + 0.2 is 0.30000000000000004 in floats
  assert.is(k.cpa, 66.666667); // 20 / 0.3
  assert.is(k.roas, 3); // 60 / 20
  assert.is(k.cvr, 1.5); // 0.3 / 20 clicks
});

kpis('given no rows, then totals are 0, ratios null and no currency', () => {
  const k = thenValue(periodKpis([], week));
  assert.equal(
    { rows: k.rows, currency: k.currency, spend: k.spend, cpc: k.cpc, cpm: k.cpm, ctr: k.ctr, cvr: k.cvr, cpa: k.cpa, roas: k.roas },
    { rows: 0, currency: null, spend: 0, cpc: null, cpm: null, ctr: null, cvr: null, cpa: null, roas: null },
  );
});

kpis('given two currencies in a period, then it is refused rather than added', () => {
  const refused = thenRefused(periodKpis([aDay('2026-11-08'), aDay('2026-11-09', { currency: 'USD' })], week), 'performance.mixed_currencies', 'refused');
  assert.equal(refused.details, { currencies: ['EUR', 'USD'] });
});

kpis('given sums past 2^53 micros, then the period is refused rather than rounded', () => {
  const big = Math.floor(Number.MAX_SAFE_INTEGER / 2) + 1; // two of these pass MAX_SAFE_INTEGER by one
  const refused = thenRefused(periodKpis([aDay('2026-11-08', { spendMicros: big }), aDay('2026-11-09', { spendMicros: big })], week), 'performance.sum_too_large', 'refused');
  assert.equal(refused.details, { tooLarge: ['spendMicros'] });
  const k = thenValue(periodKpis([aDay('2026-11-08', { spendMicros: big }), aDay('2026-11-09', { spendMicros: big - 1 })], week));
  assert.is(k.spendMicros, Number.MAX_SAFE_INTEGER);
});

kpis.run();

const compare = suite('performance KPIs: against the previous period');

compare('given spend up from 100 to 150 and ROAS down from 2.5 to 2, then the changes are +50% and −20% exactly', () => {
  const rows = [
    aDay('2026-11-03', { spendMicros: 100_000_000, revenueMicros: 250_000_000 }),
    aDay('2026-11-10', { spendMicros: 150_000_000, revenueMicros: 300_000_000 }),
  ];
  const c = thenValue(compareKpis(thenValue(periodKpis(rows, week)), thenValue(periodKpis(rows, lastWeek))));
  assert.equal(c.metrics.spend, { current: 150, previous: 100, change: 50, changePct: 50 });
  assert.equal(c.metrics.roas, { current: 2, previous: 2.5, change: -0.5, changePct: -20 });
  assert.equal(c.metrics.clicks, { current: 10, previous: 10, change: 0, changePct: 0 });
  assert.equal({ current: c.current, previous: c.previous }, { current: week, previous: lastWeek });
});

compare('given a previous value of 0, then the % change is null and the absolute change stays', () => {
  assert.equal(change(5, 0), { current: 5, previous: 0, change: 5, changePct: null });
  assert.equal(change(null, 2), { current: null, previous: 2, change: null, changePct: null });
  assert.equal(change(2, null), { current: 2, previous: null, change: null, changePct: null });
});

compare('the % change rounds to 2 places, half away from zero', () => {
  assert.is(change(1, 3).changePct, -66.67); // −66.666…
  assert.is(change(2, 3).changePct, -33.33);
  assert.is(change(1.00005, 1).changePct, 0.01); // +0.005% -> 0.01
  assert.is(change(0.99995, 1).changePct, -0.01);
});

compare('given periods of different lengths, then the comparison is refused', () => {
  const k = thenValue(periodKpis([], week));
  thenRefused(compareKpis(k, thenValue(periodKpis([], { from: '2026-11-01', to: '2026-11-06' }))), 'performance.unequal_periods', 'refused');
});

compare('given periods in different currencies, then the comparison is refused', () => {
  const eur = thenValue(periodKpis([aDay('2026-11-10')], week));
  const usd = thenValue(periodKpis([aDay('2026-11-03', { currency: 'USD' })], lastWeek));
  thenRefused(compareKpis(eur, usd), 'performance.mixed_currencies', 'refused');
});

compare.run();

const units = suite('performance decimals: values to integer units');

units('a 6-place value becomes its integer count of millionths, exactly, even past 2^53', () => {
  assert.is(toUnits(2.5), 2_500_000n);
  assert.is(toUnits(-0.000001), -1n);
  assert.is(toUnits(1_234_567_890.123457), 1_234_567_890_123_457n);
  assert.is(toUnits(12_345_678_901.5), 12_345_678_901_500_000n);
  assert.is(toUnits(9_100_007_919.123457), 9_100_007_919_123_457n); // Math.round(v * 1e6) gives …456
});

units.run();
