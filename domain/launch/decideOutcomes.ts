// How a launch, its rollback, its supersession and its resumption end. Each is recorded
// only when the stream shows it is true: a rollback is finished when every campaign the
// version created is paused (or removed) on its platform, not when someone asked for it.
import type { CommandUnion } from '../shared/decider.ts';
import type { DomainError } from '../shared/errors.ts';
import { conflict, refuse } from '../shared/errors.ts';
import type { LaunchContext } from './decide.ts';
import type { CampaignOutcome, LaunchOutcome } from './executionEvents.ts';
import type { executionCommandSchemas } from './executionCommands.ts';
import type { LaunchEvent } from './events.ts';
import type { CampaignExecution, Execution } from './execution.ts';
import { campaignsOf, isUp, LAUNCH_SLA_MS, PARTIAL_SLA_MS } from './executionFacts.ts';
import type { LaunchState } from './state.ts';

type Commands = CommandUnion<typeof executionCommandSchemas>;
export type OutcomeCommand = Exclude<Commands, { type: 'launch.request_mutation' | 'launch.record_mutation_outcome' | 'launch.open_touchpoint' | 'launch.resolve_touchpoint' }>;

const busy = (x: Execution): CampaignExecution | undefined => campaignsOf(x).find((c) => c.open !== undefined);

// Atomic policy: once any campaign failed, what went up is taken back before the end.
export const atomicRollbackDue = (x: Execution, ctx: LaunchContext): boolean =>
  ctx.tenant.execution.atomicLaunch && campaignsOf(x).some((c) => c.outcome === 'failed' || c.outcome === 'skipped') && campaignsOf(x).some(isUp);

// Still in play: neither settled nor stopped by a halt or a rollback request.
export const stillToLaunch = (launch: LaunchState, x: Execution): CampaignExecution[] =>
  launch.status === 'requested' && !x.halted ? campaignsOf(x).filter((c) => c.outcome === 'pending') : [];

