// The event log. Positions are global, totally ordered bigints (gap-free on the embedded
// store; EventStoreDB's commit position otherwise); the API carries them as strings.
import type { DomainError } from '../../domain/shared/errors.ts';

export type Position = bigint;
export const START: Position = 0n; // before the first event: `after: START` reads everything

export type ExpectedRevision = 'no_stream' | 'any' | 'exists' | bigint;

export interface NewEvent {
  // A uuid naming one event in the whole log, on every store: an append repeating events
  // already stored, in the same stream, in the same order, at the revision they were first
  // appended at, is a no-op answering the original result (`alreadyStored`); an id stored
  // in another stream refuses the append with stream.duplicate_event_id (a conflict, 409).
  // An id repeated elsewhere in its own stream is the caller's error: the embedded store
  // refuses it the same way, EventStoreDB checks ids only at the expected revision. (The
  // command pipeline never does it: a stream's applied command ids are checked first.)
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint; // 0-based within the stream
  readonly position: Position;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly created: string; // ISO time the store recorded it
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint; // revision of the last event in the stream
  readonly position: Position; // position of the last event appended
  // True when every event was already stored and nothing was written (an identical append
  // won earlier); undefined where the store cannot tell.
  readonly alreadyStored?: boolean;
}

export type AppendOutcome =
  | ({ readonly ok: true } & AppendResult)
  | { readonly ok: false; readonly error: DomainError };

// Every given part must match (an event's type is one of `eventTypes` AND starts with one
// of `eventTypePrefixes` when both are given).
export interface EventFilter {
  readonly streamPrefixes?: readonly string[]; // e.g. ['plan-', 'tenant-']
  readonly eventTypes?: readonly string[]; // exact, e.g. ['launch.requested']
  readonly eventTypePrefixes?: readonly string[]; // e.g. ['plan.']
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  readonly fromRevision?: bigint; // inclusive; default: start (forwards) or end (backwards)
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly after?: Position; // exclusive
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  readonly after?: Position; // exclusive
  readonly filter?: EventFilter;
}

// Catch-up then live: yields every matching event after `after`, in position order, then
// waits for new ones. Ending the loop (break/return) or `close()` stops it.
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  readonly name: string;
  // True where positions run 1, 2, 3… with no holes (the embedded store), so a missing
  // position is evidence of a deleted event; EventStoreDB's commit positions have holes.
  readonly gapFreePositions: boolean;
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendOutcome>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeAll(options?: SubscribeOptions): Subscription;
  headPosition(): Promise<Position>; // position of the newest event, START when empty
  // Readiness: one small real write that reaches the disk, outside the log (it appends no
  // event); rejects when the store cannot take writes now (disk full, read-only, locked).
  probe(): Promise<void>;
  close(): Promise<void>;
}

export const wrongExpectedRevision = (stream: string, expected: ExpectedRevision, actual: bigint | 'no_stream'): DomainError => ({
  kind: 'conflict',
  code: 'stream.wrong_expected_revision',
  message: `Stream ${stream} is at ${String(actual)}, not at the expected ${String(expected)}`,
  details: { stream, expected: String(expected), actual: String(actual) },
});

export const duplicateEventIds = (stream: string, eventIds: readonly string[]): DomainError => ({
  kind: 'conflict',
  code: 'stream.duplicate_event_id',
  message: 'Some of these event ids are already stored, but not as this same append',
  details: { stream, eventIds: [...eventIds] },
});

export function matchesFilter(filter: EventFilter | undefined, streamId: string, type: string): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => streamId.startsWith(p))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(type)) return false;
  if (filter.eventTypePrefixes && !filter.eventTypePrefixes.some((p) => type.startsWith(p))) return false;
  return true;
}
