import { refuse, type DomainError } from '../shared/errors.ts';
import { contains, lengthOf, type Period } from './days.ts';
import { fromMillionths, quotient, toMillionths, toUnits } from './decimal.ts';
import { measuredTotals, type MeasuredTotals, type ReportingRow } from './metrics.ts';

// KPIs of a period: sums first, ratios of the sums after (a period's CTR is its clicks over its
// impressions, never the mean of daily CTRs). Reach is left out: unique people do not add up.
export type KpiRow = Pick<ReportingRow, 'date' | 'impressions' | 'clicks' | 'spendMicros' | 'conversions' | 'revenueMicros' | 'currency'>;

export interface Kpis extends MeasuredTotals {
  readonly period: Period;
  readonly days: number;
  readonly rows: number;
  readonly currency: string | null; // null when the period has no rows
}

export function periodKpis(rows: readonly KpiRow[], period: Period): Kpis | DomainError {
  const inPeriod = rows.filter((r) => contains(period, r.date));
  const currencies = [...new Set(inPeriod.map((r) => r.currency))].sort();
  if (currencies.length > 1) return refuse('performance.mixed_currencies', `Rows in ${period.from}..${period.to} are in ${currencies.join(', ')}; KPIs add one currency only`, { currencies });
  // Added as BigInt, so a sum past 2^53 is refused instead of silently losing its last digits.
  let impressionsSum = 0n;
  let clicksSum = 0n;
  let spendSum = 0n;
  let revenueSum = 0n;
  let conversionsMillionths = 0n; // conversions are fractional: add them as integers
  for (const r of inPeriod) {
    impressionsSum += BigInt(r.impressions);
    clicksSum += BigInt(r.clicks);
    spendSum += BigInt(r.spendMicros);
    revenueSum += BigInt(r.revenueMicros);
    conversionsMillionths += toMillionths(r.conversions);
  }
  const tooLarge = Object.entries({ impressions: impressionsSum, clicks: clicksSum, spendMicros: spendSum, revenueMicros: revenueSum, conversionsMillionths })
    .filter(([, v]) => v > BigInt(Number.MAX_SAFE_INTEGER))
    .map(([k]) => k);
  if (tooLarge.length > 0) return refuse('performance.sum_too_large', `The sums of ${tooLarge.join(', ')} in ${period.from}..${period.to} pass 2^53; report a shorter period or a smaller scope`, { tooLarge });
  const [impressions, clicks, spendMicros, revenueMicros] = [impressionsSum, clicksSum, spendSum, revenueSum].map(Number) as [number, number, number, number];
  return {
    period,
    days: lengthOf(period),
    rows: inPeriod.length,
    currency: currencies[0] ?? null,
    ...measuredTotals({ impressions, clicks, spendMicros, conversionsMillionths, revenueMicros }),
  };
}

export const comparedMetrics = ['impressions', 'clicks', 'spend', 'conversions', 'revenue', 'cpc', 'cpm', 'ctr', 'cvr', 'cpa', 'roas'] as const;
export type ComparedMetric = (typeof comparedMetrics)[number];

export interface Change {
  readonly current: number | null;
  readonly previous: number | null;
  readonly change: number | null; // current − previous, exact to 6 places
  readonly changePct: number | null; // (current − previous) / previous × 100, 2 places; null when previous is 0 or null
}

export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { current, previous, change: null, changePct: null };
  const c = toUnits(current);
  const p = toUnits(previous);
  return { current, previous, change: fromMillionths(c - p), changePct: quotient((c - p) * 100n, p, 2) };
}

export interface KpiComparison {
  readonly current: Period;
  readonly previous: Period;
  readonly metrics: Readonly<Record<ComparedMetric, Change>>;
}

// Compares two periods of equal length (callers take the previous one from days.previousPeriod).
export function compareKpis(current: Kpis, previous: Kpis): KpiComparison | DomainError {
  if (current.days !== previous.days) return refuse('performance.unequal_periods', `A ${current.days}-day period compares with one of equal length, not ${previous.days} days`);
  if (current.currency && previous.currency && current.currency !== previous.currency) {
    return refuse('performance.mixed_currencies', `The periods are in ${current.currency} and ${previous.currency}`);
  }
  const metrics = Object.fromEntries(comparedMetrics.map((m) => [m, change(current[m], previous[m])])) as Record<ComparedMetric, Change>;
  return { current: current.period, previous: previous.period, metrics };
}
