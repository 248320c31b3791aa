// What the performance pages read (the reporting API's answers) and the pure rules for showing
// them: the period picked, which way a change is good, the overview's rankings. Pure, so
// test/ui tests them without a browser. The shapes are the API's (api/routes/performance*.ts).
import type { MeasuredTotals, Ratios } from '../../domain/performance/metrics.ts';
import type { Change, ComparedMetric, Kpis as DomainKpis } from '../../domain/performance/kpis.ts';
import type { Pacing, PacingStatus } from '../../domain/performance/pacing.ts';
import type { KpiTargets } from '../../domain/tenant/values.ts';
import type { PerformanceAlert } from '../../domain/tenant/alerts.ts';

export type { PerformanceAlert };

export type Totals = MeasuredTotals & { readonly rows: number };

export type Range = { readonly from: string; readonly to: string };
export type DayTotals = Totals & { readonly date: string };
export type Aggregated = { readonly tenantId: string; readonly from: string; readonly to: string; readonly platform: string | null; readonly currency: string | null; readonly days: readonly DayTotals[] };

export type Kpis = DomainKpis;
export type MetricName = ComparedMetric;
export type MetricChange = Change;
export type Targets = KpiTargets;
export type KpiAnswer = {
  readonly tenantId: string;
  readonly platform: string | null;
  readonly current: Kpis;
  readonly previous: Kpis;
  readonly comparison: { readonly current: Range; readonly previous: Range; readonly metrics: Partial<Record<MetricName, MetricChange>> };
  readonly targets?: Targets | null; // once the lead's change is merged
};

export type CampaignTotals = Totals & { readonly platform: string; readonly accountId: string; readonly accountName?: string; readonly campaignId: string; readonly campaignName?: string; readonly currency: string | null };
export type CampaignsAnswer = { readonly tenantId: string; readonly campaigns: readonly CampaignTotals[] };

export type { PacingStatus };
export type PlanPacing = {
  readonly planId: string;
  readonly version: number;
  readonly name: string;
  readonly currency: string;
  readonly flight: Range;
  readonly budgetMicros: number;
  readonly pacing: Pacing;
};
export type PacingAnswer = { readonly tenantId: string; readonly today: string; readonly plans: readonly PlanPacing[] };

export type FunnelStage = 'awareness' | 'consideration' | 'conversion';
export type FunnelChannel = {
  readonly channel: string;
  readonly ratios: Ratios;
  readonly analysis: {
    readonly bottleneckStage: FunnelStage | null;
    readonly weak: readonly { stage: FunnelStage; metric: string; value: number; threshold: number; direction: 'below' | 'above'; source: string }[];
    readonly skipped: readonly { metric: string; reason: string }[];
  };
};
export type FunnelAnswer = { readonly tenantId: string; readonly industry: string | null; readonly channels: readonly FunnelChannel[] };

export type Anomaly = { readonly rule: string; readonly metric: string; readonly severity: 'high' | 'medium' | 'low'; readonly thresholdPct: number; readonly current: number; readonly previous: number; readonly changePct: number | null };
export type AnomalyScope = {
  readonly scope: string;
  readonly requested: Range;
  readonly judged: { readonly current: Range; readonly previous: Range } | null;
  readonly unsettledDaysLeftOut: number;
  readonly anomalies: readonly Anomaly[];
};
export type AnomaliesAnswer = { readonly tenantId: string; readonly today: string; readonly scopes: readonly AnomalyScope[] };

export type TenantSummary = { readonly tenantId: string; readonly firstDate: string | null; readonly lastDate: string | null; readonly rows: number; readonly currencies: readonly (Totals & { currency: string })[] };

// --- the period picker: the last N days ending yesterday (UTC, as the warehouse dates days)

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

