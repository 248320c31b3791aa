// Load: a stream folded into its aggregate's state, plus what the write path must know of
// it besides (revision, chain tip, commands applied). Folds are cached and brought up to
// date by reading only the events after them.
import type { EventStore, NewEvent, RecordedEvent } from '../connectors/eventstore/port.ts';
import type { AnyEvent } from '../domain/events.ts';
import { decodeEvent, type DecodedEvent, type StoredEvent } from '../domain/decodeEvent.ts';
import { GENESIS_HASH } from '../domain/shared/hashChain.ts';
import type { DomainEvent } from '../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../domain/shared/errors.ts';
import { appliedCommands, type AppliedCommands } from './appliedCommands.ts';
import { unreadable } from './storeErrors.ts';

// What folds a stream: the decider's evolve and initial state, and which events are its own.
export interface Aggregate<S, E extends AnyEvent = AnyEvent> {
  readonly initialState: S;
  evolve(state: S, event: DomainEvent<E>): S;
  owns(event: DecodedEvent): event is DecodedEvent & DecodedEvent<E>;
}

export interface Loaded<S> {
  readonly stream: string;
  readonly state: S;
  readonly revision: bigint; // -1n: no stream yet
  readonly position: bigint;
  readonly lastHash: string; // the chain's tip: the next event links to it
  readonly applied: AppliedCommands;
}

export const emptyStream = <S>(stream: string, aggregate: Aggregate<S, AnyEvent>): Loaded<S> => ({
  stream,
  state: aggregate.initialState,
  revision: -1n,
  position: 0n,
  lastHash: GENESIS_HASH,
  applied: appliedCommands(),
});

export function foldEvents<S, E extends AnyEvent>(from: Loaded<S>, aggregate: Aggregate<S, E>, events: readonly StoredEvent[]): Loaded<S> | DomainError {
  let { state, revision, position, lastHash } = from;
  for (const recorded of events) {
    const event = decodeEvent(recorded);
    if (isDomainError(event)) return unreadable(from.stream, event);
    if (!aggregate.owns(event)) return unreadable(from.stream, { code: 'event.foreign', message: `${event.type} does not belong in ${from.stream}` });
    state = aggregate.evolve(state, event);
    from.applied.record(event);
    ({ revision, position } = event);
    lastHash = event.metadata.hash ?? lastHash;
  }
  return { stream: from.stream, state, revision, position, lastHash, applied: from.applied };
}

export async function loadStream<S, E extends AnyEvent>(store: EventStore, stream: string, aggregate: Aggregate<S, E>, cache?: FoldCache<S>): Promise<Loaded<S> | DomainError> {
  const start = cache?.get(stream) ?? emptyStream(stream, aggregate);
  const fresh: RecordedEvent[] = [];
  for await (const e of store.readStream(stream, { fromRevision: start.revision + 1n })) fresh.push(e);
  if (fresh.length === 0 && cache) return start;
  const loaded = foldEvents(start, aggregate, fresh);
  if (!isDomainError(loaded)) cache?.put(loaded);
  return loaded;
}

// The stream after an append this process just made, without reading it back: its events
// go through the same decoder a later read would use, so the fold is the one a reader gets.
// The store reports the position of the append's last event only; that is the one kept.
export function foldAppended<S, E extends AnyEvent>(
  before: Loaded<S>,
  aggregate: Aggregate<S, E>,
  appended: { readonly events: readonly NewEvent[]; readonly position: bigint },
  cache?: FoldCache<S>,
): Loaded<S> | DomainError {
  const written = appended.events.map((e, i) => ({ ...e, streamId: before.stream, revision: before.revision + 1n + BigInt(i), position: appended.position }));
  const after = foldEvents(before, aggregate, written);
  if (!isDomainError(after)) cache?.put(after);
  return after;
}

// A small LRU of folds per aggregate; entries are immutable, and a newer revision wins.
export interface FoldCache<S> {
  get(stream: string): Loaded<S> | undefined;
  put(loaded: Loaded<S>): void;
}

export function foldCache<S>(capacity = 10_000): FoldCache<S> {
  const entries = new Map<string, Loaded<S>>();
  return {
    get(stream) {
      const hit = entries.get(stream);
      if (hit) {
        entries.delete(stream);
        entries.set(stream, hit);
      }
      return hit;
    },
    put(loaded) {
      const old = entries.get(loaded.stream);
      if (old && old.revision > loaded.revision) return;
      entries.delete(loaded.stream);
      entries.set(loaded.stream, loaded);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}

export type { DecodedEvent };
