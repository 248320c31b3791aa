// What a projection is: a pure function from one stored event (and read access to its own
// collection) to document changes. The runtime owns I/O, batching, checkpoints and rebuilds.
import { toDomainEvent } from '../../commands/loadAggregate.ts';
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { EventMetadata } from '../../domain/shared/envelope.ts';
import type { Doc } from '../../readmodels/documents/port.ts';

// What a projection sees: a stored event, already upcast to the current schema.
export interface ProjectedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

// Read access to the projection's own collection, as of the events before this one (the
// runtime overlays the batch's pending changes).
export interface ProjectionView {
  get(id: string): Promise<Doc | undefined>;
}

export type ProjectionChange = { readonly upsert: Doc } | { readonly delete: string };

export interface Projection {
  readonly name: string; // also its collection name, snake_case
  readonly indexes: readonly string[]; // top-level fields queries filter/sort on
  readonly handles: readonly string[]; // event types (exact) it applies; others are never passed
  apply(event: ProjectedEvent, view: ProjectionView): Promise<readonly ProjectionChange[]>;
}

export const projection = (p: Projection): Projection => p;

// Stored event to projected event through the same upcasters aggregates use, so a
// projection, a rebuild and a command all read old events alike.
export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent {
  const { type, data, metadata } = toDomainEvent(recorded);
  const { eventId, streamId, revision, position } = recorded;
  return { eventId, streamId, revision, position, type, data, metadata };
}
