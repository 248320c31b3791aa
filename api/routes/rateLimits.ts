// GET /api/rate-limits: who is waiting for which platform and for how long, from the launch
// saga's rate limiter (this process's). A client role sees its own tenant's waits only;
// platform-wide pauses (a retry-after) concern everyone and are shown to all.
import { z } from 'zod';
import type { RateLimiterStatus } from '../../connectors/platforms/rateLimiter.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Router } from '../http/route.ts';
import { tenantFilter } from '../http/scope.ts';

export function rateLimitRoutes(routes: Router, status: () => RateLimiterStatus): void {
  routes.route({
    method: 'GET',
    url: '/api/rate-limits',
    summary: 'Platform calls waiting in the rate limiter, per tenant and platform',
    tags: ['launches'],
    access: 'signed-in',
    query: z.strictObject({ tenantId: z.string().min(1).max(63).optional() }),
    async handler({ query, principal }) {
      const scope = tenantFilter(principal, query.tenantId);
      if (isDomainError(scope)) return scope;
      const now = status();
      const tenants = scope.tenantId === undefined ? now.tenants : now.tenants.filter((t) => t.tenantId === scope.tenantId);
      return { platforms: now.platforms, tenants };
    },
  });
}
