// Pacing (spec 003 §5.2 budget-pacing-planner-agent "calculations") with our tolerance band, and
// the IBVI overspend alert (spec 002 "Alerting": > 110 % of daily budget).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { thenRefused } from '../support/then.ts';
import { thenValue } from '../support/performance.ts';
import { overspendAlerts, pacing, tolerancePct, type Pacing } from '../../domain/performance/pacing.ts';

const november = { from: '2026-11-01', to: '2026-11-30' }; // 30 days
const eur = (amount: number): number => Math.round(amount * 1_000_000);
const paced = (today: string, spent: number, budget = 3000): Pacing => thenValue(pacing({ flight: november, budgetMicros: eur(budget), spentMicros: eur(spent), today }));
const statusOf = (today: string, spent: number): string => paced(today, spent).status;

const t = suite('performance pacing: planned to date, variance, required daily spend');

t('given 10 of 30 days gone and a third spent, then it is on track with 100 a day to go', () => {
  assert.equal(paced('2026-11-11', 1000), {
    totalDays: 30, daysElapsed: 10, daysRemaining: 20, plannedToDateMicros: eur(1000), spentMicros: eur(1000),
    variancePct: 0, requiredDailyMicros: eur(100), tolerancePct: 15, status: 'on_track',
  });
});

t('given 15% over or under plan early in the flight, then it is on track at the edge and off it one micro past', () => {
  assert.is(statusOf('2026-11-11', 1150), 'on_track');
  assert.is(paced('2026-11-11', 1150).variancePct, 15);
  assert.is(statusOf('2026-11-11', 1150.000001), 'over_pacing');
  assert.is(statusOf('2026-11-11', 850), 'on_track');
  assert.is(statusOf('2026-11-11', 849.999999), 'under_pacing');
});

t('the band narrows: ±15% in the first half, ±10% from the middle, ±5% in the last 3 days', () => {
  assert.equal([0, 14, 15, 26, 27, 29, 30].map((elapsed) => tolerancePct(elapsed, 30)), [15, 15, 10, 10, 5, 5, 5]);
  assert.is(tolerancePct(0, 3), 5); // a 3-day flight is all end
});

t('given the same +8% variance, then it is on track with 4 days left and over pacing with 3', () => {
  assert.is(statusOf('2026-11-27', 2808), 'on_track'); // 26 days: planned 2600, +8%
  assert.is(statusOf('2026-11-28', 2916), 'over_pacing'); // 27 days: planned 2700, +8%
  assert.is(paced('2026-11-28', 2916).variancePct, 8);
});

t('near the end: ±5% at the edge is on track, a micro past it is not', () => {
  assert.is(statusOf('2026-11-28', 2835), 'on_track');
  assert.is(statusOf('2026-11-28', 2835.000001), 'over_pacing');
  assert.is(statusOf('2026-11-28', 2565), 'on_track');
  assert.is(statusOf('2026-11-28', 2564.999999), 'under_pacing');
  assert.is(paced('2026-11-28', 2565).requiredDailyMicros, eur(145)); // (3000 − 2565) / 3
});

t('on the last day the required spend is what is left; after the end no day remains', () => {
  const last = paced('2026-11-30', 2950);
  assert.equal({ remaining: last.daysRemaining, required: last.requiredDailyMicros }, { remaining: 1, required: eur(50) });
  const after = paced('2026-12-05', 3000);
  assert.equal(
    { elapsed: after.daysElapsed, remaining: after.daysRemaining, planned: after.plannedToDateMicros, required: after.requiredDailyMicros, status: after.status },
    { elapsed: 30, remaining: 0, planned: eur(3000), required: null, status: 'on_track' },
  );
});

t('given the budget already spent, then the required daily spend is 0, not negative', () => {
  const over = paced('2026-11-28', 3100);
  assert.equal({ required: over.requiredDailyMicros, status: over.status }, { required: 0, status: 'over_pacing' });
});

t('before the flight and on its first day nothing is planned: no variance, and any spend is over pacing', () => {
  const before = paced('2026-10-25', 0);
  assert.equal(
    { elapsed: before.daysElapsed, planned: before.plannedToDateMicros, variance: before.variancePct, required: before.requiredDailyMicros, status: before.status },
    { elapsed: 0, planned: 0, variance: null, required: eur(100), status: 'on_track' },
  );
  assert.is(statusOf('2026-11-01', 0), 'on_track');
  assert.is(statusOf('2026-11-01', 0.000001), 'over_pacing');
});

t('planned to date rounds to the micro: 1000 over 3 days is 333.333333 after one', () => {
  const p = thenValue(pacing({ flight: { from: '2026-11-01', to: '2026-11-03' }, budgetMicros: eur(1000), spentMicros: eur(300), today: '2026-11-02' }));
  assert.equal({ planned: p.plannedToDateMicros, variance: p.variancePct, status: p.status }, { planned: 333_333_333, variance: -10, status: 'under_pacing' });
});

t('a flight that ends before it starts, or a negative amount, is refused', () => {
  thenRefused(pacing({ flight: { from: '2026-11-30', to: '2026-11-01' }, budgetMicros: 1, spentMicros: 0, today: '2026-11-10' }), 'performance.invalid_flight', 'invalid');
  thenRefused(pacing({ flight: november, budgetMicros: -1, spentMicros: 0, today: '2026-11-10' }), 'performance.negative_amount', 'invalid');
});

t.run();

const alerts = suite('performance pacing: IBVI overspend alert above 110% of the daily budget');

alerts('at 110% nothing; a micro above and far above raise an alert each', () => {
  const days = [
    { date: '2026-11-01', spendMicros: eur(110) },
    { date: '2026-11-02', spendMicros: eur(110.000001) },
    { date: '2026-11-03', spendMicros: eur(150) },
    { date: '2026-11-04', spendMicros: eur(90) },
  ];
  assert.equal(overspendAlerts(days, eur(100)), [
    { date: '2026-11-02', spendMicros: eur(110.000001), dailyBudgetMicros: eur(100), pctOfBudget: 110 },
    { date: '2026-11-03', spendMicros: eur(150), dailyBudgetMicros: eur(100), pctOfBudget: 150 },
  ]);
});

alerts('given a daily budget of 0, then any spend is an overspend without a percentage', () => {
  assert.equal(overspendAlerts([{ date: '2026-11-01', spendMicros: 1 }, { date: '2026-11-02', spendMicros: 0 }], 0), [
    { date: '2026-11-01', spendMicros: 1, dailyBudgetMicros: 0, pctOfBudget: null },
  ]);
});

alerts.run();
