// What the launch saga should do next for one launch, read from the launch's state alone
// (pure; time is an input). The saga performs the steps and records each through the
// launch aggregate, whose rules have the last word; a restarted saga asks again and gets
// the same answer, so it never needs memory of its own beyond the log.
import type { LaunchContext } from './decide.ts';
import { atomicRollbackDue, stillToLaunch } from './decideOutcomes.ts';
import { missingCreatives } from './decideMutations.ts';
import type { CampaignExecution, Execution, Mutation } from './execution.ts';
import type { EscalationKind, MutationAction, MutationReason } from './executionEvents.ts';
import { campaignsOf, isUp, LAUNCH_SLA_MS, PARTIAL_SLA_MS, retryDueAt } from './executionFacts.ts';
import type { LaunchState } from './state.ts';

export type Step =
  | { readonly kind: 'perform'; readonly campaign: CampaignExecution; readonly mutation: Mutation }
  | { readonly kind: 'request'; readonly campaign: CampaignExecution; readonly action: MutationAction; readonly reason: MutationReason }
  | { readonly kind: 'ask_for_creatives'; readonly campaign: CampaignExecution; readonly lineItemIds: readonly string[] }
  | { readonly kind: 'complete' }
  | { readonly kind: 'escalate'; readonly escalation: EscalationKind }
  | { readonly kind: 'supersede_predecessors' }
  | { readonly kind: 'complete_rollback' }
  | { readonly kind: 'complete_resume' }
  | { readonly kind: 'close_touchpoint'; readonly touchpointId: string }; // moot once rolled back

export interface Plan {
  readonly steps: readonly Step[];
  readonly wakeAt?: number; // the earliest moment a step becomes due (a retry, an SLA)
}

type Target = { readonly planId: string; readonly version: number };

// Campaigns of one platform go in manifest order, one at a time; platforms run side by side.
function perPlatform(campaigns: readonly CampaignExecution[], pick: (c: CampaignExecution) => Step | 'wait' | undefined): Step[] {
  const steps: Step[] = [];
  const busy = new Set<string>();
  for (const c of campaigns) {
    if (busy.has(c.platform)) continue;
    const step = pick(c);
    if (step === undefined) continue;
    busy.add(c.platform);
    if (step !== 'wait') steps.push(step);
  }
  return steps;
}

