// A launch's execution as its stream tells it: per manifest campaign, what the platform
// holds for it and what the saga is doing about it. Folded from the saga's own events, so a
// restarted saga knows exactly where it was (an open mutation is one whose outcome is not
// recorded yet: it is performed again, which the platform's idempotency key makes safe).
import type { DomainEvent } from '../shared/envelope.ts';
import type { Platform } from '../shared/values.ts';
import type { EscalationKind, LaunchOutcome, MutationAction, MutationReason, ProvidedCreative, TouchpointKind } from './executionEvents.ts';
import type { LaunchEvent, LaunchManifest } from './events.ts';

export interface Mutation {
  readonly mutationId: string;
  readonly action: MutationAction;
  readonly reason: MutationReason;
  readonly attempt: number;
}

export interface Failure {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly final: boolean;
  readonly at: string;
  readonly retryAfterMs?: number;
  readonly attempt: number;
  readonly action: MutationAction;
  readonly reason: MutationReason;
}

export interface CampaignExecution {
  readonly platform: Platform;
  readonly logicalCampaignKey: string;
  // The launch's view: pending until its ensure succeeded (live/scheduled) or ended otherwise.
  readonly outcome: 'pending' | 'live' | 'scheduled' | 'failed' | 'blocked' | 'skipped';
  readonly platformCampaignId?: string;
  readonly trackingMode?: 'auto_tagging' | 'utm';
  // What our last successful mutation left on the platform, and why it was paused.
  readonly platformStatus?: 'enabled' | 'paused' | 'removed';
  readonly pausedFor?: MutationReason;
  readonly open?: Mutation;
  readonly lastFailure?: Failure;
  readonly touchpoint?: string;
}

export interface Touchpoint {
  readonly kind: TouchpointKind;
  readonly logicalCampaignKey: string;
  readonly open: boolean;
  readonly resolution?: 'retry' | 'skip';
}

export interface Execution {
  readonly campaigns: Readonly<Record<string, CampaignExecution>>; // by logicalCampaignKey
  readonly requestedAt: string;
  readonly mutations: number;
  readonly halted?: { readonly code: string; readonly message: string };
  readonly touchpoints: Readonly<Record<string, Touchpoint>>;
  readonly creatives: readonly ProvidedCreative[];
  readonly escalations: readonly EscalationKind[];
  readonly payerFlagged: readonly string[]; // logical campaign keys
  readonly completed?: { readonly outcome: LaunchOutcome; readonly at: string; readonly atomicRollback: boolean };
  readonly rolledBack: boolean;
  readonly supersededBy?: number;
  readonly predecessorsSuperseded: boolean;
  readonly resumeOffered: boolean;
  readonly resumeRequested: boolean;
}

export function startExecution(manifest: LaunchManifest, requestedAt: string): Execution {
  const campaigns: Record<string, CampaignExecution> = {};
  for (const c of manifest.campaigns) campaigns[c.logicalCampaignKey] = { platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, outcome: 'pending' };
  return { campaigns, requestedAt, mutations: 0, touchpoints: {}, creatives: [], escalations: [], payerFlagged: [], rolledBack: false, predecessorsSuperseded: false, resumeOffered: false, resumeRequested: false };
}

type ExecutionEvent = Extract<LaunchEvent, { type: `mutation.${string}` | `campaign.${string}` }> | Extract<LaunchEvent, { type: ExecutionLaunchType }>;
type ExecutionLaunchType =
  | 'launch.halted'
  | 'launch.touchpoint_opened'
  | 'launch.touchpoint_resolved'
  | 'launch.payer_problem_flagged'
  | 'launch.escalated'
  | 'launch.completed'
  | 'launch.superseded'
  | 'launch.predecessors_superseded'
  | 'launch.rolled_back'
  | 'launch.resume_offered'
  | 'launch.resume_requested'
  | 'launch.resumed';

const executionTypes: ReadonlySet<string> = new Set<ExecutionLaunchType>([
  'launch.halted',
  'launch.touchpoint_opened',
  'launch.touchpoint_resolved',
  'launch.payer_problem_flagged',
  'launch.escalated',
  'launch.completed',
  'launch.superseded',
  'launch.predecessors_superseded',
  'launch.rolled_back',
  'launch.resume_offered',
  'launch.resume_requested',
  'launch.resumed',
]);
export const isExecutionEvent = (e: DomainEvent<LaunchEvent>): e is DomainEvent<ExecutionEvent> =>
  e.type.startsWith('mutation.') || e.type.startsWith('campaign.') || executionTypes.has(e.type);

