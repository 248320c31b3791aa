// POST /api/tenants/:tenantId/performance/sync: sync a tenant's daily numbers for a range of
// its days now (the scheduler of Step 6 will call the same workflow). Agency staff only.
import { z } from 'zod';
import type { WriteSide } from '../../commands/aggregates.ts';
import type { PlatformAccess } from '../../commands/processes/performMutation.ts';
import { syncTenantPerformance } from '../../commands/processes/performanceSync.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { agencyRoles } from '../../domain/shared/roles.ts';
import { isoDateSchema } from '../../domain/shared/values.ts';
import { idSchema } from '../../domain/streams.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';

export function performanceRoutes(routes: Router, w: WriteSide, access: PlatformAccess): void {
  routes.route({
    method: 'POST',
    url: '/api/tenants/:tenantId/performance/sync',
    summary: "Sync the tenant's daily ad numbers for a range of its days: one event per account and day, restating changed days",
    tags: ['performance'],
    access: agencyRoles,
    params: z.strictObject({ tenantId: idSchema }),
    body: z.strictObject({ from: isoDateSchema, to: isoDateSchema }),
    responses: { 400: 'A bad or too long range', 404: 'No such tenant in scope', 422: 'A future day, or no account linked' },
    async handler({ params, body, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const accounts = await syncTenantPerformance(w, access, params.tenantId, body.from, body.to);
      return isDomainError(accounts) ? accounts : { accounts };
    },
  });
}
