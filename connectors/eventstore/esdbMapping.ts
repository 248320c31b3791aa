// Pure translations between our event store port and @eventstore/db-client v6 shapes, kept
// apart from the adapter so they can be checked without an EventStoreDB server.
import {
  ANY,
  ErrorType,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import type {
  AppendExpectedRevision,
  EventData,
  Filter,
  JSONType,
  ReadPosition,
  RecordedEvent as EsdbRecordedEvent,
  Position as EsdbPosition,
} from '@eventstore/db-client';
import type { DomainError } from '../../domain/shared/errors.ts';
import { START, matchesFilter, wrongExpectedRevision } from './port.ts';
import type { EventFilter, ExpectedRevision, NewEvent, Position, RecordedEvent } from './port.ts';

// Servers before 22.6 send no position on stream reads (or u64::MAX, i.e. -1 as unsigned);
// the port has no "unknown", so such events carry this value instead of a fake real one.
export const NO_POSITION: Position = -1n;
const U64_NONE = (1n << 64n) - 1n;

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream': return NO_STREAM;
    case 'any': return ANY;
    case 'exists': return STREAM_EXISTS;
    default: return expected;
  }
}

// The client always fills a record's position (a server that sent none shows u64::MAX, and
// a field left out reads as 0, where no event can be: the log starts with a system record),
// so the resolved event's own commit position is the fallback only when the record's is one
// of those; where neither is real the answer is NO_POSITION, never a made-up real one.
export function toCommit(position: EsdbPosition | undefined, fallback?: bigint): Position {
  const real = (commit: bigint | undefined): commit is bigint => commit !== undefined && commit !== U64_NONE && commit !== 0n;
  const own = position?.commit;
  if (real(own)) return own;
  return real(fallback) ? fallback : NO_POSITION;
}

// Every event gRPC writes is its own implicit transaction whose commit and prepare
// positions are equal, so a commit position alone names a record we can start reading at.
export const fromPosition = (after: Position): ReadPosition =>
  after <= START ? ESDB_START : { commit: after, prepare: after };

// Strictly-after on the full {commit, prepare} pair, so paging over legacy explicit
// transactions (several events sharing one commit position) drops only true repeats.
export const isAfter = (position: EsdbPosition, last: EsdbPosition): boolean =>
  position.commit > last.commit || (position.commit === last.commit && position.prepare > last.prepare);

// `$`-typed events (links, stats, metadata) and `$`-streams belong to the server, never to us.
export const isSystemEvent = (streamId: string, type: string): boolean => type.startsWith('$') || streamId.startsWith('$');

export const wanted = (filter: EventFilter | undefined, streamId: string, type: string): boolean =>
  !isSystemEvent(streamId, type) && matchesFilter(filter, streamId, type);

// The client filters on one dimension only; event type wins because our type prefixes never
// start with `$`, so it also drops system events. The caller still applies matchesFilter.
export function toServerFilter(filter: EventFilter | undefined): Filter {
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  if (filter?.eventTypePrefixes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypePrefixes] });
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  return excludeSystemEvents();
}

// The client JSON.stringify()s `data` whatever it is; its JSONType just omits scalars and null.
export const toEventData = (event: NewEvent): EventData => ({
  id: event.eventId,
  contentType: 'application/json',
  type: event.type,
  data: event.data as JSONType,
  metadata: event.metadata,
});

export function fromRecorded(event: EsdbRecordedEvent, commitPosition?: bigint): RecordedEvent {
  const metadata = event.metadata;
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: toCommit(event.position, commitPosition),
    type: event.type,
    data: event.data,
    metadata: isRecord(metadata) ? metadata : {},
    created: event.created.toISOString(),
  };
}

// Returns undefined for anything that is not a concurrency conflict, so the caller rethrows it.
export function fromAppendError(error: unknown, stream: string, expected: ExpectedRevision): DomainError | undefined {
  if (!isRecord(error) || error.type !== ErrorType.WRONG_EXPECTED_VERSION) return undefined;
  const actual = error.actualVersion;
  return wrongExpectedRevision(stream, expected, typeof actual === 'bigint' ? actual : 'no_stream');
}

export const isStreamNotFound = (error: unknown): boolean => isRecord(error) && error.type === ErrorType.STREAM_NOT_FOUND;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
