// Each aggregate once: how its streams fold, where its commands go, what else a decision
// reads (other aggregates, read-only), and the write side's caches of its folds.
import { z } from 'zod';
import type { EventStore } from '../connectors/eventstore/port.ts';
import { isAccessEvent, isLaunchEvent, isPerformanceEvent, isPlanEvent, isScheduleEvent, isTenantEvent } from '../domain/decodeEvent.ts';
import { accessCommandSchemas, accessDecider, type AccessContext, type AccessEvent, type AccessState, type UserFacts } from '../domain/access/index.ts';
import { launchCommandSchemas, launchDecider, type LaunchContext, type LaunchEvent, type LaunchState } from '../domain/launch/index.ts';
import { planCommandSchemas, planDecider, type PlanContext, type PlanEvent, type PlanState } from '../domain/plan/index.ts';
import type { CommandUnion } from '../domain/shared/decider.ts';
import type { EventData } from '../domain/shared/envelope.ts';
import type { ChainKey } from '../domain/shared/hashChain.ts';
import { isDomainError, notFound, refuse, type DomainError } from '../domain/shared/errors.ts';
import { performanceDecider, type PerformanceContext, type PerformanceState } from '../domain/performance/syncState.ts';
import { performanceCommandSchemas, type PerformanceEvent } from '../domain/performance/syncEvents.ts';
import { scheduleCommandSchemas, scheduleDecider, type ScheduleEvent, type ScheduleState } from '../domain/schedule/index.ts';
import { localDate, platformSchema } from '../domain/shared/values.ts';
import { AGENCY_SCOPE, accessStream, idSchema, launchStream, parseStreamName, performanceStream, planStream, scheduleStream, tenantStream } from '../domain/streams.ts';
import { tenantCommandSchemas, tenantDecider, type TenantEvent, type TenantState } from '../domain/tenant/index.ts';
import type { AnyEvent } from '../domain/events.ts';
import { foldCache, loadStream, type Aggregate, type FoldCache } from './loadStream.ts';

export const tenantAggregate: Aggregate<TenantState, TenantEvent> = { ...tenantDecider, owns: isTenantEvent };
export const planAggregate: Aggregate<PlanState, PlanEvent> = { ...planDecider, owns: isPlanEvent };
export const launchAggregate: Aggregate<LaunchState, LaunchEvent> = { ...launchDecider, owns: isLaunchEvent };
export const performanceAggregate: Aggregate<PerformanceState, PerformanceEvent> = { ...performanceDecider, owns: isPerformanceEvent };
export const scheduleAggregate: Aggregate<ScheduleState, ScheduleEvent> = { ...scheduleDecider, owns: isScheduleEvent };
export const accessAggregate: Aggregate<AccessState, AccessEvent> = { ...accessDecider, owns: isAccessEvent };

// The user directory as the access commands read it: who a user is right now, by id.
export type UserFactsLookup = (userId: string) => Promise<UserFacts | undefined>;

// What every command needs to run: the log, and a cache of folds per aggregate.
export interface WriteSide {
  readonly store: EventStore;
  readonly folds: {
    readonly tenant: FoldCache<TenantState>;
    readonly plan: FoldCache<PlanState>;
    readonly launch: FoldCache<LaunchState>;
    readonly performance: FoldCache<PerformanceState>;
    readonly schedule: FoldCache<ScheduleState>;
    readonly access: FoldCache<AccessState>;
  };
  readonly now: () => Date;
  // The audit key new events are chained with (asked per command: keys rotate while the
  // server runs). Absent (tools, most tests): the legacy unkeyed chain.
  readonly chainKey?: () => ChainKey;
  readonly users?: UserFactsLookup; // where access commands are sent (the API, the CLI)
}

export interface WriteSideExtras {
  readonly chainKey?: () => ChainKey;
  readonly users?: UserFactsLookup;
}

export const writeSide = (store: EventStore, now: () => Date = () => new Date(), { chainKey, users }: WriteSideExtras = {}): WriteSide => ({
  store,
  folds: { tenant: foldCache(), plan: foldCache(), launch: foldCache(), performance: foldCache(), schedule: foldCache(), access: foldCache() },
  now,
  ...(chainKey ? { chainKey } : {}),
  ...(users ? { users } : {}),
});

type SchemaMap = Record<string, z.ZodType>;

// One aggregate's commands: `target` names the fields of a command's data that pick the
// stream (planId, version); the aggregate's own data schemas may or may not carry them.
export interface CommandRoute<M extends SchemaMap, S, E extends AnyEvent, T, Ctx> {
  readonly schemas: M;
  readonly target: z.ZodObject & z.ZodType<T>;
  readonly aggregate: Aggregate<S, E>;
  stream(tenantId: string, target: T): string;
  folds(w: WriteSide): FoldCache<S>;
  context(w: WriteSide, tenantId: string, target: T): Promise<Ctx | DomainError>;
  decide(command: CommandUnion<M>, state: S, context: Ctx): readonly EventData[] | DomainError;
}

