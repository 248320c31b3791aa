// Warehouse sums as the reporting API answers them: camelCase, money in micros (exact) and
// in units (for display), and the ratios of domain/performance computed once from the integer
// totals (never a mean of per-row ratios); a ratio whose denominator is 0 is null.
import { toMillionths } from '../../domain/performance/decimal.ts';
import { measuredTotals, type MeasuredTotals } from '../../domain/performance/metrics.ts';
import { refuse, type DomainError } from '../../domain/shared/errors.ts';
import type { AggregateRow, DailyTotal, GroupTotals } from '../../readmodels/warehouse/port.ts';

export interface TotalsJson extends MeasuredTotals {
  readonly rows: number; // ads_daily_performance rows summed
}

export function totalsJson(t: GroupTotals): TotalsJson {
  const measured = measuredTotals({ impressions: t.impressions, clicks: t.clicks, spendMicros: t.spend_micros, conversionsMillionths: BigInt(t.conversions_millionths), revenueMicros: t.revenue_micros });
  return { ...measured, rows: t.rows };
}

export const emptyTotals: GroupTotals = { impressions: 0, clicks: 0, spend_micros: 0, conversions_millionths: 0, revenue_micros: 0, rows: 0 };

// dailyTotals gives conversions as a number; in millionths they are integers again.
export const dailyGroupTotals = (d: DailyTotal): GroupTotals => ({
  impressions: d.impressions, clicks: d.clicks, spend_micros: d.spend_micros,
  conversions_millionths: Number(toMillionths(d.conversions)), revenue_micros: d.revenue_micros, rows: d.rows,
});

// Totals across a tenant add one currency only: rows in two (a Google Ads account in USD beside
// a Meta one in EUR) are refused with the currencies named, not summed into nonsense. Campaign
// and ad lists never need this: each group carries its own currency.
export function singleCurrency(groups: readonly Pick<AggregateRow, 'currency'>[]): string | null | DomainError {
  const currencies = [...new Set(groups.map((g) => g.currency))].sort();
  if (currencies.length > 1) {
    return refuse('performance.mixed_currencies', `This range has rows in ${currencies.join(', ')}; totals add one currency only: filter by platform, or read campaigns (each in its own currency)`, { currencies });
  }
  return currencies[0] ?? null;
}