const patch = (x: Execution, key: string, change: (c: CampaignExecution) => CampaignExecution): Execution => {
  const c = x.campaigns[key];
  return c ? { ...x, campaigns: { ...x.campaigns, [key]: change(c) } } : x;
};

export function evolveExecution(x: Execution, event: DomainEvent<ExecutionEvent>): Execution {
  const at = event.metadata.recordedAt;
  switch (event.type) {
    case 'mutation.requested': {
      const { mutationId, action, reason, attempt, logicalCampaignKey } = event.data;
      return { ...patch(x, logicalCampaignKey, (c) => ({ ...c, open: { mutationId, action, reason, attempt } })), mutations: x.mutations + 1 };
    }
    case 'mutation.succeeded': {
      const d = event.data;
      return patch(x, d.logicalCampaignKey, (c) => {
        const { open: _done, lastFailure: _cleared, ...rest } = c;
        const reason = c.open?.reason;
        return {
          ...rest,
          platformCampaignId: d.platformCampaignId,
          platformStatus: d.platformStatus,
          ...(d.trackingMode ? { trackingMode: d.trackingMode } : {}),
          ...(d.platformStatus === 'paused' && reason ? { pausedFor: reason } : {}),
        };
      });
    }
    case 'mutation.failed': {
      const d = event.data;
      return patch(x, d.logicalCampaignKey, (c) => {
        const { open, ...rest } = c;
        const lastFailure: Failure = {
          code: d.code, message: d.message, retryable: d.retryable, final: d.final, at, attempt: open?.attempt ?? 1, action: d.action, reason: open?.reason ?? 'launch',
          ...(d.retryAfterMs === undefined ? {} : { retryAfterMs: d.retryAfterMs }),
        };
        const gaveUp = d.final && d.action === 'ensure' && c.outcome === 'pending' && d.code !== 'platform.policy_disapproved';
        return { ...rest, lastFailure, ...(gaveUp ? { outcome: 'failed' as const } : {}) };
      });
    }
    case 'campaign.live':
      return patch(x, event.data.logicalCampaignKey, (c) => ({ ...c, outcome: 'live' }));
    case 'campaign.scheduled':
      return patch(x, event.data.logicalCampaignKey, (c) => ({ ...c, outcome: 'scheduled' }));
    case 'launch.halted':
      return { ...x, halted: { code: event.data.code, message: event.data.message } };
    case 'launch.touchpoint_opened': {
      const { touchpointId, kind, logicalCampaignKey } = event.data;
      const touched = patch(x, logicalCampaignKey, (c) => ({ ...c, touchpoint: touchpointId }));
      return { ...touched, touchpoints: { ...x.touchpoints, [touchpointId]: { kind, logicalCampaignKey, open: true } } };
    }
    case 'launch.touchpoint_resolved': {
      const { touchpointId, resolution, creatives } = event.data;
      const tp = x.touchpoints[touchpointId];
      if (!tp) return x;
      const untouched = patch(x, tp.logicalCampaignKey, (c) => {
        const { touchpoint: _resolved, lastFailure: _cleared, ...rest } = c;
        return resolution === 'skip' ? { ...rest, outcome: 'skipped' as const } : rest;
      });
      return { ...untouched, touchpoints: { ...x.touchpoints, [touchpointId]: { ...tp, open: false, resolution } }, creatives: [...x.creatives, ...(creatives ?? [])] };
    }
    case 'launch.payer_problem_flagged':
      return { ...x, payerFlagged: [...x.payerFlagged, event.data.logicalCampaignKey] };
    case 'launch.escalated':
      return { ...x, escalations: [...x.escalations, event.data.kind] };
    case 'launch.completed': {
      const blocked = Object.fromEntries(Object.entries(x.campaigns).map(([k, c]) => [k, c.outcome === 'pending' ? { ...c, outcome: 'blocked' as const } : c]));
      return { ...x, campaigns: blocked, completed: { outcome: event.data.outcome, at, atomicRollback: event.data.atomicRollback } };
    }
    case 'launch.superseded':
      return { ...x, supersededBy: event.data.byVersion };
    case 'launch.predecessors_superseded':
      return { ...x, predecessorsSuperseded: true };
    case 'launch.rolled_back':
      return { ...x, rolledBack: true };
    case 'launch.resume_offered':
      return { ...x, resumeOffered: true };
    case 'launch.resume_requested':
      return { ...x, resumeRequested: true };
    case 'launch.resumed': {
      const { supersededBy: _gone, ...rest } = x;
      return { ...rest, resumeOffered: false, resumeRequested: false };
    }
  }
}
