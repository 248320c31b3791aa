import { z } from 'zod';
import { conflict, notFound } from '../../domain/shared/errors.ts';
import { agencyRoles } from '../../domain/shared/roles.ts';
import type { ProjectionStatus } from '../../projections/runtime/daemon.ts';
import type { ParkedEvent } from '../../readmodels/documents/port.ts';
import type { Router } from '../http/route.ts';
import type { ReadSide } from './queries.ts';

// What GET /api/ops/projections answers (the console reads it with this type).
export type OpsAnswer = { readonly projections: readonly ProjectionStatus[]; readonly parked: readonly ParkedEvent[] };

export function opsRoutes(routes: Router, { docs, daemon }: ReadSide, collections: readonly string[]): void {
  routes.route({
    method: 'GET',
    url: '/api/ops/projections',
    summary: 'Projection status: position, lag, rate, rebuild progress, parked events',
    tags: ['ops'],
    access: agencyRoles,
    async handler() {
      const answer: OpsAnswer = { projections: daemon.status(), parked: await docs.parked() };
      return answer;
    },
  });

  routes.route({
    method: 'POST',
    url: '/api/ops/projections/:name/rebuild',
    summary: 'Rebuild a projection into a new generation; readers switch when it has caught up',
    tags: ['ops'],
    access: ['agency-admin'],
    params: z.strictObject({ name: z.string().min(1).max(100) }),
    responses: { 202: 'Rebuild started here, or requested from the process holding the lease (status "requested"); follow it on /api/ops/projections or the ops channel', 409: 'Already rebuilding' },
    async handler({ params, request, reply, principal }) {
      if (!collections.includes(params.name) && !daemon.status().some((s) => s.name === params.name)) return notFound('projection.not_found', `There is no projection ${params.name}`);
      if (daemon.status().some((s) => s.name === params.name && s.rebuild)) return conflict('projection.rebuilding', `${params.name} is already rebuilding`);
      // Run by another process (this one is an API instance, or waits for the lease): asked for
      // in the coordination store, where the lease holder takes it within a second or so.
      const elsewhere = daemon.rebuilds === 'elsewhere' || daemon.status().some((s) => s.name === params.name && s.state === 'waiting_for_lease');
      if (elsewhere) {
        await docs.requestRebuild(params.name, principal.id);
        return reply.status(202).send({ projection: params.name, status: 'requested', progress: '/api/ops/projections' });
      }
      daemon.rebuild(params.name).catch((error: unknown) => request.log.error({ err: error, projection: params.name }, 'rebuild failed'));
      return reply.status(202).send({ projection: params.name, status: 'rebuilding', progress: '/api/ops/projections' });
    },
  });
}
