// What the analysis of a tenant sees, read from the warehouse and the log and judged by the
// pure rules of domain/performance: anomaly reports per platform (and across them), pacing of
// each launched plan version, a campaign's days above 110 % of its daily budget, the funnel per
// channel. The console reads these as they are; the analysis (performanceAnalysis.ts) raises
// each finding as an alert. Nothing here writes.
import { analyseFunnel, detectAnomalies, defaultLookbackDays, fromMillionths, periodKpis, ratiosOf, type AnomalyReport, type FunnelAnalysis, type KpiRow, type Kpis, type Ratios } from '../../domain/performance/index.ts';
import type { DomainError } from '../../domain/shared/errors.ts';
import { addDays, previousPeriod, type Period } from '../../domain/performance/days.ts';
import { overspendAlerts, pacing, type OverspendAlert, type Pacing } from '../../domain/performance/pacing.ts';
import { flightOf } from '../../domain/launch/executionFacts.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { findVersion } from '../../domain/plan/state.ts';
import type { TenantState } from '../../domain/tenant/state.ts';
import { launchStream, parseStreamName, planStream } from '../../domain/streams.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';
import { launchAggregate, planAggregate, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';

export type Reader = Pick<WarehouseReader, 'dailyTotals' | 'rows' | 'aggregate'>;
export type Scope = Platform | 'all';

// A period's KPIs from the warehouse's sums per currency (periodKpis refuses two currencies).
export async function periodKpisOf(warehouse: Pick<WarehouseReader, 'aggregate'>, tenantId: string, period: Period, platform?: string): Promise<Kpis | DomainError> {
  const groups = await warehouse.aggregate(tenantId, { by: 'currency', ...period, ...(platform ? { platform } : {}) });
  if (isDomainError(groups)) return groups;
  const rows: KpiRow[] = groups.map((g) => ({
    date: period.from, impressions: g.impressions, clicks: g.clicks, spendMicros: g.spend_micros,
    conversions: fromMillionths(BigInt(g.conversions_millionths)), revenueMicros: g.revenue_micros, currency: g.currency,
  }));
  const kpis = periodKpis(rows, period);
  // periodKpis counts its input rows, here one per currency: the table's rows are the sum.
  return isDomainError(kpis) ? kpis : { ...kpis, rows: groups.reduce((n, g) => n + g.rows, 0) };
}

export interface ScopeAnomalies extends AnomalyReport {
  readonly scope: Scope;
}

// The spec's five rules on each platform with data, and across platforms where two have data.
// `period` is a range, or a function of the scope's lookback (the latest settled week).
export async function anomalyReports(warehouse: Reader, tenant: TenantState, periodOf: Period | ((lookbackDays: number) => Period), today: string, includeUnsettled: boolean): Promise<ScopeAnomalies[]> {
  const platforms = Object.keys(tenant.accounts) as Platform[];
  const lookbackOf = (scope: Scope, among: readonly Platform[]) => Math.max(...(scope === 'all' ? among : [scope]).map((p) => defaultLookbackDays[p] ?? 30));
  const periodFor = (scope: Scope) => (typeof periodOf === 'function' ? periodOf(lookbackOf(scope, platforms)) : periodOf);
  const totalsOf = async (scope: Scope) => {
    const period = periodFor(scope);
    const totals = await warehouse.dailyTotals(tenant.id, previousPeriod(period).from, period.to, scope === 'all' ? {} : { platform: scope });
    return isDomainError(totals) ? [] : totals;
  };
  const byScope = new Map<Scope, Awaited<ReturnType<typeof totalsOf>>>();
  for (const p of platforms) byScope.set(p, await totalsOf(p));
  const withData = platforms.filter((p) => (byScope.get(p) ?? []).length > 0);
  if (withData.length > 1) byScope.set('all', await totalsOf('all'));
  const out: ScopeAnomalies[] = [];
  for (const [scope, totals] of byScope) {
    if (totals.length === 0) continue;
    const lookbackDays = lookbackOf(scope, withData);
    const period = periodFor(scope);
    const rows: KpiRow[] = totals.map((t) => ({ date: t.date, impressions: t.impressions, clicks: t.clicks, spendMicros: t.spend_micros, conversions: t.conversions, revenueMicros: t.revenue_micros, currency: tenant.currency }));
    const report = detectAnomalies({ rows, period, today, lookbackDays, includeUnsettled });
    if (!isDomainError(report)) out.push({ scope, ...report });
  }
  return out;
}

export interface CampaignBudget {
  readonly platform: Platform;
  readonly campaignId: string;
  readonly name: string;
  readonly dailyBudgetMicros: number; // the campaign's budget over its flight, as the platform was given it
  readonly overspend: readonly OverspendAlert[];
}

export interface PlanPacing {
  readonly planId: string;
  readonly version: number;
  readonly name: string;
  readonly currency: string;
  readonly flight: Period;
  readonly budgetMicros: number;
  readonly pacing: Pacing;
  readonly campaigns: readonly CampaignBudget[];
}

// Each launched plan version with a campaign on a platform: its pacing (spend since the
// flight began against the plan's budget) and each campaign's days over budget in `period`.
export async function planPacings(w: WriteSide, warehouse: Reader, tenant: TenantState, period: Period, today: string): Promise<PlanPacing[]> {
  const rows = await warehouse.rows('ads_daily_performance', tenant.id, { from: period.from, to: period.to, limit: 10_000 });
  const daySpend = new Map<string, Map<string, number>>(); // platform:campaign → date → micros
  for (const r of isDomainError(rows) ? [] : rows) {
    const key = `${r.platform}:${r.campaign_id}`;
    const days = daySpend.get(key) ?? new Map<string, number>();
    days.set(String(r.date), (days.get(String(r.date)) ?? 0) + Number(r.spend_micros));
    daySpend.set(key, days);
  }
  const out: PlanPacing[] = [];
  for (const { planId, version } of await launchesOf(w, tenant.id)) {
    const launch = await loadStream(w.store, launchStream(tenant.id, planId, version), launchAggregate, w.folds.launch);
    const plan = await loadStream(w.store, planStream(tenant.id, planId), planAggregate, w.folds.plan);
    if (isDomainError(launch) || isDomainError(plan) || !launch.state.manifest || !launch.state.execution) continue;
    const content = findVersion(plan.state, version)?.content;
    if (!content) continue;
    const flight = { from: content.periodStart, to: content.periodEnd };
    const campaigns: CampaignBudget[] = [];
    for (const c of launch.state.manifest.campaigns) {
      const campaignId = launch.state.execution.campaigns[c.logicalCampaignKey]?.platformCampaignId;
      if (!campaignId) continue;
      const items = flightOf(content.lineItems.filter((li) => c.lineItemIds.includes(li.lineItemId)));
      const flightDays = Math.max(1, Math.round((Date.parse(items.endDate) - Date.parse(items.startDate)) / 86_400_000) + 1);
      const daily = Math.floor(c.budgetMicros / flightDays);
      const days = [...(daySpend.get(`${c.platform}:${campaignId}`) ?? [])].map(([date, spendMicros]) => ({ date, spendMicros }));
      campaigns.push({ platform: c.platform, campaignId, name: c.name, dailyBudgetMicros: daily, overspend: overspendAlerts(days, daily) });
    }
    if (campaigns.length === 0) continue; // before its flight too: the page shows it waiting to start
    const spent = await spendSince(warehouse, tenant.id, flight.from, addDays(today, -1), campaigns);
    const p = pacing({ flight, budgetMicros: content.budgetMicros, spentMicros: spent, today });
    if (isDomainError(p)) continue;
    out.push({ planId, version, name: content.name, currency: content.currency, flight, budgetMicros: content.budgetMicros, pacing: p, campaigns });
  }
  return out;
}

async function spendSince(warehouse: Reader, tenantId: string, from: string, to: string, campaigns: readonly CampaignBudget[]): Promise<number> {
  if (to < from) return 0;
  const groups = await warehouse.aggregate(tenantId, { by: 'campaign', from, to, limit: 10_000 });
  if (isDomainError(groups)) return 0;
  const ours = new Set(campaigns.map((c) => `${c.platform}:${c.campaignId}`));
  return groups.filter((g) => ours.has(`${g.key.platform}:${g.key.campaign_id}`)).reduce((sum, g) => sum + g.spend_micros, 0);
}

// Every launch the tenant requested, from the log itself (launch streams hold launch.requested).
async function launchesOf(w: WriteSide, tenantId: string): Promise<{ planId: string; version: number }[]> {
  const seen = new Map<string, { planId: string; version: number }>();
  for await (const e of w.store.readAll({ filter: { eventTypes: ['launch.requested'], streamPrefixes: [`launch-${tenantId}.`] } })) {
    const name = parseStreamName(e.streamId);
    if (name?.category === 'launch' && name.tenantId === tenantId) seen.set(e.streamId, { planId: name.planId, version: name.version });
  }
  return [...seen.values()];
}

// The channels of spec 003 §6.2: our Google Ads campaigns are Search campaigns.
const channelOf: Partial<Record<Platform, string>> = { google_ads: 'google_search', meta: 'meta' };
// The spec reads the industry from a client knowledge base we do not have yet: e-commerce
// until a tenant says otherwise, and the answer says which was used.
export const DEFAULT_INDUSTRY = 'ecommerce';

export interface ChannelFunnel {
  readonly channel: string;
  readonly platform: Platform;
  readonly ratios: Ratios;
  readonly analysis: FunnelAnalysis;
}

export async function funnels(warehouse: Reader, tenant: TenantState, period: Period): Promise<ChannelFunnel[]> {
  const out: ChannelFunnel[] = [];
  for (const platform of Object.keys(tenant.accounts) as Platform[]) {
    const channel = channelOf[platform];
    const groups = await warehouse.aggregate(tenant.id, { by: 'currency', from: period.from, to: period.to, platform });
    if (!channel || isDomainError(groups) || groups.length !== 1) continue; // none, or two currencies: no one ratio
    const g = groups[0]!;
    const ratios = ratiosOf({ impressions: g.impressions, clicks: g.clicks, spendMicros: g.spend_micros, conversionsMillionths: BigInt(g.conversions_millionths), revenueMicros: g.revenue_micros });
    out.push({ channel, platform, ratios, analysis: analyseFunnel({ ...ratios, industry: DEFAULT_INDUSTRY, channel, currency: g.currency }) });
  }
  return out;
}

