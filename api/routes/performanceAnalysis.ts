// The analysis of a tenant's numbers, as the console reads it and as a person runs it now:
//   GET  …/performance/pacing     each launched plan version's pacing and its campaigns' budgets
//   GET  …/performance/funnel     each channel's funnel against the spec's benchmarks
//   GET  …/performance/anomalies  the spec's anomaly rules, settled days only unless asked
//   POST …/performance/analyse    raise what is found as alerts (the weekly slot does the same)
// Reads are computed on request from the warehouse and the log; only `analyse` records.
import { z } from 'zod';
import type { WriteSide } from '../../commands/aggregates.ts';
import { analyseTenantPerformance, tenantToday } from '../../commands/processes/performanceAnalysis.ts';
import { anomalyReports, DEFAULT_INDUSTRY, funnels, planPacings, type Reader } from '../../commands/processes/performanceInsights.ts';
import { addDays } from '../../domain/performance/days.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { agencyRoles } from '../../domain/shared/roles.ts';
import { idSchema } from '../../domain/streams.ts';
import type { Router } from '../http/route.ts';
import { reportQuery, tenantParams } from '../http/reportQuery.ts';
import { requireTenant } from '../http/scope.ts';

const responses = { 400: 'A bad date or range', 404: 'No such tenant in scope', 503: 'The warehouse or the log is unavailable' };

export function performanceAnalysisRoutes(routes: Router, w: WriteSide, warehouse: Reader): void {
  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/pacing',
    summary: "Each launched plan version's pacing (spend since its flight began against its budget) and its campaigns' days above 110 % of their daily budget in the last 7 days",
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    responses,
    async handler({ params, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const at = await tenantToday(w, params.tenantId);
      if (isDomainError(at)) return at;
      const period = { from: addDays(at.today, -7), to: addDays(at.today, -1) };
      return { tenantId: params.tenantId, today: at.today, plans: await planPacings(w, warehouse, at.tenant, period, at.today) };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/funnel',
    summary: "Each channel's ratios and its weak funnel stages against the spec's benchmarks for the tenant's industry",
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({}),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const at = await tenantToday(w, params.tenantId);
      if (isDomainError(at)) return at;
      const channels = await funnels(warehouse, at.tenant, { from: query.from, to: query.to });
      return { tenantId: params.tenantId, industry: DEFAULT_INDUSTRY, channels: query.platform ? channels.filter((c) => c.platform === query.platform) : channels };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/anomalies',
    summary: 'The anomaly rules on each platform and across them: the period against the one before it; days the platforms may still restate are left out unless includeUnsettled=true',
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({ includeUnsettled: z.enum(['true', 'false']).default('false') }),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const at = await tenantToday(w, params.tenantId);
      if (isDomainError(at)) return at;
      const scopes = await anomalyReports(warehouse, at.tenant, { from: query.from, to: query.to }, at.today, query.includeUnsettled === 'true');
      return { tenantId: params.tenantId, today: at.today, scopes: query.platform ? scopes.filter((s) => s.scope === query.platform) : scopes };
    },
  });

  routes.route({
    method: 'POST',
    url: '/api/tenants/:tenantId/performance/analyse',
    summary: "Analyse the tenant's last days now: anomalies, overspend and pacing become alerts in the approvals queue, each once",
    tags: ['performance'],
    access: agencyRoles,
    params: z.strictObject({ tenantId: idSchema }),
    body: z.strictObject({ days: z.number().int().min(1).max(92).optional(), includeUnsettled: z.boolean().optional() }),
    responses,
    async handler({ params, body, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      return analyseTenantPerformance(w, warehouse, params.tenantId, body);
    },
  });
}