export function decideOutcome(command: OutcomeCommand, launch: LaunchState, x: Execution, ctx: LaunchContext): readonly LaunchEvent[] | DomainError {
  const { planId, version } = command.data;
  const target = { planId, version };
  const open = busy(x);
  switch (command.type) {
    case 'launch.complete': {
      if (x.completed) return conflict('launch.already_completed', `The launch of version ${version} of plan ${planId} ended ${x.completed.outcome}`);
      if (open) return refuse('launch.mutation_open', `Mutation ${open.open?.mutationId} of ${open.logicalCampaignKey} has no outcome yet`);
      const left = stillToLaunch(launch, x);
      if (left.length > 0) return refuse('launch.not_finished', `Campaign(s) ${left.map((c) => c.logicalCampaignKey).join(', ')} are still being launched`);
      const atomic = atomicRollbackDue(x, ctx);
      if (atomic && campaignsOf(x).some((c) => isUp(c) && c.platformStatus === 'enabled')) {
        return refuse('launch.atomic_rollback_pending', 'The atomic launch policy takes back what went live before the launch can end');
      }
      const campaigns = campaignsOf(x).map((c) => outcomeOf(c, atomic));
      const up = campaigns.filter((c) => c.status === 'live' || c.status === 'scheduled').length;
      const outcome: LaunchOutcome = up === campaigns.length ? 'live' : up > 0 ? 'partial' : 'failed';
      return [{ type: 'launch.completed', data: { ...target, outcome, campaigns, atomicRollback: atomic } }];
    }
    case 'launch.escalate': {
      const { kind } = command.data;
      if (x.escalations.includes(kind)) return [];
      const due = kind === 'launch_sla' ? Date.parse(x.requestedAt) + LAUNCH_SLA_MS : x.completed ? Date.parse(x.completed.at) + PARTIAL_SLA_MS : Number.NaN;
      const late = kind === 'launch_sla' ? !x.completed : x.completed?.outcome === 'partial' && launch.status !== 'rollback_requested';
      if (!late || !(ctx.now.getTime() >= due)) return refuse('launch.not_late', `Nothing about version ${version} of plan ${planId} is overdue (${kind})`);
      const message =
        kind === 'launch_sla'
          ? `The launch of version ${version} of plan ${planId} is not complete 4 hours after it was requested`
          : `The partial launch of version ${version} of plan ${planId} is unresolved 1 hour after it ended: roll it back or fix what failed`;
      return [{ type: 'launch.escalated', data: { ...target, kind, dueAt: new Date(due).toISOString(), message } }];
    }
    case 'launch.supersede': {
      const { byVersion } = command.data;
      if (byVersion <= version) return refuse('launch.supersede_order', `Version ${byVersion} cannot supersede version ${version}`);
      // Taken back or superseded already: nothing of it spends, so there is nothing to pause.
      if (launch.status === 'rollback_requested' || x.supersededBy !== undefined || !x.completed) return [];
      return [{ type: 'launch.superseded', data: command.data }];
    }
    case 'launch.record_predecessors_superseded':
      if (x.predecessorsSuperseded) return [];
      if (x.completed?.outcome !== 'live') return refuse('launch.not_live', `Version ${version} of plan ${planId} is not live, so it supersedes nothing`);
      return [{ type: 'launch.predecessors_superseded', data: command.data }];
    case 'launch.complete_rollback': {
      if (launch.status !== 'rollback_requested') return refuse('launch.no_rollback', `No rollback of version ${version} of plan ${planId} was requested`);
      if (x.rolledBack) return conflict('launch.already_rolled_back', `The rollback of version ${version} of plan ${planId} already finished`);
      if (open) return refuse('launch.mutation_open', `Mutation ${open.open?.mutationId} of ${open.logicalCampaignKey} has no outcome yet`);
      const action = ctx.tenant.execution.rollbackAction;
      const wanted = action === 'pause' ? 'paused' : 'removed';
      const created = campaignsOf(x).filter((c) => c.platformCampaignId !== undefined);
      const left = created.filter((c) => c.platformStatus !== wanted && c.platformStatus !== 'removed' && !(c.lastFailure?.final && c.lastFailure.reason === 'rollback'));
      if (left.length > 0) return refuse('launch.rollback_not_finished', `Campaign(s) ${left.map((c) => c.logicalCampaignKey).join(', ')} are not ${wanted} yet`);
      const campaigns = created.map((c) => ({
        platform: c.platform,
        logicalCampaignKey: c.logicalCampaignKey,
        platformCampaignId: c.platformCampaignId ?? '',
        ...(c.platformStatus ? { platformStatus: c.platformStatus } : {}),
        ...(c.platformStatus === wanted || c.platformStatus === 'removed' ? {} : { failed: c.lastFailure?.message ?? 'not changed' }),
      }));
      const resumable = command.data.resumableVersion;
      return [{ type: 'launch.rolled_back', data: { ...target, action, campaigns, ...(resumable ? { resumableVersion: resumable } : {}) } }];
    }
    case 'launch.offer_resume':
      if (x.supersededBy !== command.data.byRollbackOf || x.resumeOffered) return [];
      return [{ type: 'launch.resume_offered', data: command.data }];
    case 'launch.request_resume':
      if (!x.resumeOffered) return refuse('launch.not_resumable', `Version ${version} of plan ${planId} can be resumed only after the version that superseded it is rolled back`);
      if (launch.status === 'rollback_requested') return refuse('launch.rolled_back', `Version ${version} of plan ${planId} was rolled back itself`);
      if (x.resumeRequested) return conflict('launch.resume_already_requested', `Resuming version ${version} of plan ${planId} was already requested`);
      return [{ type: 'launch.resume_requested', data: command.data }];
    case 'launch.complete_resume': {
      if (!x.resumeRequested) return refuse('launch.no_resume', `No resume of version ${version} of plan ${planId} was requested`);
      if (open) return refuse('launch.mutation_open', `Mutation ${open.open?.mutationId} of ${open.logicalCampaignKey} has no outcome yet`);
      const paused = campaignsOf(x).filter((c) => c.pausedFor === 'supersede' || (c.lastFailure?.reason === 'resume'));
      const left = paused.filter((c) => c.platformStatus === 'paused' && !c.lastFailure?.final);
      if (left.length > 0) return refuse('launch.resume_not_finished', `Campaign(s) ${left.map((c) => c.logicalCampaignKey).join(', ')} are still paused`);
      const campaigns = paused.map((c) => ({
        platform: c.platform,
        logicalCampaignKey: c.logicalCampaignKey,
        platformCampaignId: c.platformCampaignId ?? '',
        ...(c.platformStatus === 'enabled' ? {} : { failed: c.lastFailure?.message ?? 'not resumed' }),
      }));
      return [{ type: 'launch.resumed', data: { ...target, campaigns } }];
    }
  }
}

function outcomeOf(c: CampaignExecution, atomic: boolean): CampaignOutcome {
  const ids = { ...(c.platformCampaignId ? { platformCampaignId: c.platformCampaignId } : {}), ...(c.trackingMode ? { trackingMode: c.trackingMode } : {}) };
  const status = c.outcome === 'pending' ? 'blocked' : atomic && isUp(c) ? 'rolled_back' : c.outcome;
  return { platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, status, ...ids };
}
