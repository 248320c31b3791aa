// What the launches document keeps of the saga's events beyond the folded Execution: the
// words and times a person needs to act (a touchpoint's message and line items, an
// escalation's due time, a payer problem's account), each campaign's last request and the
// drift its last success reported, and how a completion, rollback or resume ended. Pure:
// the previous details and one event in, the next details out.
import type { CampaignOutcome, EscalationKind, MutationAction, MutationReason } from '../../domain/launch/executionEvents.ts';
import type { LaunchEvent } from '../../domain/launch/events.ts';
import type { DomainEvent } from '../../domain/shared/envelope.ts';
import type { Platform } from '../../domain/shared/values.ts';

type By = { readonly by: string; readonly at: string };
type Drift = { readonly field: 'name' | 'status' | 'budget'; readonly lastWritten: string | number; readonly found: string | number };

export type CampaignDetail = {
  readonly requests: number; // mutation.requested for this campaign, every action
  readonly lastRequest?: { readonly action: MutationAction; readonly reason: MutationReason; readonly attempt: number; readonly at: string };
  readonly startDate?: string; // from campaign.scheduled
  readonly drift?: readonly Drift[]; // reported by the last mutation.succeeded, absent when it found none
};

export type LaunchDetails = {
  readonly campaigns: Readonly<Record<string, CampaignDetail>>;
  readonly touchpoints: Readonly<Record<string, { readonly message: string; readonly lineItemIds?: readonly string[]; readonly openedAt: string; readonly resolved?: By & { readonly note: string } }>>;
  readonly escalations: readonly { readonly kind: EscalationKind; readonly message: string; readonly dueAt: string; readonly at: string }[];
  readonly payerProblems: readonly { readonly platform: Platform; readonly logicalCampaignKey: string; readonly accountId: string; readonly message: string; readonly at: string }[];
  readonly haltedAt?: string;
  readonly completedCampaigns?: readonly CampaignOutcome[];
  readonly rolledBack?: {
    readonly at: string;
    readonly action: 'pause' | 'remove';
    readonly campaigns: readonly { readonly platform: Platform; readonly logicalCampaignKey: string; readonly platformCampaignId: string; readonly platformStatus?: 'enabled' | 'paused' | 'removed'; readonly failed?: string }[];
    readonly resumableVersion?: number;
  };
  readonly resumeOffered?: { readonly byRollbackOf: number; readonly at: string };
  readonly resumeRequested?: By & { readonly reason: string };
  readonly resumed?: { readonly at: string; readonly campaigns: readonly { readonly logicalCampaignKey: string; readonly failed?: string }[] };
};

export const noDetails: LaunchDetails = { campaigns: {}, touchpoints: {}, escalations: [], payerProblems: [] };

const campaign = (d: LaunchDetails, key: string, change: (c: CampaignDetail) => CampaignDetail): LaunchDetails => ({
  ...d,
  campaigns: { ...d.campaigns, [key]: change(d.campaigns[key] ?? { requests: 0 }) },
});

export function evolveDetails(d: LaunchDetails, e: DomainEvent<LaunchEvent>): LaunchDetails {
  const at = e.metadata.recordedAt;
  const by = e.metadata.actor.id;
  switch (e.type) {
    case 'mutation.requested': {
      const { action, reason, attempt } = e.data;
      return campaign(d, e.data.logicalCampaignKey, (c) => ({ ...c, requests: c.requests + 1, lastRequest: { action, reason, attempt, at } }));
    }
    case 'mutation.succeeded': {
      const drift = e.data.drift;
      return campaign(d, e.data.logicalCampaignKey, ({ drift: _previous, ...c }) => (drift && drift.length > 0 ? { ...c, drift } : c));
    }
    case 'campaign.scheduled':
      return campaign(d, e.data.logicalCampaignKey, (c) => ({ ...c, startDate: e.data.startDate }));
    case 'campaign.live':
      return campaign(d, e.data.logicalCampaignKey, ({ startDate: _gone, ...c }) => c);
    case 'launch.halted':
      return { ...d, haltedAt: at };
    case 'launch.touchpoint_opened': {
      const { touchpointId, message, lineItemIds } = e.data;
      return { ...d, touchpoints: { ...d.touchpoints, [touchpointId]: { message, openedAt: at, ...(lineItemIds ? { lineItemIds } : {}) } } };
    }
    case 'launch.touchpoint_resolved': {
      const tp = d.touchpoints[e.data.touchpointId];
      return tp ? { ...d, touchpoints: { ...d.touchpoints, [e.data.touchpointId]: { ...tp, resolved: { by, at, note: e.data.note } } } } : d;
    }
    case 'launch.payer_problem_flagged': {
      const { platform, logicalCampaignKey, accountId, message } = e.data;
      return { ...d, payerProblems: [...d.payerProblems, { platform, logicalCampaignKey, accountId, message, at }] };
    }
    case 'launch.escalated':
      return { ...d, escalations: [...d.escalations, { kind: e.data.kind, message: e.data.message, dueAt: e.data.dueAt, at }] };
    case 'launch.completed':
      return { ...d, completedCampaigns: e.data.campaigns };
    case 'launch.rolled_back': {
      const { action, campaigns, resumableVersion } = e.data;
      return { ...d, rolledBack: { at, action, campaigns, ...(resumableVersion === undefined ? {} : { resumableVersion }) } };
    }
    case 'launch.resume_offered':
      return { ...d, resumeOffered: { byRollbackOf: e.data.byRollbackOf, at } };
    case 'launch.resume_requested':
      return { ...d, resumeRequested: { by, at, reason: e.data.reason } };
    case 'launch.resumed':
      return { ...d, resumed: { at, campaigns: e.data.campaigns.map(({ logicalCampaignKey, failed }) => ({ logicalCampaignKey, ...(failed === undefined ? {} : { failed }) })) } };
    default:
      return d;
  }
}
