// One row per ad and day from GAQL (ad_group_ad with segments.date), paged by the library
// (Search + next_page_token). Google reports no per-ad daily reach, so reach is 0 here;
// conversions are booked on the click's date under the account's attribution (Google's
// default window is 30 days after the click). An HTTP error without a GoogleAdsFailure
// (a 503) on a page is lost by google-ads-api 24.1.0 (its search() reads
// error.details[0] and throws a TypeError), so such an outage comes back as an unknown,
// retryable platform.unavailable that the adapter does not retry itself.
import { isoDateSchema } from '../../../domain/shared/values.ts';
import type { AccountRef, DailyPerformanceRow, PlatformOutcome } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import type { Customer } from './client.ts';
import { queries, searchPaged, type Row } from './gaql.ts';
import { call, type RetryPolicy } from './retry.ts';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

export const GOOGLE_ATTRIBUTION = { window: '30d_click', reportTime: 'interaction' } as const;

const rowOf = (account: AccountRef, r: Row): DailyPerformanceRow => {
  const ad = obj(obj(r.ad_group_ad).ad);
  const m = obj(r.metrics);
  return {
    platform: 'google_ads',
    accountId: account.accountId,
    campaignId: String(obj(r.campaign).id),
    campaignName: String(obj(r.campaign).name ?? ''),
    adGroupId: String(obj(r.ad_group).id),
    adGroupName: String(obj(r.ad_group).name ?? ''),
    adId: String(ad.id),
    adName: String(ad.name ?? ''),
    date: String(obj(r.segments).date),
    impressions: num(m.impressions),
    reach: 0,
    clicks: num(m.clicks),
    costMicros: num(m.cost_micros),
    conversions: num(m.conversions),
    conversionValueMicros: Math.round(num(m.conversions_value) * 1_000_000),
    currency: String(obj(r.customer).currency_code ?? ''),
    attribution: GOOGLE_ATTRIBUTION,
  };
};

export async function fetchDailyPerformance(customer: Customer, account: AccountRef, fromDate: string, toDate: string, policy: RetryPolicy): Promise<PlatformOutcome<readonly DailyPerformanceRow[]>> {
  if (!isoDateSchema.safeParse(fromDate).success || !isoDateSchema.safeParse(toDate).success || toDate < fromDate)
    return failed(platformError('platform.invalid', `Reporting days must be real YYYY-MM-DD dates in order, got ${fromDate}..${toDate}`));
  const rows = await call('Reading daily ad performance', () => searchPaged(customer, queries.dailyAdMetrics(fromDate, toDate)), policy);
  return rows.ok ? ok(rows.value.map((r) => rowOf(account, r))) : rows;
}
