// Folds a stream into state, incrementally: a cached fold is brought up to date by reading
// only the events after it, so a hot stream costs one short read per command.
import type { EventStore, RecordedEvent } from '../connectors/eventstore/port.ts';
import type { DomainEvent, EventData, EventMetadata } from '../domain/shared/envelope.ts';
import { upcast } from '../domain/upcasting.ts';
import { GENESIS_HASH } from './hashChain.ts';
import type { CommandResult } from './result.ts';

export interface PriorCommand {
  readonly commandHash: string;
  readonly firstHash: string; // chain hash of the command's first event: tells whose write it was
  readonly result: CommandResult;
}

export interface Loaded<S> {
  readonly stream: string;
  readonly state: S;
  readonly revision: bigint; // -1n: no stream yet
  readonly position: bigint;
  readonly lastHash: string;
  readonly commands: ReadonlyMap<string, PriorCommand>;
}

export interface Fold<S> {
  readonly initialState: S;
  evolve(state: S, event: DomainEvent<EventData>): S;
}

export function toDomainEvent(recorded: RecordedEvent): DomainEvent<EventData> {
  const metadata = recorded.metadata as unknown as EventMetadata;
  const current = upcast({ type: recorded.type, schemaVersion: metadata.schemaVersion ?? 1, data: recorded.data });
  return { type: current.type, data: current.data, metadata: { ...metadata, schemaVersion: current.schemaVersion } };
}

export function emptyLoad<S>(stream: string, fold: Fold<S>): Loaded<S> {
  return { stream, state: fold.initialState, revision: -1n, position: 0n, lastHash: GENESIS_HASH, commands: new Map() };
}

export function applyRecorded<S>(loaded: Loaded<S>, fold: Fold<S>, events: readonly RecordedEvent[]): Loaded<S> {
  if (events.length === 0) return loaded;
  let state = loaded.state;
  // Shared between a stream's successive folds and only ever added to: copying it per
  // command would cost O(stream). Which commands a stream has applied is a fact of the log,
  // so an older fold seeing a newer entry is still telling the truth.
  const commands = loaded.commands as Map<string, PriorCommand>;
  for (const recorded of events) {
    state = fold.evolve(state, toDomainEvent(recorded));
    const commandId = recorded.metadata.commandId as string | undefined;
    if (commandId) commands.set(commandId, mergePrior(commands.get(commandId), recorded, loaded.stream));
  }
  const last = events[events.length - 1]!;
  return {
    stream: loaded.stream,
    state,
    revision: last.revision,
    position: last.position,
    lastHash: (last.metadata.hash as string | undefined) ?? loaded.lastHash,
    commands,
  };
}

function mergePrior(prior: PriorCommand | undefined, e: RecordedEvent, stream: string): PriorCommand {
  // Two folds racing over the same new events must not list an event twice.
  if (prior && BigInt(prior.result.nextExpectedRevision) >= e.revision) return prior;
  const event = { eventId: e.eventId, type: e.type, revision: String(e.revision), data: e.data };
  return {
    commandHash: String(e.metadata.commandHash ?? ''),
    firstHash: prior?.firstHash ?? String(e.metadata.hash ?? ''),
    result: {
      commandId: String(e.metadata.commandId),
      stream,
      events: [...(prior?.result.events ?? []), event],
      nextExpectedRevision: String(e.revision),
      position: String(e.position),
      duplicate: true,
    },
  };
}

// A small LRU of folds; entries are immutable, and a newer revision always wins.
export function aggregateCache(capacity = 10_000) {
  const entries = new Map<string, Loaded<unknown>>();
  return {
    get<S>(stream: string): Loaded<S> | undefined {
      const hit = entries.get(stream);
      if (hit) {
        entries.delete(stream);
        entries.set(stream, hit);
      }
      return hit as Loaded<S> | undefined;
    },
    put<S>(loaded: Loaded<S>): void {
      const old = entries.get(loaded.stream);
      if (old && old.revision > loaded.revision) return;
      entries.delete(loaded.stream);
      entries.set(loaded.stream, loaded);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}
export type AggregateCache = ReturnType<typeof aggregateCache>;

export async function loadAggregate<S>(store: EventStore, stream: string, fold: Fold<S>, cache?: AggregateCache): Promise<Loaded<S>> {
  const start = cache?.get<S>(stream) ?? emptyLoad(stream, fold);
  // Where the store knows the stream ends at the cached revision, a read would add nothing.
  if (store.knownRevision?.(stream) === start.revision) return start;
  const fresh: RecordedEvent[] = [];
  for await (const e of store.readStream(stream, { fromRevision: start.revision + 1n })) fresh.push(e);
  const loaded = applyRecorded(start, fold, fresh);
  cache?.put(loaded);
  return loaded;
}