export function nextSteps(target: Target, launch: LaunchState, ctx: LaunchContext): Plan {
  const x = launch.execution;
  if (!x || (launch.status !== 'requested' && launch.status !== 'rollback_requested')) return { steps: [] };
  const now = ctx.now.getTime();
  const waits: number[] = [];
  const campaigns = campaignsOf(x);
  // Whatever else is going on, a mutation already asked of a platform is finished first.
  const performing = perPlatform(campaigns, (c) => (c.open ? { kind: 'perform', campaign: c, mutation: c.open } : undefined));
  const retryOr = (c: CampaignExecution, action: MutationAction, reason: MutationReason): Step | 'wait' => {
    const due = retryDueAt(c);
    if (due !== undefined && due > now) {
      waits.push(due);
      return 'wait';
    }
    return { kind: 'request', campaign: c, action, reason };
  };
  const gaveUp = (c: CampaignExecution, reason: MutationReason) => c.lastFailure?.final === true && c.lastFailure.reason === reason;
  const blocked = new Set(performing.map((s) => ('campaign' in s ? s.campaign.platform : '')));
  const free = (c: CampaignExecution) => !blocked.has(c.platform);

  let steps: Step[];
  if (launch.status === 'rollback_requested' && !x.rolledBack) {
    const wanted = ctx.tenant.execution.rollbackAction;
    const wantedStatus = wanted === 'pause' ? 'paused' : 'removed';
    const left = campaigns.filter((c) => c.platformCampaignId && c.platformStatus !== wantedStatus && c.platformStatus !== 'removed' && !gaveUp(c, 'rollback'));
    steps = perPlatform(left.filter(free), (c) => retryOr(c, wanted, 'rollback'));
    if (performing.length === 0 && left.length === 0) steps = [{ kind: 'complete_rollback' }];
    // Nobody needs to answer a touchpoint of a version being taken back.
    const open = Object.entries(x.touchpoints).filter(([, tp]) => tp.open);
    steps = [...steps, ...open.map(([touchpointId]): Step => ({ kind: 'close_touchpoint', touchpointId }))];
  } else if (!x.completed) {
    const pending = stillToLaunch(launch, x).filter((c) => !c.touchpoint && !c.open);
    steps = perPlatform(pending.filter(free), (c) => {
      const missing = missingCreatives(target, launch, x, c.logicalCampaignKey, ctx);
      if (missing.length > 0) return { kind: 'ask_for_creatives', campaign: c, lineItemIds: missing };
      return retryOr(c, 'ensure', 'launch');
    });
    const waitingForPeople = campaigns.some((c) => c.touchpoint !== undefined);
    if (steps.length === 0 && performing.length === 0 && waits.length === 0 && !waitingForPeople && stillToLaunch(launch, x).length === 0) {
      const takeBack = atomicRollbackDue(x, ctx) ? campaigns.filter((c) => isUp(c) && c.platformStatus === 'enabled' && !gaveUp(c, 'atomic_rollback')) : [];
      steps = takeBack.length > 0 ? perPlatform(takeBack, (c) => retryOr(c, 'pause', 'atomic_rollback')) : waits.length > 0 ? [] : [{ kind: 'complete' }];
    }
    const due = Date.parse(x.requestedAt) + LAUNCH_SLA_MS;
    if (!x.escalations.includes('launch_sla')) {
      if (now >= due) steps = [...steps, { kind: 'escalate', escalation: 'launch_sla' }];
      else waits.push(due);
    }
  } else {
    const hasPredecessors = ctx.plan.versions.some((v) => v.version < target.version);
    steps = afterCompletion(x, launch.status === 'rollback_requested', hasPredecessors, campaigns.filter(free), now, waits, retryOr, gaveUp);
  }
  const all = [...performing, ...steps];
  return waits.length > 0 ? { steps: all, wakeAt: Math.min(...waits) } : { steps: all };
}

// A finished launch may still have work: supersede what came before, step aside for what
// came after, resume when asked, and escalate a partial nobody resolved.
function afterCompletion(
  x: Execution,
  rolledBack: boolean,
  hasPredecessors: boolean,
  campaigns: readonly CampaignExecution[],
  now: number,
  waits: number[],
  retryOr: (c: CampaignExecution, action: MutationAction, reason: MutationReason) => Step | 'wait',
  gaveUp: (c: CampaignExecution, reason: MutationReason) => boolean,
): Step[] {
  const done = x.completed;
  if (!done) return [];
  const steps: Step[] = [];
  if (rolledBack) return [];
  if (done.outcome === 'live' && hasPredecessors && !x.predecessorsSuperseded) steps.push({ kind: 'supersede_predecessors' });
  if (x.resumeRequested) {
    const left = campaigns.filter((c) => c.pausedFor === 'supersede' && c.platformStatus === 'paused' && !gaveUp(c, 'resume'));
    const resuming = perPlatform(left, (c) => retryOr(c, 'resume', 'resume'));
    steps.push(...resuming);
    if (left.length === 0) steps.push({ kind: 'complete_resume' });
  } else if (x.supersededBy !== undefined) {
    steps.push(...perPlatform(campaigns.filter((c) => c.platformStatus === 'enabled' && !gaveUp(c, 'supersede')), (c) => retryOr(c, 'pause', 'supersede')));
  }
  if (done.outcome === 'partial' && !x.escalations.includes('partial_sla')) {
    const due = Date.parse(done.at) + PARTIAL_SLA_MS;
    if (now >= due) steps.push({ kind: 'escalate', escalation: 'partial_sla' });
    else waits.push(due);
  }
  return steps;
}
