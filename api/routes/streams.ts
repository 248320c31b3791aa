import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { toDomainEvent } from '../../commands/loadAggregate.ts';
import { foldForStream } from '../../commands/registry.ts';
import { stateAsOf } from '../../commands/stateAsOf.ts';
import { verifyChains } from '../../commands/audit/verifyChains.ts';
import { parseAsOf } from '../../commands/parseAsOf.ts';
import { zodDetails } from '../../commands/zodDetails.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { actorFrom } from '../actor.ts';
import { sendError } from '../errors.ts';

const historyQuery = z.strictObject({
  from: z.coerce.bigint().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  direction: z.enum(['forwards', 'backwards']).default('forwards'),
});

// What auditors read: the event as stored (schemaVersion), and its data as read today (upcast).
export function presentEvent(e: RecordedEvent) {
  const current = toDomainEvent(e);
  return {
    position: String(e.position),
    revision: String(e.revision),
    eventId: e.eventId,
    type: e.type,
    storedSchemaVersion: Number(e.metadata.schemaVersion ?? 1),
    data: current.data,
    metadata: e.metadata,
  };
}

export function streamRoutes(app: FastifyInstance, store: EventStore): void {
  app.get<{ Params: { stream: string } }>('/api/streams/:stream/history', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    const q = historyQuery.safeParse(request.query);
    if (!q.success) return sendError(reply, { kind: 'invalid', code: 'query.invalid', message: 'The query is not valid', details: zodDetails(q.error) });
    if (!foldForStream(request.params.stream)) return sendError(reply, unknownStream(request.params.stream));
    const events = [];
    for await (const e of store.readStream(request.params.stream, { direction: q.data.direction, fromRevision: q.data.from, maxCount: q.data.limit })) {
      events.push(presentEvent(e));
    }
    if (events.length === 0 && q.data.from === undefined) return sendError(reply, unknownStream(request.params.stream));
    return { stream: request.params.stream, events };
  });

  app.get<{ Params: { stream: string }; Querystring: { asOf?: string } }>('/api/streams/:stream/state', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    const fold = foldForStream(request.params.stream);
    if (!fold) return sendError(reply, unknownStream(request.params.stream));
    const asOf = parseAsOf(request.query.asOf);
    if (isDomainError(asOf)) return sendError(reply, asOf);
    const result = await stateAsOf(store, request.params.stream, fold, asOf);
    if (result.revision === '-1' && asOf === undefined) return sendError(reply, unknownStream(request.params.stream));
    return { stream: request.params.stream, ...result };
  });

  app.get<{ Querystring: { tenantId?: string } }>('/api/audit/verify', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    return verifyChains(store, { tenantId: request.query.tenantId });
  });
}

const unknownStream = (stream: string) => ({ kind: 'not_found' as const, code: 'stream.not_found', message: `There is no stream ${stream}` });
