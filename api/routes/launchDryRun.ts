// POST /api/launches/:tenantId/:planId/:version/dry-run: what launching an approved version
// would do on each platform (QC and the platform's own validation), changing nothing and
// recording nothing. For whoever may request or approve a launch.
import { z } from 'zod';
import type { WriteSide } from '../../commands/aggregates.ts';
import { rolesFor } from '../../commands/commandRoles.ts';
import { dryRunLaunch } from '../../commands/processes/dryRun.ts';
import type { PlatformAccess } from '../../commands/processes/performMutation.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { idSchema } from '../../domain/streams.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';

const mayAsk = [...new Set([...rolesFor('launch.request'), ...rolesFor('launch.approve')])].filter((r) => r !== 'system');

export function launchDryRunRoutes(routes: Router, w: WriteSide, access: PlatformAccess): void {
  routes.route({
    method: 'POST',
    url: '/api/launches/:tenantId/:planId/:version/dry-run',
    summary: 'What launching this approved version would do on each platform; changes nothing',
    tags: ['launches'],
    access: mayAsk,
    params: z.strictObject({ tenantId: idSchema, planId: idSchema, version: z.coerce.number().int().positive() }),
    responses: { 404: 'No such tenant, plan or version in scope', 422: 'The version is not approved' },
    async handler({ params, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const campaigns = await dryRunLaunch(w, access, params.tenantId, params.planId, params.version);
      return isDomainError(campaigns) ? campaigns : { campaigns };
    },
  });
}
