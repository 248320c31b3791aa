import type { z } from 'zod';
import type { Command, DomainEvent, EventData } from './envelope.ts';
import type { DomainError } from './errors.ts';

// The decider shape every aggregate exports; the command pipeline needs nothing else.
export interface Decider<S, C extends Command, E extends EventData, Ctx = void> {
  readonly initialState: S;
  evolve(state: S, event: DomainEvent<E>): S;
  decide(command: C, state: S, context: Ctx): readonly E[] | DomainError;
}

type SchemaMap = Record<string, z.ZodType>;

// Unions derived from the schema maps, so each command and event shape is written once.
export type CommandUnion<M extends SchemaMap> = {
  [K in keyof M & string]: Command<K, z.output<M[K]>>;
}[keyof M & string];

export type EventUnion<M extends SchemaMap> = {
  [K in keyof M & string]: EventData<K, z.output<M[K]>>;
}[keyof M & string];
