// Anomaly rules of spec 003 §5.2 (anomaly-detector-agent "detection_rules"): each at its threshold
// (fires: the threshold is the change itself), one 10^-6 step short of it (quiet) and one past it
// (fires); and days still inside the platform's lookback left out unless asked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { thenRefused } from '../support/then.ts';
import { aDay, thenValue } from '../support/performance.ts';
import { defaultLookbackDays, detectAnomalies, settledThrough, type AnomalyInput } from '../../domain/performance/anomalies.ts';
import type { KpiRow } from '../../domain/performance/kpis.ts';

const period = { from: '2026-10-08', to: '2026-10-14' }; // compared with 2026-10-01..07
const settled = { today: '2026-11-30', lookbackDays: 28 };
const report = (before: Partial<KpiRow>, after: Partial<KpiRow>, over: Partial<AnomalyInput> = {}) =>
  thenValue(detectAnomalies({ rows: [aDay('2026-10-03', before), aDay('2026-10-10', after)], period, ...settled, ...over }));
const fired = (before: Partial<KpiRow>, after: Partial<KpiRow>): string[] => report(before, after).anomalies.map((a) => a.rule);

const rules = suite('performance anomalies: every rule at, short of and past its threshold');

rules('given an unchanged period, then nothing fires', () => {
  assert.equal(fired({}, {}), []);
});

rules('ROAS −20% is high: 2.5 -> 2 fires, -> 2.000001 does not, -> 1.999999 does', () => {
  const before = { spendMicros: 100_000_000, revenueMicros: 250_000_000 };
  assert.equal(fired(before, { spendMicros: 100_000_000, revenueMicros: 200_000_000 }), ['roas_drop']);
  assert.equal(fired(before, { spendMicros: 100_000_000, revenueMicros: 200_000_100 }), []);
  assert.equal(fired(before, { spendMicros: 100_000_000, revenueMicros: 199_999_900 }), ['roas_drop']);
  assert.equal(report(before, { spendMicros: 100_000_000, revenueMicros: 200_000_000 }).anomalies, [
    { rule: 'roas_drop', metric: 'roas', severity: 'high', thresholdPct: -20, current: 2, previous: 2.5, changePct: -20 },
  ]);
});

rules('CPA +25% is high: 25 -> 31.25 fires, -> 31.249999 does not, -> 31.250001 does (ROAS held at 2.5)', () => {
  const before = { spendMicros: 100_000_000, conversions: 4, revenueMicros: 250_000_000 };
  assert.equal(fired(before, { spendMicros: 125_000_000, conversions: 4, revenueMicros: 312_500_000 }), ['cpa_increase']);
  assert.equal(fired(before, { spendMicros: 124_999_996, conversions: 4, revenueMicros: 312_499_990 }), []);
  assert.equal(fired(before, { spendMicros: 125_000_004, conversions: 4, revenueMicros: 312_500_010 }), ['cpa_increase']);
  assert.is(report(before, { spendMicros: 125_000_000, conversions: 4, revenueMicros: 312_500_000 }).anomalies[0]?.severity, 'high');
});

rules('CTR −15% is medium: 2% -> 1.7% fires, -> 1.700001% does not, -> 1.699999% does', () => {
  const before = { impressions: 100_000_000, clicks: 2_000_000 };
  assert.equal(fired(before, { impressions: 100_000_000, clicks: 1_700_000 }), ['ctr_drop']);
  assert.equal(fired(before, { impressions: 100_000_000, clicks: 1_700_001 }), []);
  assert.equal(fired(before, { impressions: 100_000_000, clicks: 1_699_999 }), ['ctr_drop']);
  assert.is(report(before, { impressions: 100_000_000, clicks: 1_700_000 }).anomalies[0]?.severity, 'medium');
});

rules('spend +50% is medium: 100 -> 150 fires, -> 149.999999 does not, -> 150.000001 does (ROAS and CPA held)', () => {
  const before = { spendMicros: 100_000_000, revenueMicros: 300_000_000, conversions: 1 };
  assert.equal(fired(before, { spendMicros: 150_000_000, revenueMicros: 450_000_000, conversions: 1.5 }), ['spend_spike']);
  assert.equal(fired(before, { spendMicros: 149_999_999, revenueMicros: 449_999_997, conversions: 1.5 }), []);
  assert.equal(fired(before, { spendMicros: 150_000_001, revenueMicros: 450_000_003, conversions: 1.5 }), ['spend_spike']);
  assert.is(report(before, { spendMicros: 150_000_000, revenueMicros: 450_000_000, conversions: 1.5 }).anomalies[0]?.severity, 'medium');
});

