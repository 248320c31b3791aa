// One event id, one event, across the whole log — as the embedded store's unique index
// gives it. EventStoreDB checks ids only within a stream (an append repeating the events
// at the revision they were first written at is answered as already done), so an id
// stored in stream A would be stored again in stream B: two audit entries under one id.
//
// So before an append, each of its event ids is reserved for its stream, in a stream of
// its own (`_eventid-<id>`) at no_stream. The reservation's own event id is derived from
// (event id, stream), which makes the reservation itself idempotent per stream:
// - a retry of the same append on the same stream (a timeout, a crash between reserving
//   and appending) writes the same reservation again, which the server answers as already
//   done, and goes on to append — a crash in between never blocks it;
// - an append of that id to any other stream finds the reservation stream taken by an
//   event with another id: WrongExpectedVersion, answered as stream.duplicate_event_id,
//   whether or not the first append ever landed, so a crash never frees the id either.
// There is no multi-stream transaction, so this is the order that is safe: reserve, then
// append. The reservations are `$`-typed, so every read, subscription and head of this
// adapter skips them like the server's own events. Ids stored before reservations
// existed are not covered.
import { createHash } from 'node:crypto';
import { ErrorType, NO_STREAM } from '@eventstore/db-client';
import type { EventData, EventStoreDBClient } from '@eventstore/db-client';
import type { DomainError } from '../../domain/shared/errors.ts';
import { duplicateEventIds } from './port.ts';
import type { NewEvent } from './port.ts';

export const RESERVATION_TYPE = '$adledger.event_id_reserved';
export const reservationStream = (eventId: string): string => `_eventid-${eventId.toLowerCase()}`;

// A name-based UUID (version 5 layout over SHA-256) of the id and the stream it is kept for.
export function reservationId(eventId: string, stream: string): string {
  const h = createHash('sha256').update(`adledger:reserve:${eventId.toLowerCase()}:${stream}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const reservation = (eventId: string, stream: string): EventData => ({
  id: reservationId(eventId, stream),
  contentType: 'application/json',
  type: RESERVATION_TYPE,
  data: { eventId, stream },
  metadata: {},
});

// Undefined when every id is reserved for `stream` (now or by an earlier try); the
// refusal names the ids another stream holds. Any other failure is thrown to the caller.
export async function reserveEventIds(client: EventStoreDBClient, stream: string, events: readonly NewEvent[]): Promise<DomainError | undefined> {
  const taken = await Promise.all(
    events.map(async (e) => {
      try {
        const result = await client.appendToStream(reservationStream(e.eventId), reservation(e.eventId, stream), { expectedRevision: NO_STREAM, requiresLeader: true });
        return result.success ? undefined : e.eventId; // throwOnAppendFailure=false
      } catch (error) {
        if ((error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION) return e.eventId;
        throw error;
      }
    }),
  );
  const ids = taken.filter((id): id is string => id !== undefined);
  return ids.length > 0 ? duplicateEventIds(stream, ids) : undefined;
}
