// GET /api/performance/tenants: the agency's overview of which tenants have reporting data,
// their span of days and their totals per currency. Agency roles only (they act for every
// tenant); a client role is refused 403, since the list is about other tenants.
import { isDomainError } from '../../domain/shared/errors.ts';
import { agencyRoles } from '../../domain/shared/roles.ts';
import type { TenantData, WarehouseReader } from '../../readmodels/warehouse/port.ts';
import type { Router } from '../http/route.ts';
import { tenantFilter } from '../http/scope.ts';
import { totalsJson } from './reportTotals.ts';

export function performanceTenantRoutes(routes: Router, warehouse: WarehouseReader): void {
  routes.route({
    method: 'GET',
    url: '/api/performance/tenants',
    summary: 'Tenants in scope that have reporting data: first and last day, row count, totals per currency',
    tags: ['performance'],
    access: agencyRoles,
    responses: { 403: 'A client role', 503: 'The reporting warehouse cannot serve now' },
    async handler({ principal }) {
      // The scope as a filter, as the document reads take it: {} (every tenant) for agency roles.
      const scope = tenantFilter(principal, undefined);
      if (isDomainError(scope)) return scope;
      const data = await warehouse.tenantsWithData(scope.tenantId === undefined ? undefined : [scope.tenantId]);
      if (isDomainError(data)) return data;
      const byTenant = new Map<string, TenantData[]>();
      for (const d of data) byTenant.set(d.tenant_id, [...(byTenant.get(d.tenant_id) ?? []), d]);
      const tenants = [...byTenant].map(([tenantId, parts]) => ({
        tenantId,
        firstDate: parts.map((p) => p.first_date).sort()[0]!,
        lastDate: parts.map((p) => p.last_date).sort().at(-1)!,
        rows: parts.reduce((n, p) => n + p.rows, 0),
        currencies: parts.map((p) => ({ currency: p.currency, ...totalsJson(p) })),
      }));
      return { tenants };
    },
  });
}
