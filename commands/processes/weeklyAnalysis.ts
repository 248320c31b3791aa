// The spec's weekly-report-tenant (§7.2, §8.1): every tenant with a linked account is analysed
// over the last seven days — anomalies on settled days, daily overspend, plan pacing — and what
// is found is raised as alerts (each once). One tenant failing stops no other.
import { isDomainError } from '../../domain/shared/errors.ts';
import type { WriteSide } from '../aggregates.ts';
import { tenantsWithAccounts } from './dailySync.ts';
import { analyseTenantPerformance } from './performanceAnalysis.ts';
import type { Reader } from './performanceInsights.ts';
import type { WorkflowTask } from './workflows.ts';

export function weeklyAnalysisTask(w: WriteSide, warehouse: Reader): WorkflowTask {
  return async () => {
    const tenants = await tenantsWithAccounts(w);
    if (isDomainError(tenants)) return tenants;
    const failures: string[] = [];
    let raised = 0;
    for (const { tenantId } of tenants) {
      const outcome = await analyseTenantPerformance(w, warehouse, tenantId, { days: 7 }).catch((e: unknown) => ({ code: 'analysis.threw', message: String(e) }));
      if ('code' in outcome) failures.push(`${tenantId} (${outcome.code})`);
      else raised += outcome.raised.length;
    }
    const summary = `${tenants.length - failures.length} of ${tenants.length} tenant(s) analysed, ${raised} alert(s) raised`;
    if (failures.length === 0) return { summary };
    return { kind: 'unavailable', code: 'schedule.analysis_incomplete', message: `${summary}; failed: ${failures.sort().join(', ')}` };
  };
}
