import type { z } from 'zod';
import { accessEventSchemas, type AccessEvent } from './access/events.ts';
import { launchEventSchemas } from './launch/events.ts';
import { performanceEventSchemas, type PerformanceEvent } from './performance/syncEvents.ts';
import type { LaunchEvent } from './launch/events.ts';
import { planEventSchemas } from './plan/events.ts';
import { scheduleEventSchemas, type ScheduleEvent } from './schedule/events.ts';
import type { PlanEvent } from './plan/events.ts';
import type { DomainError } from './shared/errors.ts';
import { invalid, isDomainError } from './shared/errors.ts';
import { tenantEventSchemas } from './tenant/events.ts';
import { zodDetails } from './shared/zodDetails.ts';
import type { TenantEvent } from './tenant/events.ts';
import type { StoredEventData } from './upcasting.ts';
import { currentSchemaVersion, upcast } from './upcasting.ts';

export const allEventSchemas = { ...tenantEventSchemas, ...planEventSchemas, ...launchEventSchemas, ...performanceEventSchemas, ...scheduleEventSchemas, ...accessEventSchemas } satisfies Record<string, z.ZodType>;
export type AnyEventType = keyof typeof allEventSchemas;
export type AnyEvent = TenantEvent | PlanEvent | LaunchEvent | PerformanceEvent | ScheduleEvent | AccessEvent;

export const isEventType = (type: string): type is AnyEventType => Object.hasOwn(allEventSchemas, type);

// Parses against the current schema version; call upcast first for stored events.
export function parseEventData<T extends AnyEventType>(type: T, data: unknown): z.output<(typeof allEventSchemas)[T]> | DomainError;
export function parseEventData(type: string, data: unknown): AnyEvent['data'] | DomainError;
export function parseEventData(type: string, data: unknown): AnyEvent['data'] | DomainError {
  if (!isEventType(type)) return invalid('event.unknown_type', `There is no event type ${type}`);
  const parsed = allEventSchemas[type].safeParse(data);
  if (parsed.success) return parsed.data;
  const details = zodDetails(parsed.error);
  const where = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return invalid('event.invalid_data', `Event ${type} does not match its schema: ${where}`, details);
}

// Stored event (any schema version) to a typed domain event at the current version.
export function readEvent(stored: StoredEventData): AnyEvent | DomainError {
  const current = upcast(stored);
  if (current.schemaVersion !== currentSchemaVersion(stored.type)) {
    return invalid('event.unknown_version', `Event ${stored.type} has schema version ${stored.schemaVersion}, newer than this code knows`);
  }
  const data = parseEventData(current.type, current.data);
  if (isDomainError(data)) return data;
  // The schema looked up by this type produced this data, so the pair is one AnyEvent.
  return { type: current.type, data } as AnyEvent;
}
