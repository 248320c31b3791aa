import { z } from 'zod';
import { currencySchema, isoDateSchema, platformSchema } from '../shared/values.ts';
import { performanceRowSchema } from './syncEvents.ts';
import { fromMillionths, quotient, toMillionths } from './decimal.ts';

// One ad on one day as a platform reports it: the fields of the platform port's
// DailyPerformanceRow (connectors/platforms/port.ts), written here because domain/ imports
// nothing outside itself. The ad's measures are the ones a sync records (syncEvents.ts).
export const platformDayRowSchema = z.object({
  ...performanceRowSchema.shape,
  platform: platformSchema,
  accountId: z.string(),
  date: isoDateSchema,
  currency: currencySchema,
  attribution: z.object({ window: z.string(), reportTime: z.string() }),
});
export type PlatformDayRow = z.infer<typeof platformDayRowSchema>;

// The ratios of DESIGN §3 "Performance" and spec 003 §5.2 (normalizer-agent "transformations"),
// plus CVR from spec 003 §6.1. Each is null when its denominator is 0.
export interface Ratios {
  readonly cpc: number | null; // spend / clicks
  readonly cpm: number | null; // spend / impressions * 1000
  readonly ctr: number | null; // clicks / impressions * 100
  readonly cvr: number | null; // conversions / clicks * 100
  readonly cpa: number | null; // spend / conversions
  readonly roas: number | null; // revenue / spend
}

// The totals a ratio is computed from, all integers: money in micros, conversions in millionths.
export interface Totals {
  readonly impressions: number;
  readonly clicks: number;
  readonly spendMicros: number;
  readonly conversionsMillionths: bigint;
  readonly revenueMicros: number;
}

// One quotient of integers per metric, rounded once (decimal.ts): never a ratio of floats.
export function ratiosOf(t: Totals): Ratios {
  const spend = BigInt(t.spendMicros); // micros: spend × 10^6
  const revenue = BigInt(t.revenueMicros);
  const clicks = BigInt(t.clicks);
  const impressions = BigInt(t.impressions);
  const conversions = t.conversionsMillionths; // conversions × 10^6
  return {
    cpc: quotient(spend, clicks * 1_000_000n),
    cpm: quotient(spend * 1000n, impressions * 1_000_000n),
    ctr: quotient(clicks * 100n, impressions),
    cvr: quotient(conversions * 100n, clicks * 1_000_000n),
    cpa: quotient(spend, conversions),
    roas: quotient(revenue, spend),
  };
}

// Sums of a period or a group as the API answers them: money in micros and in units, the
// ratios of the sums. The KPIs, the reporting routes and the console share this one shape.
export interface MeasuredTotals extends Ratios {
  readonly impressions: number;
  readonly clicks: number;
  readonly spendMicros: number;
  readonly spend: number;
  readonly conversions: number;
  readonly revenueMicros: number;
  readonly revenue: number;
}

// The measured totals of integer sums: units derived from micros, ratios by ratiosOf.
export function measuredTotals(t: Totals): MeasuredTotals {
  return {
    impressions: t.impressions,
    clicks: t.clicks,
    spendMicros: t.spendMicros,
    spend: t.spendMicros / 1_000_000,
    conversions: fromMillionths(t.conversionsMillionths),
    revenueMicros: t.revenueMicros,
    revenue: t.revenueMicros / 1_000_000,
    ...ratiosOf(t),
  };
}

export interface RowContext {
  readonly tenantId: string;
  readonly accountName: string;
  readonly syncedAt: string; // ISO time of the sync, an input: the domain reads no clock
}

// A row of `ads_daily_performance` (DESIGN §6), in camelCase; the warehouse adapters name the columns.
export interface ReportingRow extends Ratios {
  readonly platform: PlatformDayRow['platform'];
  readonly tenantId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly campaignId: string;
  readonly campaignName: string;
  readonly adGroupId: string;
  readonly adGroupName: string;
  readonly adId: string;
  readonly adName: string;
  readonly date: string;
  readonly impressions: number;
  readonly reach: number;
  readonly clicks: number;
  readonly spendMicros: number;
  readonly spend: number; // spendMicros / 1e6, the double nearest the decimal
  readonly conversions: number;
  readonly revenueMicros: number;
  readonly revenue: number;
  readonly currency: string;
  readonly attribution: PlatformDayRow['attribution'];
  readonly syncedAt: string;
  readonly restated: boolean;
}

export function normaliseRow(row: PlatformDayRow, context: RowContext, previous?: ReportingRow): ReportingRow {
  const conversionsMillionths = toMillionths(row.conversions);
  const totals: Totals = {
    impressions: row.impressions,
    clicks: row.clicks,
    spendMicros: row.costMicros,
    conversionsMillionths,
    revenueMicros: row.conversionValueMicros,
  };
  const next: ReportingRow = {
    platform: row.platform,
    tenantId: context.tenantId,
    accountId: row.accountId,
    accountName: context.accountName,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    adGroupId: row.adGroupId,
    adGroupName: row.adGroupName,
    adId: row.adId,
    adName: row.adName,
    date: row.date,
    reach: row.reach,
    ...measuredTotals(totals),
    currency: row.currency,
    attribution: row.attribution,
    syncedAt: context.syncedAt,
    restated: false,
  };
  return { ...next, restated: previous !== undefined && (previous.restated || changedFigures(previous, next)) };
}

// A re-sync restates a row when a platform changed any of its figures (late conversions).
const figures = ['impressions', 'reach', 'clicks', 'spendMicros', 'conversions', 'revenueMicros', 'currency'] as const;
function changedFigures(a: ReportingRow, b: ReportingRow): boolean {
  return figures.some((f) => a[f] !== b[f]);
}
