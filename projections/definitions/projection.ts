// What a projection is: a pure function from one stored event (and read access to its own
// collection) to document changes. The runtime owns I/O, batching, checkpoints and rebuilds.
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import { decodeEvent, type DecodedEvent } from '../../domain/decodeEvent.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { CollectionIndexes, Doc } from '../../readmodels/documents/port.ts';

// What a projection sees: a stored event, decoded (metadata checked, upcast to the current
// schema, data parsed), so a projection can switch on `type` and reuse the aggregates' evolve.
export type ProjectedEvent = DecodedEvent;

// Read access to the projection's own collection, as of the events before this one (the
// runtime overlays the batch's pending changes).
export interface ProjectionView {
  get(id: string): Promise<Doc | undefined>;
}

export type ProjectionChange = { readonly upsert: Doc } | { readonly delete: string };

export interface Projection {
  readonly name: string; // also its collection name, snake_case
  // The fields queries filter and sort on, with their types, and the query shapes the API
  // issues (test/architecture/queryIndexes.test.ts holds the API to them).
  readonly indexes: CollectionIndexes;
  readonly handles: readonly string[]; // event types (exact) it applies; others are never passed
  apply(event: ProjectedEvent, view: ProjectionView): Promise<readonly ProjectionChange[]>;
}

export const projection = (p: Projection): Projection => p;

// Through the one decoder aggregates and history use, so a projection, a rebuild and a
// command all read old events alike. An event it cannot decode throws, and the runtime
// parks it with this message instead of writing a document built from a wrong shape.
// Every live projection is handed the same stored event (one tail read per commit), so
// the decoded event is kept beside it: decoded once, not once per projection. Projections
// are pure and never change an event, so sharing it is safe.
const decoded = new WeakMap<RecordedEvent, ProjectedEvent>();

export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent {
  const known = decoded.get(recorded);
  if (known) return known;
  const event = decodeEvent(recorded);
  if (isDomainError(event)) throw new Error(`${event.code}: ${event.message}`);
  decoded.set(recorded, event);
  return event;
}
