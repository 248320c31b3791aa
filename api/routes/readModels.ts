import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DocumentStore } from '../../readmodels/documents/port.ts';
import type { ProjectionDaemon } from '../../projections/runtime/daemon.ts';
import { zodDetails } from '../../commands/zodDetails.ts';
import { isDomainError, invalid, notFound, type DomainError } from '../../domain/shared/errors.ts';
import { actorFrom } from '../actor.ts';
import { sendError } from '../errors.ts';

const AFTER_TIMEOUT_MS = 5000;
const listQuery = z.strictObject({
  tenantId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
  after: z.string().regex(/^\d{1,20}$/).optional(),
});
const afterQuery = z.strictObject({ after: z.string().regex(/^\d{1,20}$/).optional() });

// Read-your-writes: `?after=<position>` waits (bounded) until every projection has passed it.
async function readAfter(daemon: ProjectionDaemon, after: string | undefined): Promise<DomainError | undefined> {
  if (after === undefined) return undefined;
  if (await daemon.waitFor(BigInt(after), AFTER_TIMEOUT_MS)) return undefined;
  return { kind: 'unavailable', code: 'projections.behind', message: `The read models have not reached position ${after} within ${AFTER_TIMEOUT_MS} ms; try again` };
}

export function readModelRoutes(app: FastifyInstance, docs: DocumentStore, daemon: ProjectionDaemon, collections: readonly string[]): void {
  const known = (c: string) => collections.includes(c);

  app.get<{ Params: { collection: string; id: string } }>('/api/read/:collection/:id', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    const q = afterQuery.safeParse(request.query);
    if (!q.success) return sendError(reply, invalid('query.invalid', 'The query is not valid', zodDetails(q.error)));
    if (!known(request.params.collection)) return sendError(reply, notFound('read_model.not_found', `There is no read model ${request.params.collection}`));
    const behind = await readAfter(daemon, q.data.after);
    if (behind) return sendError(reply, behind);
    const doc = await docs.get(request.params.collection, request.params.id);
    return doc ?? sendError(reply, notFound('document.not_found', `${request.params.collection} has no ${request.params.id}`));
  });

  app.get<{ Params: { collection: string } }>('/api/read/:collection', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    const q = listQuery.safeParse(request.query);
    if (!q.success) return sendError(reply, invalid('query.invalid', 'The query is not valid', zodDetails(q.error)));
    if (!known(request.params.collection)) return sendError(reply, notFound('read_model.not_found', `There is no read model ${request.params.collection}`));
    const behind = await readAfter(daemon, q.data.after);
    if (behind) return sendError(reply, behind);
    const { tenantId, limit, cursor } = q.data;
    try {
      return await docs.find(request.params.collection, { ...(tenantId ? { where: { tenantId } } : {}), limit, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      return sendError(reply, invalid('query.invalid', (error as Error).message));
    }
  });

  app.get('/api/ops/projections', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    return { projections: daemon.status(), parked: await docs.parked() };
  });

  app.post<{ Params: { name: string } }>('/api/ops/projections/:name/rebuild', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    if (actor.role !== 'agency-admin') return sendError(reply, { kind: 'forbidden', code: 'ops.forbidden', message: 'Only an agency admin may rebuild projections' });
    const name = request.params.name;
    if (!known(name)) return sendError(reply, notFound('projection.not_found', `There is no projection ${name}`));
    if (daemon.status().some((s) => s.name === name && s.rebuild)) {
      return sendError(reply, { kind: 'conflict', code: 'projection.rebuilding', message: `${name} is already rebuilding` });
    }
    daemon.rebuild(name).catch((error: unknown) => request.log.error({ err: error, projection: name }, 'rebuild failed'));
    return reply.status(202).send({ projection: name, status: 'rebuilding', progress: `/api/ops/projections` });
  });
}
