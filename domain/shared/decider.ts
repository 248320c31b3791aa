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

export type CommandEnvelope = Omit<Command, 'type' | 'data'>;

// A typed command from a type name and raw data: the data is parsed by the schema that
// type names, so type and data are one member of the union (the single assertion that
// says so lives here). Undefined when the table has no such type.
export function commandOf<M extends SchemaMap>(
  schemas: M,
  type: string,
  data: unknown,
  envelope: CommandEnvelope,
): { readonly ok: true; readonly command: CommandUnion<M> } | { readonly ok: false; readonly error: z.ZodError } | undefined {
  if (!Object.hasOwn(schemas, type)) return undefined;
  const parsed = schemas[type]!.safeParse(data);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, command: { ...envelope, type, data: parsed.data } as CommandUnion<M> };
}
