// GET /api/tenants/:tenantId/performance/{kpis,monthly}: a period's KPIs against the previous
// period of equal length (domain compareKpis), and month totals. Both add the tenant's rows
// into one sum, so rows in two currencies are refused (422 performance.mixed_currencies).
import { compareKpis } from '../../domain/performance/kpis.ts';
import { previousPeriod, type Period } from '../../domain/performance/days.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';
import { reportQuery, tenantParams } from '../http/reportQuery.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';
import type { WriteSide } from '../../commands/aggregates.ts';
import { tenantToday } from '../../commands/processes/performanceAnalysis.ts';
import { periodKpisOf } from '../../commands/processes/performanceInsights.ts';
import { emptyTotals, singleCurrency, totalsJson } from './reportTotals.ts';

const responses = {
  400: 'A bad date, from after to, a range over 366 days or an unknown platform',
  404: 'No such tenant in scope',
  422: 'Rows in more than one currency (filter by platform)',
  503: 'The reporting warehouse cannot serve now',
};

// Every month a range touches, 'YYYY-MM', in order.
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    months.push(m);
    if (m >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

// `w`, where given, answers the tenant's KPI targets (tenant.kpi_targets_set) beside its KPIs.
export function performanceKpiRoutes(routes: Router, warehouse: WarehouseReader, w?: WriteSide): void {
  const kpisOf = (tenantId: string, period: Period, platform: string | undefined) => periodKpisOf(warehouse, tenantId, period, platform);

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/kpis',
    summary: "The period's KPIs (sums, then ratios of the sums) compared with the previous period of equal length",
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({}),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const period = { from: query.from, to: query.to };
      const current = await kpisOf(params.tenantId, period, query.platform);
      if (isDomainError(current)) return current;
      const previous = await kpisOf(params.tenantId, previousPeriod(period), query.platform);
      if (isDomainError(previous)) return previous;
      const comparison = compareKpis(current, previous);
      if (isDomainError(comparison)) return comparison;
      const tenant = w ? await tenantToday(w, params.tenantId) : undefined;
      const targets = tenant && !isDomainError(tenant) && Object.keys(tenant.tenant.kpi).length > 0 ? tenant.tenant.kpi : null;
      return { tenantId: params.tenantId, platform: query.platform ?? null, current, previous, comparison, targets };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/monthly',
    summary: 'Totals per month (YYYY-MM) of the days in the range, every month it touches (0 where none), with ratios',
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({}),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const { from, to, platform } = query;
      const groups = await warehouse.aggregate(params.tenantId, { by: 'month', from, to, ...(platform ? { platform } : {}) });
      if (isDomainError(groups)) return groups;
      const currency = singleCurrency(groups);
      if (isDomainError(currency)) return currency;
      const byMonth = new Map(groups.map((g) => [g.key.month, g]));
      const months = monthsOf(from, to).map((month) => ({ month, ...totalsJson(byMonth.get(month) ?? emptyTotals) }));
      return { tenantId: params.tenantId, from, to, platform: platform ?? null, currency, months };
    },
  });
}
