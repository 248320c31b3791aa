// Which aggregate a projected event belongs to, by the aggregates' own schema tables.
import { eventsOf } from '../../domain/decodeEvent.ts';
import type { LaunchEvent } from '../../domain/launch/events.ts';
import { launchEventSchemas } from '../../domain/launch/events.ts';
import type { PlanEvent } from '../../domain/plan/events.ts';
import { planEventSchemas } from '../../domain/plan/events.ts';
import type { TenantEvent } from '../../domain/tenant/events.ts';
import { tenantEventSchemas } from '../../domain/tenant/events.ts';

export const isTenantEvent = eventsOf<TenantEvent>(tenantEventSchemas);
export const isPlanEvent = eventsOf<PlanEvent>(planEventSchemas);
export const isLaunchEvent = eventsOf<LaunchEvent>(launchEventSchemas);
