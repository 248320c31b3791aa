// The names the command pipeline, projections and API use; aggregates' internals stay
// reachable through their own index files.
export type { Decider, CommandUnion, EventUnion } from './shared/decider.ts';
export * from './shared/values.ts';
export { canonicalJson } from './shared/canonicalJson.ts';
export * from './streams.ts';
export * from './upcasting.ts';
export * from './events.ts';
export * from './commands.ts';
export { tenantDecider, tenantCommandSchemas, tenantEventSchemas } from './tenant/index.ts';
export type { TenantCommand, TenantCommandType, TenantContext, TenantEvent, TenantEventType, TenantState } from './tenant/index.ts';
export { planDecider, planCommandSchemas, planEventSchemas } from './plan/index.ts';
export type { PlanCommand, PlanCommandType, PlanContext, PlanEvent, PlanEventType, PlanState, PlanVersion } from './plan/index.ts';
export { launchDecider, launchCommandSchemas, launchEventSchemas, launchGate } from './launch/index.ts';
export type { LaunchBlockReason, LaunchCommand, LaunchCommandType, LaunchContext, LaunchEvent, LaunchEventType, LaunchManifest, LaunchState } from './launch/index.ts';
export * from './decodeEvent.ts';
