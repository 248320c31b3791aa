// What an append must be before any store sees it, one rule for every adapter: the embedded
// store found these out from its INSERT, while EventStoreDB's client would send an empty
// batch or serialise `undefined` into a request the server never answers.
import type { DomainError } from '../../domain/shared/errors.ts';
import { invalid } from '../../domain/shared/errors.ts';
import type { NewEvent } from './port.ts';

export function refuseUnappendable(events: readonly NewEvent[]): DomainError | undefined {
  if (events.length === 0) return invalid('stream.empty_append', 'An append needs at least one event');
  const ids = new Set<string>();
  for (const e of events) {
    // JSON has no undefined, function or symbol: there is nothing to store that reads back the same.
    if (e.data === undefined || typeof e.data === 'function' || typeof e.data === 'symbol') return unstorable(e, 'data_not_json');
    const id = e.eventId.toLowerCase();
    if (ids.has(id)) return unstorable(e, 'event_id_repeated_in_append');
    ids.add(id);
  }
  return undefined;
}

const unstorable = (event: NewEvent, reason: string): DomainError =>
  invalid('stream.unstorable_event', 'These events cannot be stored', { reason, eventId: event.eventId });
