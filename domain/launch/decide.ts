import type { PlanState } from '../plan/state.ts';
import { findVersion } from '../plan/state.ts';
import type { DomainError } from '../shared/errors.ts';
import { conflict, notFound, refuse } from '../shared/errors.ts';
import type { TenantState } from '../tenant/state.ts';
import type { LaunchCommand } from './commands.ts';
import type { LaunchEvent } from './events.ts';
import { launchGate } from './gate.ts';
import { launchManifest } from './manifest.ts';
import { decideMutation } from './decideMutations.ts';
import { decideOutcome } from './decideOutcomes.ts';
import type { LaunchState } from './state.ts';

// The pipeline loads the tenant and plan streams and passes their current states.
export interface LaunchContext {
  readonly tenant: TenantState;
  readonly plan: PlanState;
  readonly now: Date; // the saga's deadlines and the tenant's today are decided against it
}

export function decide(command: LaunchCommand, launch: LaunchState, context: LaunchContext): readonly LaunchEvent[] | DomainError {
  const { planId, version } = command.data;
  const { tenant, plan } = context;
  if (!tenant.exists) return notFound('tenant.not_found', `Tenant ${command.tenantId} does not exist`);
  if (!plan.exists || plan.planId !== planId) return notFound('plan.not_found', `Plan ${planId} does not exist in tenant ${tenant.id}`);
  const planVersion = findVersion(plan, version);
  const launched = launch.status === 'requested' || launch.status === 'rollback_requested';

  switch (command.type) {
    case 'launch.request_mutation':
    case 'launch.record_mutation_outcome':
    case 'launch.open_touchpoint':
    case 'launch.resolve_touchpoint':
      return launch.execution ? decideMutation(command, launch, launch.execution, context) : notLaunched(planId, version);
    case 'launch.complete':
    case 'launch.escalate':
    case 'launch.supersede':
    case 'launch.record_predecessors_superseded':
    case 'launch.complete_rollback':
    case 'launch.offer_resume':
    case 'launch.request_resume':
    case 'launch.complete_resume':
      return launch.execution ? decideOutcome(command, launch, launch.execution, context) : notLaunched(planId, version);
    case 'launch.approve': {
      if (planVersion?.status !== 'approved') {
        return refuse('launch.version_not_approved', `Version ${version} of plan ${planId} is not approved, so its launch cannot be approved`);
      }
      if (launched) return conflict('launch.already_requested', `The launch of version ${version} of plan ${planId} was already requested`);
      const [granted] = launch.approvals;
      if (granted) return conflict('launch.already_approved', `${granted.by} already approved the launch of version ${version} of plan ${planId}`);
      if (tenant.policy.fourEyes && planVersion.submittedBy === command.actor.id) {
        return refuse('launch.four_eyes', `${command.actor.id} submitted version ${version} and cannot also approve its launch`);
      }
      return [{ type: 'launch.approval_granted', data: command.data }];
    }
    case 'launch.request': {
      // Nothing to remember about a version that was never submitted, so no event.
      if (!planVersion) return notFound('launch.version_not_found', `Plan ${planId} has no version ${version}`);
      if (launched) return conflict('launch.already_requested', `The launch of version ${version} of plan ${planId} was already requested`);
      const reasons = launchGate(version, tenant, plan, launch);
      if (reasons.length > 0) return [{ type: 'launch.blocked', data: { planId, version, reasons } }];
      return [{ type: 'launch.requested', data: { planId, version, ...launchManifest(tenant.id, planVersion) } }];
    }
    case 'launch.request_rollback': {
      if (launch.status === 'rollback_requested') {
        return conflict('launch.rollback_already_requested', `A rollback of version ${version} of plan ${planId} was already requested`);
      }
      if (launch.status !== 'requested') return notLaunched(planId, version);
      return [{ type: 'launch.rollback_requested', data: command.data }];
    }
  }
}

const notLaunched = (planId: string, version: number): DomainError =>
  refuse('launch.not_launched', `Version ${version} of plan ${planId} was never launched, so there is nothing to roll back`);
