// The spec's monthly-summary-tenant (§7.3) and cross-tenant-overview (§7.4), computed, not
// written: the month's KPIs against the month before, issued once per tenant and month as
// `tenant.performance_summary_issued`; and the agency's week — top performers by ROAS, tenants
// needing attention (ROAS down 20 % or more, or open alerts) — as the slot's own summary.
import { addDays, previousPeriod, type Period } from '../../domain/performance/days.ts';
import { change, compareKpis, type Kpis } from '../../domain/performance/kpis.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { localDate } from '../../domain/shared/values.ts';
import type { PerformanceSummary } from '../../domain/tenant/summaries.ts';
import type { WriteSide } from '../aggregates.ts';
import { sendCommand } from '../sendCommand.ts';
import { tenantsWithAccounts } from './dailySync.ts';
import { performanceAnalysisActor, tenantToday } from './performanceAnalysis.ts';
import { periodKpisOf, type Reader } from './performanceInsights.ts';
import type { WorkflowTask } from './workflows.ts';

// The calendar month before the slot's day in the tenant's zone.
export function previousMonth(day: string): Period {
  const firstOfThis = `${day.slice(0, 7)}-01`;
  const to = addDays(firstOfThis, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

// Month against month as agencies report it: the totals of two months of unequal length
// (compareKpis rightly refuses those for anomalies; a month's summary compares them as months).
export function summaryOf(id: string, current: Kpis, previous: Kpis): PerformanceSummary {
  const pct = (m: 'spend' | 'revenue' | 'conversions' | 'roas' | 'cpa' | 'ctr') => change(current[m], previous[m]).changePct;
  return {
    summaryId: id, from: current.period.from, to: current.period.to, currency: current.currency,
    spendMicros: current.spendMicros, revenueMicros: current.revenueMicros, conversions: current.conversions,
    roas: current.roas, cpa: current.cpa, ctr: current.ctr,
    changePct: { spend: pct('spend'), revenue: pct('revenue'), conversions: pct('conversions'), roas: pct('roas'), cpa: pct('cpa'), ctr: pct('ctr') },
  };
}

export function monthlySummaryTask(w: WriteSide, warehouse: Reader): WorkflowTask {
  return async ({ slot }) => {
    const tenants = await tenantsWithAccounts(w);
    if (isDomainError(tenants)) return tenants;
    const failures: string[] = [];
    let issued = 0;
    for (const { tenantId, timezone } of tenants) {
      const month = previousMonth(localDate(slot, timezone));
      const current = await periodKpisOf(warehouse, tenantId, month);
      const previous = isDomainError(current) ? current : await periodKpisOf(warehouse, tenantId, previousPeriodMonth(month));
      const summary = isDomainError(current) ? current : isDomainError(previous) ? previous : summaryOf(`monthly:${month.from.slice(0, 7)}`, current, previous);
      const sent = isDomainError(summary) ? summary : await sendCommand(w, { type: 'tenant.issue_performance_summary', data: summary, actor: performanceAnalysisActor, tenantId, commandId: `summary:${tenantId}:${summary.summaryId}` });
      if (isDomainError(sent)) failures.push(`${tenantId} (${sent.code})`);
      else if (!sent.duplicate && sent.events.length > 0) issued++;
    }
    const text = `${issued} monthly summar${issued === 1 ? 'y' : 'ies'} issued for ${tenants.length} tenant(s)`;
    return failures.length === 0 ? { summary: text } : { kind: 'unavailable', code: 'schedule.summary_incomplete', message: `${text}; failed: ${failures.sort().join(', ')}` };
  };
}

// The month before a month, whatever its length (not the days before, as previousPeriod gives).
const previousPeriodMonth = (month: Period): Period => previousMonth(month.from);

export interface TenantWeek {
  readonly tenantId: string;
  readonly roas: number | null;
  readonly roasChangePct: number | null;
  readonly openAlerts: number;
}

// Ranked, not narrated: the three best ROAS, and whoever fell 20 % or more or has an alert open.
export function overviewOf(weeks: readonly TenantWeek[]): string {
  const top = weeks.filter((t) => t.roas !== null).sort((a, b) => (b.roas ?? 0) - (a.roas ?? 0) || a.tenantId.localeCompare(b.tenantId)).slice(0, 3);
  const attention = weeks.filter((t) => (t.roasChangePct !== null && t.roasChangePct <= -20) || t.openAlerts > 0).sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  const name = (t: TenantWeek) => `${t.tenantId} (ROAS ${t.roas ?? 'n/a'}${t.roasChangePct === null ? '' : `, ${t.roasChangePct > 0 ? '+' : ''}${t.roasChangePct}%`}${t.openAlerts ? `, ${t.openAlerts} alert(s) open` : ''})`;
  return `top performers: ${top.map(name).join(', ') || 'none'}; attention needed: ${attention.map(name).join(', ') || 'none'}`;
}

export function crossTenantOverviewTask(w: WriteSide, warehouse: Reader): WorkflowTask {
  return async () => {
    const tenants = await tenantsWithAccounts(w);
    if (isDomainError(tenants)) return tenants;
    const weeks: TenantWeek[] = [];
    for (const { tenantId } of tenants) {
      const at = await tenantToday(w, tenantId);
      if (isDomainError(at)) continue;
      const week = { from: addDays(at.today, -7), to: addDays(at.today, -1) };
      const current = await periodKpisOf(warehouse, tenantId, week);
      const previous = await periodKpisOf(warehouse, tenantId, previousPeriod(week));
      if (isDomainError(current) || isDomainError(previous)) continue; // two currencies: no one ROAS
      const compared = compareKpis(current, previous);
      const openAlerts = at.tenant.alerts.open.length;
      weeks.push({ tenantId, roas: current.roas, roasChangePct: isDomainError(compared) ? null : compared.metrics.roas.changePct, openAlerts });
    }
    return { summary: overviewOf(weeks) };
  };
}
