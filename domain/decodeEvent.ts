// The one way a stored event becomes a domain event: metadata checked, the schema version
// upcast, the data parsed against its schema. Aggregates, projections, history, as-of, the
// CLI and the tests all read events through it, so none of them reads more leniently.
import type { AnyEvent } from './events.ts';
import { readEvent } from './events.ts';
import { accessEventSchemas, type AccessEvent } from './access/events.ts';
import { launchEventSchemas, type LaunchEvent } from './launch/events.ts';
import { performanceEventSchemas, type PerformanceEvent } from './performance/syncEvents.ts';
import { planEventSchemas, type PlanEvent } from './plan/events.ts';
import { scheduleEventSchemas, type ScheduleEvent } from './schedule/events.ts';
import { tenantEventSchemas, type TenantEvent } from './tenant/events.ts';
import type { DomainEvent } from './shared/envelope.ts';
import { eventMetadataSchema } from './shared/envelope.ts';
import type { DomainError } from './shared/errors.ts';
import { invalid, isDomainError } from './shared/errors.ts';
import { zodDetails } from './shared/zodDetails.ts';
import { currentSchemaVersion } from './upcasting.ts';

// An event as any event store hands it out (the event-store port's RecordedEvent fits).
export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface StoredPlace {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

// A typed event at the current schema version, with its metadata and its place in the log.
export type DecodedEvent<E extends AnyEvent = AnyEvent> = DomainEvent<E> & StoredPlace;

export function decodeEvent(stored: StoredEvent): DecodedEvent | DomainError {
  const metadata = eventMetadataSchema.safeParse(stored.metadata);
  if (!metadata.success) return invalid('event.invalid_metadata', `${placeOf(stored)} carries metadata that is not valid`, zodDetails(metadata.error));
  const event = readEvent({ type: stored.type, schemaVersion: metadata.data.schemaVersion, data: stored.data });
  if (isDomainError(event)) return { ...event, message: `${placeOf(stored)}: ${event.message}` };
  const { eventId, streamId, revision, position } = stored;
  // readEvent upcast the data to the current version (and refused any it does not know);
  // zod's output is a fresh object, ours to complete.
  metadata.data.schemaVersion = currentSchemaVersion(event.type);
  // The type and data readEvent paired, with metadata and place added: still one member of
  // the union. Written out, not spread: spreading the union costs several µs per event.
  return { type: event.type, data: event.data, metadata: metadata.data, eventId, streamId, revision, position } as DecodedEvent;
}

function placeOf(stored: StoredEvent): string {
  return `Event ${stored.eventId} (${stored.type}, ${stored.streamId}@${stored.revision})`;
}

// Narrows a decoded event to one aggregate's own events, by the aggregate's schema table.
const eventsOf =
  <E extends AnyEvent>(schemas: Readonly<Record<E['type'], unknown>>) =>
  (event: DecodedEvent): event is DecodedEvent & DecodedEvent<E> =>
    Object.hasOwn(schemas, event.type);

// Which aggregate an event belongs to: the write side folds only its own, projections switch on it.
export const isTenantEvent = eventsOf<TenantEvent>(tenantEventSchemas);
export const isPlanEvent = eventsOf<PlanEvent>(planEventSchemas);
export const isLaunchEvent = eventsOf<LaunchEvent>(launchEventSchemas);
export const isPerformanceEvent = eventsOf<PerformanceEvent>(performanceEventSchemas);
export const isScheduleEvent = eventsOf<ScheduleEvent>(scheduleEventSchemas);
export const isAccessEvent = eventsOf<AccessEvent>(accessEventSchemas);
