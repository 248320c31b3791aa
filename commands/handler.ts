import type { z } from 'zod';
import type { EventStore } from '../connectors/eventstore/port.ts';
import type { Actor, Command, EventData } from '../domain/shared/envelope.ts';
import type { DomainError } from '../domain/shared/errors.ts';
import type { AggregateCache, Fold } from './loadAggregate.ts';

export type Role = Actor['role'];

export interface HandlerDeps {
  readonly store: EventStore;
  readonly cache?: AggregateCache;
}

// Everything the pipeline needs to run one command type: where it goes, who may send it,
// what else it must read (other aggregates, read-only), and the decision itself.
export interface CommandHandler<S = unknown, Ctx = unknown> {
  readonly dataSchema: z.ZodType;
  // The fields that name the target aggregate (planId, version). Where the domain's data
  // schema does not carry them, the pipeline takes them off before validating the data.
  readonly routeSchema?: z.ZodObject;
  readonly roles: readonly Role[];
  readonly fold: Fold<S>;
  stream(tenantId: string, route: never): string;
  context(deps: HandlerDeps, tenantId: string, data: never): Promise<Ctx | DomainError>;
  decide(command: Command, state: S, context: Ctx): readonly EventData[] | DomainError;
}
