// From a projected event (data: unknown) to the domain's typed event, so projections can
// switch on `type` and reuse the aggregates' evolve functions.
import type { AnyEvent } from '../../domain/events.ts';
import { parseEventData } from '../../domain/events.ts';
import type { LaunchEvent } from '../../domain/launch/events.ts';
import { launchEventSchemas } from '../../domain/launch/events.ts';
import type { PlanEvent } from '../../domain/plan/events.ts';
import { planEventSchemas } from '../../domain/plan/events.ts';
import type { DomainEvent } from '../../domain/shared/envelope.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { TenantEvent } from '../../domain/tenant/events.ts';
import { tenantEventSchemas } from '../../domain/tenant/events.ts';
import type { ProjectedEvent } from './projection.ts';

export type TypedEvent = DomainEvent<AnyEvent>;

// Data is parsed, not cast: an event the schema refuses throws, and the runtime parks it
// with this message instead of writing a document built from a wrong shape.
export function typedEvent(event: ProjectedEvent): TypedEvent {
  const data = parseEventData(event.type, event.data);
  if (isDomainError(data)) throw new Error(`${data.code}: ${data.message}`);
  // parseEventData looked the schema up by this type, so type and data are one AnyEvent.
  return { type: event.type, data, metadata: event.metadata } as TypedEvent;
}

export const isTenantEvent = (e: TypedEvent): e is DomainEvent<TenantEvent> => Object.hasOwn(tenantEventSchemas, e.type);
export const isPlanEvent = (e: TypedEvent): e is DomainEvent<PlanEvent> => Object.hasOwn(planEventSchemas, e.type);
export const isLaunchEvent = (e: TypedEvent): e is DomainEvent<LaunchEvent> => Object.hasOwn(launchEventSchemas, e.type);