rules('impressions −30% is low: 10000 -> 7000 fires, -> 7001 does not, -> 6999 does', () => {
  const before = { impressions: 10_000 };
  assert.equal(fired(before, { impressions: 7000 }), ['impressions_drop']);
  assert.equal(fired(before, { impressions: 7001 }), []);
  assert.equal(fired(before, { impressions: 6999 }), ['impressions_drop']);
  assert.is(report(before, { impressions: 7000 }).anomalies[0]?.severity, 'low');
});

rules('rises of ROAS, CTR and impressions and falls of CPA and spend are not anomalies', () => {
  assert.equal(fired({ spendMicros: 100_000_000, conversions: 4, revenueMicros: 250_000_000 }, { spendMicros: 40_000_000, conversions: 4, revenueMicros: 250_000_000 }), []);
  assert.equal(fired({ impressions: 1000, clicks: 10 }, { impressions: 5000, clicks: 100 }), []);
});

rules('given no previous spend, then there is no % change and nothing fires', () => {
  const r = thenValue(detectAnomalies({ rows: [aDay('2026-10-10')], period, ...settled }));
  assert.equal(r.anomalies, []);
});

rules('given rows in two currencies, then detection is refused', () => {
  thenRefused(detectAnomalies({ rows: [aDay('2026-10-03', { currency: 'USD' }), aDay('2026-10-10')], period, ...settled }), 'performance.mixed_currencies');
});

rules.run();

const lookback = suite('performance anomalies: days inside the lookback window');

const spikeOn = (date: string): KpiRow[] => [aDay('2026-10-22'), aDay('2026-10-29'), aDay(date, { spendMicros: 100_000_000, revenueMicros: 300_000_000, conversions: 10 })];
const fortnight = { from: '2026-10-27', to: '2026-11-09' };

lookback('a day is settled once the lookback has passed: 28 days before 2026-11-30 is 2026-11-02; Google waits 30', () => {
  assert.is(settledThrough('2026-11-30', 28), '2026-11-02');
  assert.is(defaultLookbackDays.meta, 28);
  assert.is(defaultLookbackDays.google_ads, 30);
  assert.is(settledThrough('2026-11-30', defaultLookbackDays.google_ads!), '2026-10-31');
});

lookback('given a spike on an unsettled day, then it is left out and the period is judged up to the last settled day', () => {
  const r = thenValue(detectAnomalies({ rows: spikeOn('2026-11-05'), period: fortnight, today: '2026-11-30', lookbackDays: 28 }));
  assert.equal(r.judged, { current: { from: '2026-10-27', to: '2026-11-02' }, previous: { from: '2026-10-20', to: '2026-10-26' } });
  assert.is(r.unsettledDaysLeftOut, 7);
  assert.equal(r.anomalies, []);
});

lookback('given the same spike and includeUnsettled, then the whole period is judged and the spike fires', () => {
  const r = thenValue(detectAnomalies({ rows: spikeOn('2026-11-05'), period: fortnight, today: '2026-11-30', lookbackDays: 28, includeUnsettled: true }));
  assert.equal(r.judged, { current: fortnight, previous: { from: '2026-10-13', to: '2026-10-26' } });
  assert.is(r.unsettledDaysLeftOut, 0);
  assert.equal(r.anomalies.map((a) => a.rule), ['spend_spike']);
});

lookback('at the boundary: the spike on the last settled day counts, one day later it does not', () => {
  const onEdge = thenValue(detectAnomalies({ rows: spikeOn('2026-11-02'), period: { from: '2026-10-27', to: '2026-11-02' }, today: '2026-11-30', lookbackDays: 28 }));
  assert.equal(onEdge.anomalies.map((a) => a.rule), ['spend_spike']);
  assert.is(onEdge.unsettledDaysLeftOut, 0);
  const dayLater = thenValue(detectAnomalies({ rows: spikeOn('2026-11-02'), period: { from: '2026-10-27', to: '2026-11-02' }, today: '2026-11-29', lookbackDays: 28 }));
  assert.equal(dayLater.judged?.current, { from: '2026-10-27', to: '2026-11-01' });
  assert.is(dayLater.unsettledDaysLeftOut, 1);
  assert.equal(dayLater.anomalies, []);
});

lookback('given a period entirely inside the window, then nothing is judged and every day is counted as left out', () => {
  const r = thenValue(detectAnomalies({ rows: spikeOn('2026-11-25'), period: { from: '2026-11-23', to: '2026-11-29' }, today: '2026-11-30', lookbackDays: 28 }));
  assert.equal({ judged: r.judged, left: r.unsettledDaysLeftOut, anomalies: r.anomalies }, { judged: null, left: 7, anomalies: [] });
});

lookback.run();
