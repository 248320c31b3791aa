// The analysis of one tenant's numbers (spec 003 §5.2 anomaly detector, pacing planner; spec
// 002's budget overspend): read the warehouse, judge with the pure rules of domain/performance,
// and raise each finding as an alert through the same command handler people use. A finding's
// id says what it is about, so running the analysis again (the weekly slot repeated, a person's
// "analyse now") raises nothing twice.
import { detectAnomalies, defaultLookbackDays, type KpiRow } from '../../domain/performance/index.ts';
import { addDays, previousPeriod, type Period } from '../../domain/performance/days.ts';
import { overspendAlerts, pacing } from '../../domain/performance/pacing.ts';
import { flightOf } from '../../domain/launch/executionFacts.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, notFound, type DomainError } from '../../domain/shared/errors.ts';
import { formatMicros } from '../../domain/shared/money.ts';
import { localDate, type Platform } from '../../domain/shared/values.ts';
import type { PerformanceAlert } from '../../domain/tenant/alerts.ts';
import type { TenantState } from '../../domain/tenant/state.ts';
import type { PlanContent } from '../../domain/plan/events.ts';
import { launchStream, parseStreamName, planStream, tenantStream } from '../../domain/streams.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';
import { launchAggregate, planAggregate, tenantAggregate, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';
import { findVersion } from '../../domain/plan/state.ts';
import { sendCommand } from '../sendCommand.ts';

export const performanceAnalysisActor: Actor = { type: 'agent', id: 'performance-analysis', role: 'system' };

export interface AnalysisOptions {
  readonly days?: number; // the period judged, ending yesterday in the tenant's zone (default 7)
  readonly includeUnsettled?: boolean; // judge days the platforms may still restate
}

export interface AnalysisOutcome {
  readonly period: Period;
  readonly findings: readonly PerformanceAlert[];
  readonly raised: readonly string[]; // alert ids new to the log
}

const pct = (n: number | null) => (n === null ? '' : `${n > 0 ? '+' : ''}${n}%`);

export async function analyseTenantPerformance(w: WriteSide, warehouse: Pick<WarehouseReader, 'dailyTotals' | 'rows'>, tenantId: string, options: AnalysisOptions = {}): Promise<AnalysisOutcome | DomainError> {
  const tenant = await loadStream(w.store, tenantStream(tenantId), tenantAggregate, w.folds.tenant);
  if (isDomainError(tenant)) return tenant;
  if (!tenant.state.exists) return notFound('tenant.not_found', `Tenant ${tenantId} does not exist`);
  const today = localDate(w.now(), tenant.state.timezone);
  const period = { from: addDays(today, -(options.days ?? 7)), to: addDays(today, -1) };
  const findings = [
    ...(await anomalies(warehouse, tenant.state, period, today, options.includeUnsettled ?? false)),
    ...(await campaignFindings(w, warehouse, tenant.state, period, today)),
  ];
  const raised: string[] = [];
  for (const finding of findings) {
    const before = tenant.state.alerts.raised.includes(finding.alertId);
    const result = await sendCommand(w, { type: 'tenant.raise_performance_alert', data: finding, actor: performanceAnalysisActor, tenantId, commandId: `analysis:${tenantId}:${finding.alertId}` });
    if (isDomainError(result)) return result;
    if (!before) raised.push(finding.alertId);
  }
  return { period, findings, raised };
}

// The spec's five rules on each platform and on the tenant as a whole, each over its settled days.
async function anomalies(warehouse: Pick<WarehouseReader, 'dailyTotals'>, tenant: TenantState, period: Period, today: string, includeUnsettled: boolean): Promise<PerformanceAlert[]> {
  const platforms = Object.keys(tenant.accounts) as Platform[];
  const totalsOf = async (scope: Platform | 'all') => {
    const totals = await warehouse.dailyTotals(tenant.id, previousPeriod(period).from, period.to, scope === 'all' ? {} : { platform: scope });
    return isDomainError(totals) ? [] : totals; // a refused read judges nothing
  };
  const byScope = new Map<Platform | 'all', Awaited<ReturnType<typeof totalsOf>>>();
  for (const p of platforms) byScope.set(p, await totalsOf(p));
  const withData = platforms.filter((p) => (byScope.get(p) ?? []).length > 0);
  // Across platforms only where there are two to add up; otherwise it repeats the one.
  if (withData.length > 1) byScope.set('all', await totalsOf('all'));
  const out: PerformanceAlert[] = [];
  for (const [scope, totals] of byScope) {
    const lookbackDays = Math.max(...(scope === 'all' ? withData : [scope]).map((p) => defaultLookbackDays[p] ?? 30));
    const rows: KpiRow[] = totals.map((t) => ({ date: t.date, impressions: t.impressions, clicks: t.clicks, spendMicros: t.spend_micros, conversions: t.conversions, revenueMicros: t.revenue_micros, currency: tenant.currency }));
    const report = detectAnomalies({ rows, period, today, lookbackDays, includeUnsettled });
    if (isDomainError(report) || !report.judged) continue;
    const judged = report.judged.current;
    for (const a of report.anomalies) {
      out.push({
        alertId: `anomaly:${a.rule}:${scope}:${judged.to}`, kind: 'anomaly', severity: a.severity, rule: a.rule, ...(scope === 'all' ? {} : { platform: scope }),
        from: judged.from, to: judged.to, current: a.current, baseline: a.previous, changePct: a.changePct,
        message: `${a.metric.toUpperCase()} ${pct(a.changePct)} ${scope === 'all' ? 'across platforms' : `on ${scope}`} (${judged.from} to ${judged.to} against the ${report.judged.previous.from} to ${report.judged.previous.to})`,
      });
    }
  }
  return out;
}

// Per launched campaign: spend above 110 % of its daily budget on a day of the period, and
// its plan's pacing against the plan's budget. A campaign's daily budget is what the platform
// was given: the campaign's budget spread over its flight (commands/processes/launchSpec.ts).
async function campaignFindings(w: WriteSide, warehouse: Pick<WarehouseReader, 'rows'>, tenant: TenantState, period: Period, today: string): Promise<PerformanceAlert[]> {
  const rows = await warehouse.rows('ads_daily_performance', tenant.id, { from: period.from, to: period.to, limit: 10_000 });
  if (isDomainError(rows)) return [];
  const spendOf = new Map<string, Map<string, number>>(); // platform:campaign → date → micros
  for (const r of rows) {
    const key = `${r.platform}:${r.campaign_id}`;
    const days = spendOf.get(key) ?? new Map<string, number>();
    days.set(String(r.date), (days.get(String(r.date)) ?? 0) + Number(r.spend_micros));
    spendOf.set(key, days);
  }
  const out: PerformanceAlert[] = [];
  for (const { planId, version: v } of await launchesOf(w, tenant.id)) {
    const launch = await loadStream(w.store, launchStream(tenant.id, planId, Number(v)), launchAggregate, w.folds.launch);
    const plan = await loadStream(w.store, planStream(tenant.id, planId), planAggregate, w.folds.plan);
    if (isDomainError(launch) || isDomainError(plan) || !launch.state.manifest || !launch.state.execution) continue;
    const content = findVersion(plan.state, Number(v))?.content;
    if (!content) continue;
    for (const c of launch.state.manifest.campaigns) {
      const id = launch.state.execution.campaigns[c.logicalCampaignKey]?.platformCampaignId;
      const days = id ? spendOf.get(`${c.platform}:${id}`) : undefined;
      if (!id || !days) continue;
      const flight = flightOf(content.lineItems.filter((li) => c.lineItemIds.includes(li.lineItemId)));
      const flightDays = Math.max(1, Math.round((Date.parse(flight.endDate) - Date.parse(flight.startDate)) / 86_400_000) + 1);
      const daily = Math.floor(c.budgetMicros / flightDays);
      for (const o of overspendAlerts([...days].map(([date, spendMicros]) => ({ date, spendMicros })), daily)) {
        out.push({
          alertId: `overspend:daily_overspend:${c.platform}:${id}:${o.date}`, kind: 'overspend', severity: 'high', rule: 'daily_overspend', platform: c.platform, campaignId: id,
          from: o.date, to: o.date, current: o.spendMicros / 1e6, baseline: daily / 1e6, changePct: o.pctOfBudget === null ? null : Math.round((o.pctOfBudget - 100) * 100) / 100,
          message: `${c.name} spent ${formatMicros(o.spendMicros, content.currency)} on ${o.date}, ${o.pctOfBudget}% of its daily budget of ${formatMicros(daily, content.currency)}`,
        });
      }
    }
    out.push(...planPacing(planId, Number(v), content, spendOf, launch.state.execution.campaigns, today));
  }
  return out;
}


function planPacing(planId: string, version: number, content: PlanContent, spendOf: Map<string, Map<string, number>>, campaigns: Readonly<Record<string, { readonly platform: string; readonly platformCampaignId?: string }>>, today: string): PerformanceAlert[] {
  const spent = Object.values(campaigns).reduce((sum, c) => sum + [...(spendOf.get(`${c.platform}:${c.platformCampaignId}`)?.values() ?? [])].reduce((a, b) => a + b, 0), 0);
  const flight = { from: content.periodStart, to: content.periodEnd };
  if (today <= flight.from) return [];
  const p = pacing({ flight, budgetMicros: content.budgetMicros, spentMicros: spent, today });
  if (isDomainError(p) || p.status === 'on_track') return [];
  return [{
    alertId: `pacing:${p.status}:${planId}.v${version}:${addDays(today, -1)}`, kind: 'pacing', severity: p.daysRemaining <= 3 ? 'high' : 'medium', rule: p.status,
    from: flight.from, to: addDays(today, -1), current: p.spentMicros / 1e6, baseline: p.plannedToDateMicros / 1e6, changePct: p.variancePct,
    message: `Plan ${planId} v${version} is ${p.status.replace('_', ' ')}: ${formatMicros(p.spentMicros, content.currency)} spent against ${formatMicros(p.plannedToDateMicros, content.currency)} planned to date (${pct(p.variancePct)})`,
  }];
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
