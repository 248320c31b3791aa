// The analysis of one tenant's numbers (spec 003 §5.2 anomaly detector, pacing planner; spec
// 002's budget overspend): what performanceInsights.ts finds, raised as alerts through the same
// command handler people use. A finding's id says what it is about (rule, scope, day), so
// running the analysis again (the weekly slot repeated, a person's "analyse now") raises
// nothing twice, and an acknowledged finding stays acknowledged.
import { addDays, type Period } from '../../domain/performance/days.ts';
import { defaultLookbackDays, settledThrough } from '../../domain/performance/anomalies.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, notFound, type DomainError } from '../../domain/shared/errors.ts';
import { formatMicros } from '../../domain/shared/money.ts';
import { localDate } from '../../domain/shared/values.ts';
import type { PerformanceAlert } from '../../domain/tenant/alerts.ts';
import type { TenantState } from '../../domain/tenant/state.ts';
import { tenantStream } from '../../domain/streams.ts';
import { tenantAggregate, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';
import { sendCommand } from '../sendCommand.ts';
import { anomalyReports, planPacings, type PlanPacing, type Reader, type ScopeAnomalies } from './performanceInsights.ts';

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

// How long a scope's days may still change: its platform's lookback, the longest across platforms.
const lookbackOf = (scope: string): number => (scope === 'all' ? Math.max(...Object.values(defaultLookbackDays)) : (defaultLookbackDays[scope as keyof typeof defaultLookbackDays] ?? 30));

const latestSettled = (today: string, days: number) => (lookbackDays: number): Period => {
  const to = settledThrough(today, lookbackDays);
  return { from: addDays(to, -(days - 1)), to };
};

const pct = (n: number | null) => (n === null ? '' : `${n > 0 ? '+' : ''}${n}%`);

// The tenant as the log has it now, and its today.
export async function tenantToday(w: WriteSide, tenantId: string): Promise<{ tenant: TenantState; today: string } | DomainError> {
  const tenant = await loadStream(w.store, tenantStream(tenantId), tenantAggregate, w.folds.tenant);
  if (isDomainError(tenant)) return tenant;
  if (!tenant.state.exists) return notFound('tenant.not_found', `Tenant ${tenantId} does not exist`);
  return { tenant: tenant.state, today: localDate(w.now(), tenant.state.timezone) };
}

export async function analyseTenantPerformance(w: WriteSide, warehouse: Reader, tenantId: string, options: AnalysisOptions = {}): Promise<AnalysisOutcome | DomainError> {
  const at = await tenantToday(w, tenantId);
  if (isDomainError(at)) return at;
  const { tenant, today } = at;
  const days = options.days ?? 7;
  const period = { from: addDays(today, -days), to: addDays(today, -1) };
  const findings = [
    // Settled days only (the default): the latest `days` the platforms no longer restate,
    // not the last days cut down to nothing.
    ...anomalyAlerts(await anomalyReports(warehouse, tenant, options.includeUnsettled ? period : latestSettled(today, days), today, options.includeUnsettled ?? false), today),
    ...planAlerts(await planPacings(w, warehouse, tenant, period, today), today),
  ];
  const raised: string[] = [];
  for (const finding of findings) {
    const before = tenant.alerts.raised.includes(finding.alertId);
    const result = await sendCommand(w, { type: 'tenant.raise_performance_alert', data: finding, actor: performanceAnalysisActor, tenantId, commandId: `analysis:${tenantId}:${finding.alertId}` });
    if (isDomainError(result)) return result;
    if (!before) raised.push(finding.alertId);
  }
  return { period, findings, raised };
}

function anomalyAlerts(reports: readonly ScopeAnomalies[], today: string): PerformanceAlert[] {
  return reports.flatMap(({ scope, judged, anomalies }) =>
    judged
      ? anomalies.map((a) => ({
          ...(judged.current.to > settledThrough(today, lookbackOf(scope)) ? { provisional: true } : {}),
          alertId: `anomaly:${a.rule}:${scope}:${judged.current.to}`, kind: 'anomaly' as const, severity: a.severity, rule: a.rule, ...(scope === 'all' ? {} : { platform: scope }),
          from: judged.current.from, to: judged.current.to, current: a.current, baseline: a.previous, changePct: a.changePct,
          message: `${judged.current.to > settledThrough(today, lookbackOf(scope)) ? 'Provisional: ' : ''}${a.metric.toUpperCase()} ${pct(a.changePct)} ${scope === 'all' ? 'across platforms' : `on ${scope}`} (${judged.current.from} to ${judged.current.to} against ${judged.previous.from} to ${judged.previous.to})`,
        }))
      : [],
  );
}

function planAlerts(plans: readonly PlanPacing[], today: string): PerformanceAlert[] {
  const yesterday = addDays(today, -1);
  return plans.flatMap((plan) => {
    const { pacing: p, currency } = plan;
    const money = (m: number) => formatMicros(m, currency);
    const overspend = plan.campaigns.flatMap((c) =>
      c.overspend.map((o) => ({
        alertId: `overspend:daily_overspend:${c.platform}:${c.campaignId}:${o.date}`, kind: 'overspend' as const, severity: 'high' as const, rule: 'daily_overspend', platform: c.platform, campaignId: c.campaignId,
        from: o.date, to: o.date, current: o.spendMicros / 1e6, baseline: c.dailyBudgetMicros / 1e6, changePct: o.pctOfBudget === null ? null : Math.round((o.pctOfBudget - 100) * 100) / 100,
        message: `${c.name} spent ${money(o.spendMicros)} on ${o.date}, ${o.pctOfBudget}% of its daily budget of ${money(c.dailyBudgetMicros)}`,
      })),
    );
    const pacing: PerformanceAlert[] = p.status === 'on_track' ? [] : [{
      alertId: `pacing:${p.status}:${plan.planId}.v${plan.version}:${yesterday}`, kind: 'pacing', severity: p.daysRemaining <= 3 ? 'high' : 'medium', rule: p.status,
      from: plan.flight.from, to: yesterday, current: p.spentMicros / 1e6, baseline: p.plannedToDateMicros / 1e6, changePct: p.variancePct,
      message: `Plan ${plan.planId} v${plan.version} is ${p.status.replace('_', ' ')}: ${money(p.spentMicros)} spent against ${money(p.plannedToDateMicros)} planned to date (${pct(p.variancePct)})`,
    }];
    return [...overspend, ...pacing];
  });
}
