// Daily ad-level performance from the insights edge (level=ad, time_increment=1): read
// synchronously for short ranges; for long ones, as an async report run (AdReportRun) that
// is polled until Meta says "Job Completed", then read page by page via paging.next.
import type { AccountRef, DailyPerformanceRow } from '../port.ts';
import { failed, ok, platformError, type PlatformOutcome } from '../port.ts';
import type { Graph, Json } from './graph.ts';

export interface InsightsOptions {
  readonly asyncAfterDays: number; // ranges longer than this go through a report run
  readonly pollIntervalMs: number;
  readonly maxPolls: number;
  readonly conversionActionTypes: readonly string[]; // which `actions` count as conversions
  readonly sleep: (ms: number) => Promise<void>;
}

const FIELDS = [
  'account_id', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name',
  'date_start', 'date_stop', 'impressions', 'reach', 'clicks', 'spend', 'actions', 'action_values', 'attribution_setting',
].join(',');
// Conversions are booked on the impression's day, Meta's default, said explicitly so the row can say it too.
const REPORT_TIME = 'impression';

const DAY_MS = 86_400_000;
export const daysIn = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

// Meta sends money as decimal strings in account currency units ("12.34"): exact to micros.
export function decimalToMicros(value: unknown): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value ?? '0').trim());
  if (!m) return 0;
  const micros = Number(m[2]) * 1_000_000 + Number((m[3] ?? '').padEnd(6, '0').slice(0, 6));
  return m[1] === '-' ? -micros : micros;
}

type ActionStat = { readonly action_type?: string; readonly value?: string };
const sumOf = (stats: unknown, types: readonly string[], read: (v: unknown) => number): number =>
  (Array.isArray(stats) ? (stats as ActionStat[]) : []).filter((a) => types.includes(a.action_type ?? '')).reduce((n, a) => n + read(a.value), 0);

function rowOf(account: AccountRef, currency: string, r: Json, types: readonly string[]): DailyPerformanceRow {
  return {
    platform: 'meta',
    accountId: account.accountId,
    campaignId: String(r.campaign_id ?? ''),
    campaignName: String(r.campaign_name ?? ''),
    adGroupId: String(r.adset_id ?? ''),
    adGroupName: String(r.adset_name ?? ''),
    adId: String(r.ad_id ?? ''),
    adName: String(r.ad_name ?? ''),
    date: String(r.date_start ?? ''),
    impressions: Number(r.impressions ?? 0),
    reach: Number(r.reach ?? 0),
    clicks: Number(r.clicks ?? 0),
    costMicros: decimalToMicros(r.spend),
    conversions: sumOf(r.actions, types, (v) => Number(v ?? 0)),
    conversionValueMicros: sumOf(r.action_values, types, decimalToMicros),
    currency: String(r.account_currency ?? currency),
    attribution: { window: String(r.attribution_setting ?? 'account default'), reportTime: REPORT_TIME },
  };
}

export async function dailyPerformance(
  graph: Graph,
  options: InsightsOptions,
  account: AccountRef,
  currency: string,
  fromDate: string,
  toDate: string,
): Promise<PlatformOutcome<readonly DailyPerformanceRow[]>> {
  const params = { level: 'ad', time_increment: 1, time_range: { since: fromDate, until: toDate }, fields: FIELDS, action_report_time: REPORT_TIME };
  const rows = daysIn(fromDate, toDate) > options.asyncAfterDays ? await viaReportRun(graph, options, account, params) : await graph.all([account.accountId, 'insights'], params);
  return rows.ok ? ok(rows.value.map((r) => rowOf(account, currency, r, options.conversionActionTypes))) : rows;
}

async function viaReportRun(graph: Graph, options: InsightsOptions, account: AccountRef, params: Json): Promise<PlatformOutcome<Json[]>> {
  const started = await graph.create([account.accountId, 'insights'], params);
  if (!started.ok) return started;
  const runId = String(started.value.report_run_id ?? started.value.id ?? '');
  for (let poll = 0; poll < options.maxPolls; poll++) {
    const run = await graph.get([runId], { fields: 'id,async_status,async_percent_completion' });
    if (!run.ok) return run;
    const status = String(run.value.async_status ?? '');
    if (status === 'Job Completed') return graph.all([runId, 'insights'], {});
    if (status === 'Job Failed' || status === 'Job Skipped')
      return failed(platformError('platform.unavailable', `Meta's insights report run ${runId} ended "${status}"; start it again`, { platformMessage: status }));
    await options.sleep(options.pollIntervalMs);
  }
  return failed(platformError('platform.unavailable', `Meta's insights report run ${runId} was not done after ${options.maxPolls} polls`, { retryAfterMs: options.pollIntervalMs }));
}
