// The whole write path a reader must hold in their head: load the stream, decide, append
// at the revision the decision was made on. Retry, idempotency and the hash chain are
// wrappers around it (withRetry.ts, withIdempotency.ts, hashChained.ts).
import type { AppendResult, EventStore, NewEvent } from '../connectors/eventstore/port.ts';
import type { EventData } from '../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../domain/shared/errors.ts';
import type { Loaded } from './loadStream.ts';

export interface CommandHandling<S> {
  readonly stream: string;
  load(): Promise<Loaded<S> | DomainError>;
  decide(state: S): Promise<readonly EventData[] | DomainError>;
  toEvents(loaded: Loaded<S>, decision: readonly EventData[]): readonly NewEvent[];
}

export interface Handled<S> {
  readonly loaded: Loaded<S>; // the stream as the decision saw it
  readonly appended?: AppendResult & { readonly events: readonly NewEvent[] }; // absent: nothing to record
}

export async function handleCommand<S>(store: EventStore, handling: CommandHandling<S>): Promise<Handled<S> | DomainError> {
  const loaded = await handling.load(); // 1. load
  if (isDomainError(loaded)) return loaded;
  const decision = await handling.decide(loaded.state); // 2. decide
  if (isDomainError(decision)) return decision;
  if (decision.length === 0) return { loaded };
  const events = handling.toEvents(loaded, decision);
  const expected = loaded.revision < 0n ? 'no_stream' : loaded.revision;
  const outcome = await store.append(handling.stream, events, expected); // 3. append at the expected revision
  return outcome.ok ? { loaded, appended: { ...outcome, events } } : outcome.error;
}