const route = <M extends SchemaMap, S, E extends AnyEvent, T, Ctx>(r: CommandRoute<M, S, E, T, Ctx>) => r;

async function existingTenant(w: WriteSide, tenantId: string): Promise<TenantState | DomainError> {
  const tenant = await loadStream(w.store, tenantStream(tenantId), tenantAggregate, w.folds.tenant);
  if (isDomainError(tenant)) return tenant;
  return tenant.state.exists ? tenant.state : notFound('tenant.not_found', `Tenant ${tenantId} does not exist`);
}

const planTarget = z.object({ planId: idSchema });
const versionTarget = z.object({ planId: idSchema, version: z.number().int().positive() });

export const tenantCommands = route({
  schemas: tenantCommandSchemas,
  target: z.object({}),
  aggregate: tenantAggregate,
  stream: (tenantId) => tenantStream(tenantId),
  folds: (w) => w.folds.tenant,
  context: async () => undefined,
  decide: tenantDecider.decide,
});

export const planCommands = route({
  schemas: planCommandSchemas,
  target: planTarget,
  aggregate: planAggregate,
  stream: (tenantId, { planId }) => planStream(tenantId, planId),
  folds: (w) => w.folds.plan,
  async context(w, tenantId): Promise<PlanContext | DomainError> {
    const tenant = await existingTenant(w, tenantId);
    return isDomainError(tenant) ? tenant : { policy: { fourEyes: tenant.policy.fourEyes } };
  },
  decide: planDecider.decide,
});

export const launchCommands = route({
  schemas: launchCommandSchemas,
  target: versionTarget,
  aggregate: launchAggregate,
  stream: (tenantId, { planId, version }) => launchStream(tenantId, planId, version),
  folds: (w) => w.folds.launch,
  async context(w, tenantId, { planId }): Promise<LaunchContext | DomainError> {
    const tenant = await existingTenant(w, tenantId);
    if (isDomainError(tenant)) return tenant;
    const plan = await loadStream(w.store, planStream(tenantId, planId), planAggregate, w.folds.plan);
    return isDomainError(plan) ? plan : { tenant, plan: plan.state, now: w.now() };
  },
  decide: launchDecider.decide,
});

const accountTarget = z.object({ platform: platformSchema, accountId: idSchema });

export const performanceCommands = route({
  schemas: performanceCommandSchemas,
  target: accountTarget,
  aggregate: performanceAggregate,
  stream: (tenantId, { platform, accountId }) => performanceStream(tenantId, platform, accountId),
  folds: (w) => w.folds.performance,
  // Numbers are recorded only for an account the tenant has linked, up to its today.
  async context(w, tenantId, { platform, accountId }): Promise<PerformanceContext | DomainError> {
    const tenant = await existingTenant(w, tenantId);
    if (isDomainError(tenant)) return tenant;
    if (tenant.accounts[platform]?.accountId !== accountId) return refuse('performance.account_not_linked', `Tenant ${tenantId} has no ${platform} account ${accountId} linked`);
    return { today: localDate(w.now(), tenant.timezone) };
  },
  decide: performanceDecider.decide,
});

// The scheduler's slots: agency-wide, so only under the agency's scope, never a tenant's.
export const scheduleCommands = route({
  schemas: scheduleCommandSchemas,
  target: z.object({ workflow: idSchema }),
  aggregate: scheduleAggregate,
  stream: (_tenantId, { workflow }) => scheduleStream(workflow),
  folds: (w) => w.folds.schedule,
  context: async (_w, tenantId): Promise<void | DomainError> =>
    tenantId === AGENCY_SCOPE ? undefined : refuse('schedule.agency_only', `Scheduled workflows belong to the agency (${AGENCY_SCOPE}), not to tenant ${tenantId}`),
  decide: scheduleDecider.decide,
});

// Access changes: the user named is looked up in the directory. A client user's tenant need
// not exist yet (people are invited while their tenant is set up); until it does, they see nothing.
export const accessCommands = route({
  schemas: accessCommandSchemas,
  target: z.object({ userId: z.string() }),
  aggregate: accessAggregate,
  stream: (tenantId) => accessStream(tenantId),
  folds: (w) => w.folds.access,
  async context(w, _tenantId, { userId }): Promise<AccessContext | DomainError> {
    if (!w.users) return { kind: 'unavailable', code: 'user.directory_unavailable', message: 'Access changes are made where the user directory is open (the API, the CLI)' };
    return { target: await w.users(userId) };
  },
  decide: accessDecider.decide,
});

// How to fold any stream of ours, for history, as-of state and audits.
export function aggregateOfStream(stream: string): Aggregate<unknown> | undefined {
  const category = parseStreamName(stream)?.category;
  if (category === 'tenant') return tenantAggregate;
  if (category === 'plan') return planAggregate;
  if (category === 'launch') return launchAggregate;
  if (category === 'performance') return performanceAggregate;
  if (category === 'schedule') return scheduleAggregate;
  if (category === 'access') return accessAggregate;
  return undefined;
}
