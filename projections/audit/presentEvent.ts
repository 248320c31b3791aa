// What auditors read of one event: as stored (schema version, metadata), with its data as
// today's code reads it (upcast) — or, where today's code cannot read it, as stored with
// the reason, because history must show everything the log holds.
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import { decodeEvent } from '../../domain/decodeEvent.ts';
import { isDomainError } from '../../domain/shared/errors.ts';

export function presentEvent(e: RecordedEvent) {
  const decoded = decodeEvent(e);
  return {
    position: String(e.position),
    revision: String(e.revision),
    eventId: e.eventId,
    type: e.type,
    storedSchemaVersion: Number(e.metadata.schemaVersion ?? 1),
    data: isDomainError(decoded) ? e.data : decoded.data,
    metadata: e.metadata,
    ...(isDomainError(decoded) ? { unreadable: { code: decoded.code, message: decoded.message } } : {}),
  };
}
