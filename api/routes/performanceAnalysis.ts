// POST /api/tenants/:tenantId/performance/analyse: run the tenant's analysis now (the weekly
// slot runs the same): anomalies, daily overspend and plan pacing from the warehouse, each
// finding raised once as an alert that waits in the approvals queue. Agency staff only.
import { z } from 'zod';
import type { WriteSide } from '../../commands/aggregates.ts';
import { analyseTenantPerformance } from '../../commands/processes/performanceAnalysis.ts';
import { agencyRoles } from '../../domain/shared/roles.ts';
import { idSchema } from '../../domain/streams.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';

export function performanceAnalysisRoutes(routes: Router, w: WriteSide, warehouse: Pick<WarehouseReader, 'dailyTotals' | 'rows'>): void {
  routes.route({
    method: 'POST',
    url: '/api/tenants/:tenantId/performance/analyse',
    summary: "Analyse the tenant's last days now: anomalies, overspend and pacing become alerts in the approvals queue, each once",
    tags: ['performance'],
    access: agencyRoles,
    params: z.strictObject({ tenantId: idSchema }),
    body: z.strictObject({
      days: z.number().int().min(1).max(92).optional(),
      includeUnsettled: z.boolean().optional(),
    }),
    responses: { 404: 'No such tenant in scope', 503: 'The warehouse or the log is unavailable' },
    async handler({ params, body, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      return analyseTenantPerformance(w, warehouse, params.tenantId, body);
    },
  });
}