export function parsePeriod(text: string | null): PeriodDays {
  const n = Number(text);
  return (PERIODS as readonly number[]).includes(n) ? (n as PeriodDays) : 30;
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export function periodEndingYesterday(days: number, now: Date = new Date()): Range {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  return { from: isoDay(start), to: isoDay(end) };
}

// --- which way is good: a change is "good", "bad" or just a change (spend, impressions)

const direction: Record<MetricName, 'up' | 'down' | 'neutral'> = {
  impressions: 'up',
  clicks: 'up',
  spend: 'neutral',
  conversions: 'up',
  revenue: 'up',
  cpc: 'down',
  cpm: 'down',
  ctr: 'up',
  cvr: 'up',
  cpa: 'down',
  roas: 'up',
};

export type ChangeTone = 'good' | 'bad' | 'neutral';

export function changeTone(metric: MetricName, change: number | null | undefined): ChangeTone {
  if (change === null || change === undefined || change === 0) return 'neutral';
  const want = direction[metric];
  if (want === 'neutral') return 'neutral';
  return (change > 0) === (want === 'up') ? 'good' : 'bad';
}

// A target met or missed, for the metrics a tenant can set one for.
export function targetOf(metric: MetricName, targets: Targets | null | undefined): number | undefined {
  if (!targets) return undefined;
  if (metric === 'cpa' && targets.targetCpaMicros !== undefined) return targets.targetCpaMicros / 1_000_000;
  if (metric === 'roas') return targets.targetRoas;
  if (metric === 'ctr') return targets.targetCtrPct;
  return undefined;
}

export function meetsTarget(metric: MetricName, value: number | null, target: number | undefined): boolean | undefined {
  if (value === null || target === undefined) return undefined;
  return direction[metric] === 'down' ? value <= target : value >= target;
}

export const formatPct = (pct: number | null | undefined, digits = 1): string =>
  pct === null || pct === undefined || !Number.isFinite(pct) ? '—' : `${pct > 0 ? '+' : ''}${pct.toFixed(digits)} %`;

// --- the overview: ranked and flagged from numbers, not prose

export type TenantRow = {
  readonly tenantId: string;
  readonly currency: string | null;
  readonly spendMicros: number;
  readonly revenueMicros: number;
  readonly roas: number | null;
  readonly roasChangePct: number | null;
  readonly openHighAlerts: number;
};

export const ROAS_DROP_ATTENTION_PCT = -20;

export function topPerformers(rows: readonly TenantRow[], count = 3): readonly TenantRow[] {
  return rows
    .filter((r) => r.roas !== null)
    .slice()
    .sort((a, b) => b.roas! - a.roas! || a.tenantId.localeCompare(b.tenantId))
    .slice(0, count);
}

export function attentionReasons(row: TenantRow): readonly string[] {
  const reasons: string[] = [];
  if (row.openHighAlerts > 0) reasons.push(`${row.openHighAlerts} open high-severity alert${row.openHighAlerts === 1 ? '' : 's'}`);
  if (row.roasChangePct !== null && row.roasChangePct < ROAS_DROP_ATTENTION_PCT) reasons.push(`ROAS ${formatPct(row.roasChangePct)} vs the previous period`);
  return reasons;
}

export const needsAttention = (rows: readonly TenantRow[]): readonly TenantRow[] => rows.filter((r) => attentionReasons(r).length > 0);

// --- CSV of a table, generated in the browser (RFC 4180 quoting)

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// --- anomalies: a finding over days the platform may still restate is provisional

const SETTLE_DAYS: Record<string, number> = { meta: 28, google_ads: 30 };
export const settleDaysOf = (scope: string): number => SETTLE_DAYS[scope] ?? Math.max(...Object.values(SETTLE_DAYS));

export function isProvisional(scope: AnomalyScope, today: string): boolean {
  if (!scope.judged) return false;
  const settledUpTo = new Date(Date.parse(`${today}T00:00:00Z`) - settleDaysOf(scope.scope) * 86_400_000).toISOString().slice(0, 10);
  return scope.judged.current.to > settledUpTo;
}

// Report money to the cent: synced spend is exact in micros, which reads as noise in a table.
export const toCents = (micros: number): number => Math.round(micros / 10_000) * 10_000;
