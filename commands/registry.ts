// Which aggregate each command goes to, who may send it, and what it must read besides.
import { z } from 'zod';
import {
  launchCommandSchemas,
  launchDecider,
  idSchema,
  launchStream,
  parseStreamName,
  planCommandSchemas,
  planDecider,
  planStream,
  tenantCommandSchemas,
  tenantDecider,
  tenantStream,
  type LaunchContext,
  type PlanContext,
  type PlanState,
  type TenantState,
} from '../domain/index.ts';
import type { Command, EventData } from '../domain/shared/envelope.ts';
import { isDomainError, notFound, type DomainError } from '../domain/shared/errors.ts';
import type { CommandHandler, HandlerDeps, Role } from './handler.ts';
import { loadAggregate, type Fold } from './loadAggregate.ts';

type AnyDecide<S, Ctx> = (command: never, state: S, context: Ctx) => readonly EventData[] | DomainError;

const folds = {
  tenant: tenantDecider as unknown as Fold<TenantState>,
  plan: planDecider as unknown as Fold<PlanState>,
  launch: launchDecider as unknown as Fold<unknown>,
};

const AGENCY: readonly Role[] = ['agency-admin', 'agency-user'];
const APPROVERS: readonly Role[] = ['agency-admin', 'client-admin'];
const rolesFor: Record<string, readonly Role[]> = {
  'tenant.create': ['agency-admin'],
  'tenant.link_platform_account': AGENCY,
  'tenant.unlink_platform_account': AGENCY,
  'tenant.report_tracking_health': [...AGENCY, 'system'],
  'tenant.report_feed_health': [...AGENCY, 'system'],
  'tenant.set_approval_policy': APPROVERS,
  'tenant.set_guardrails': APPROVERS,
  'tenant.set_kpi_targets': [...AGENCY, 'client-admin'],
  'tenant.set_consent_profile': APPROVERS,
  'tenant.record_launch': ['system'],
  'plan.approve_version': APPROVERS,
  'plan.reject_version': APPROVERS,
  'launch.approve': APPROVERS,
};

async function loadTenant(deps: HandlerDeps, tenantId: string): Promise<TenantState | DomainError> {
  const tenant = await loadAggregate(deps.store, tenantStream(tenantId), folds.tenant, deps.cache);
  return tenant.state.exists ? tenant.state : notFound('tenant.not_found', `Tenant ${tenantId} does not exist`);
}

function handlersOf<S, Ctx>(
  schemas: Record<string, z.ZodType>,
  routeSchema: z.ZodObject | undefined,
  fold: Fold<S>,
  decide: AnyDecide<S, Ctx>,
  stream: (tenantId: string, data: never) => string,
  context: (deps: HandlerDeps, tenantId: string, data: never) => Promise<Ctx | DomainError>,
): Record<string, CommandHandler> {
  return Object.fromEntries(
    Object.entries(schemas).map(([type, dataSchema]) => {
      const handler: CommandHandler<S, Ctx> = {
        dataSchema,
        ...(routeSchema ? { routeSchema } : {}),
        roles: Object.hasOwn(rolesFor, type) ? rolesFor[type]! : AGENCY,
        fold,
        stream,
        context,
        decide: (command: Command, state: S, ctx: Ctx) => decide(command as never, state, ctx),
      };
      return [type, handler as unknown as CommandHandler];
    }),
  );
}

const planRef = z.object({ planId: idSchema });
const versionRef = z.object({ planId: idSchema, version: z.number().int().positive() });
type PlanRef = z.infer<typeof planRef>;
type VersionRef = z.infer<typeof versionRef>;

export const commandHandlers: Readonly<Record<string, CommandHandler>> = {
  ...handlersOf(tenantCommandSchemas, undefined, folds.tenant, tenantDecider.decide as AnyDecide<TenantState, void>, tenantStream, async () => undefined),
  ...handlersOf<PlanState, PlanContext>(
    planCommandSchemas,
    planRef,
    folds.plan,
    planDecider.decide as AnyDecide<PlanState, PlanContext>,
    (tenantId, data: PlanRef) => planStream(tenantId, data.planId),
    async (deps, tenantId) => {
      const tenant = await loadTenant(deps, tenantId);
      return isDomainError(tenant) ? tenant : { policy: { fourEyes: tenant.policy.fourEyes } };
    },
  ),
  ...handlersOf<unknown, LaunchContext>(
    launchCommandSchemas,
    versionRef,
    folds.launch,
    launchDecider.decide as AnyDecide<unknown, LaunchContext>,
    (tenantId, data: VersionRef) => launchStream(tenantId, data.planId, data.version),
    async (deps, tenantId, data: VersionRef) => {
      const tenant = await loadTenant(deps, tenantId);
      if (isDomainError(tenant)) return tenant;
      const plan = await loadAggregate(deps.store, planStream(tenantId, data.planId), folds.plan, deps.cache);
      return { tenant, plan: plan.state };
    },
  ),
};

// How to fold any stream of ours, for history, as-of state and audits.
export function foldForStream(stream: string): Fold<unknown> | undefined {
  const parsed = parseStreamName(stream);
  return parsed ? (folds[parsed.category] as Fold<unknown>) : undefined;
}
