// What the launch page says about each campaign and about a rollback, derived only from what
// the launch's events recorded (the folded execution and the details beside it). Pure, so it
// is tested without a browser. No sentence here may claim an effect no event records.
import type { LaunchDoc } from './types.ts';

type Execution = NonNullable<LaunchDoc['execution']>;
export type CampaignExecution = Execution['campaigns'][string];

export type CampaignStatus =
  | 'pending' // nothing asked of the platform yet
  | 'sent' // mutation.requested (ensure), no outcome yet
  | 'waiting' // a touchpoint waits for a person
  | 'live'
  | 'scheduled'
  | 'failed'
  | 'blocked'
  | 'skipped'
  | 'rolled_back' // the atomic launch policy took it back
  | 'pausing'
  | 'removing'
  | 'resuming'
  | 'paused'
  | 'removed';

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  pending: 'Pending',
  sent: 'Sent to platform',
  waiting: 'Waiting for a person',
  live: 'Live',
  scheduled: 'Scheduled',
  failed: 'Failed',
  blocked: 'Blocked',
  skipped: 'Skipped',
  rolled_back: 'Rolled back',
  pausing: 'Pause sent',
  removing: 'Removal sent',
  resuming: 'Resume sent',
  paused: 'Paused',
  removed: 'Removed',
};

// The platform's last confirmed state first (a paused campaign is paused, whatever the launch
// outcome was), then a request still waiting for its answer, then the launch's outcome.
export function campaignStatus(c: CampaignExecution, atomicRolledBack = false): CampaignStatus {
  if (c.open && c.open.action !== 'ensure') return c.open.action === 'pause' ? 'pausing' : c.open.action === 'remove' ? 'removing' : 'resuming';
  if (c.platformStatus === 'removed') return 'removed';
  if (c.platformStatus === 'paused') return atomicRolledBack || c.pausedFor === 'atomic_rollback' ? 'rolled_back' : 'paused';
  if (c.touchpoint) return 'waiting';
  if (c.open) return 'sent';
  return c.outcome;
}

const why: Record<string, string> = {
  rollback: 'rollback',
  supersede: 'superseded by a later version',
  atomic_rollback: 'atomic launch policy',
  resume: 'resume',
  launch: 'launch',
};
export const pausedWhy = (c: CampaignExecution): string | undefined => (c.pausedFor ? why[c.pausedFor] : undefined);

export type RollbackView =
  | { readonly stage: 'none' }
  // Requested: the saga is taking back what was created; nothing is claimed done before it says so.
  | { readonly stage: 'requested'; readonly toTakeBack: number; readonly done: number; readonly failed: number }
  | {
      readonly stage: 'done';
      readonly action: 'pause' | 'remove';
      readonly at: string;
      readonly taken: readonly string[]; // platform campaign ids paused or removed
      readonly failed: readonly { readonly id: string; readonly reason: string }[];
    };

export function rollbackView(doc: LaunchDoc): RollbackView {
  if (!doc.rollback) return { stage: 'none' };
  const done = doc.details?.rolledBack;
  if (doc.execution?.rolledBack && done) {
    return {
      stage: 'done',
      action: done.action,
      at: done.at,
      taken: done.campaigns.filter((c) => c.failed === undefined).map((c) => c.platformCampaignId),
      failed: done.campaigns.flatMap((c) => (c.failed === undefined ? [] : [{ id: c.platformCampaignId, reason: c.failed }])),
    };
  }
  const created = Object.values(doc.execution?.campaigns ?? {}).filter((c) => c.platformCampaignId !== undefined);
  return {
    stage: 'requested',
    toTakeBack: created.length,
    done: created.filter((c) => (c.platformStatus === 'paused' || c.platformStatus === 'removed') && !c.open).length,
    failed: created.filter((c) => c.lastFailure?.final && (c.lastFailure.reason === 'rollback')).length,
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
