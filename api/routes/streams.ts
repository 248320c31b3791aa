import { z } from 'zod';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { aggregateOfStream } from '../../commands/aggregates.ts';
import { stateAsOf, type StateAsOf } from '../../projections/audit/stateAsOf.ts';
import { parseAsOf } from '../../projections/audit/parseAsOf.ts';
import { presentEvent } from '../../projections/audit/presentEvent.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { int64Text } from '../http/numbers.ts';
import type { Router } from '../http/route.ts';
import { requireStream, streamNotFound } from '../http/scope.ts';

// What GET /api/streams/:stream/state answers (the console reads it with this type).
export type StreamStateAnswer = { readonly stream: string } & StateAsOf<unknown>;

const streamParams = z.strictObject({ stream: z.string().min(1).max(300) });
const historyQuery = z.strictObject({
  from: int64Text('a revision').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  direction: z.enum(['forwards', 'backwards']).default('forwards'),
});
const stateQuery = z.strictObject({ asOf: z.string().max(40).optional().describe('ISO time or stream revision') });

export function streamRoutes(routes: Router, store: EventStore): void {
  routes.route({
    method: 'GET',
    url: '/api/streams/:stream/history',
    summary: 'The events of one stream, as stored, upcast to today’s schema',
    tags: ['audit'],
    access: 'signed-in',
    params: streamParams,
    query: historyQuery,
    async handler({ params, query, principal }) {
      const outOfScope = requireStream(principal, params.stream);
      if (outOfScope) return outOfScope;
      const fromRevision = query.from === undefined ? undefined : BigInt(query.from);
      const events = [];
      for await (const e of store.readStream(params.stream, { direction: query.direction, fromRevision, maxCount: query.limit })) events.push(presentEvent(e));
      if (events.length === 0 && fromRevision === undefined) return streamNotFound(params.stream);
      return { stream: params.stream, events };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/streams/:stream/state',
    summary: 'The state of a stream now, or as of a time or revision',
    tags: ['audit'],
    access: 'signed-in',
    params: streamParams,
    query: stateQuery,
    async handler({ params, query, principal }) {
      const outOfScope = requireStream(principal, params.stream);
      if (outOfScope) return outOfScope;
      const asOf = parseAsOf(query.asOf);
      if (isDomainError(asOf)) return asOf;
      const aggregate = aggregateOfStream(params.stream);
      if (!aggregate) return streamNotFound(params.stream);
      const result = await stateAsOf(store, params.stream, aggregate, asOf);
      if (isDomainError(result)) return result;
      if (result.revision === '-1' && asOf === undefined) return streamNotFound(params.stream);
      const answer: StreamStateAnswer = { stream: params.stream, ...result };
      return answer;
    },
  });
}
