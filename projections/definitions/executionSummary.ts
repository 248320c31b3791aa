// The audit timeline's sentence for each event the launch saga records. Each says what the
// event itself records (asked, done, refused), never more: a requested pause is not a pause.
import type { ProjectedEvent } from './projection.ts';
import { words } from './text.ts';

type ExecutionType = `mutation.${string}` | `campaign.${string}` | `launch.${'halted' | 'touchpoint_opened' | 'touchpoint_resolved' | 'payer_problem_flagged' | 'escalated' | 'completed' | 'superseded' | 'predecessors_superseded' | 'rolled_back' | 'resume_offered' | 'resume_requested' | 'resumed'}`;
type ExecutionEvent = Extract<ProjectedEvent, { type: ExecutionType }>;

const ofVersion = (version: number, planId: string): string => `version ${version} of plan ${planId}`;
const campaign = (platform: string, key: string, id?: string): string => `${words(platform)} campaign ${key.split(':')[1] ?? key}${id ? ` (${id})` : ''}`;

// A sentence that begins with a platform's or a version's name still begins with a capital.
const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function executionSummary(e: ExecutionEvent): string {
  const who = e.metadata.actor.id;
  switch (e.type) {
    case 'mutation.requested': {
      const d = e.data;
      const retry = d.attempt > 1 ? ` (attempt ${d.attempt})` : '';
      return `${who} asked ${words(d.platform)} to ${d.action} ${campaign(d.platform, d.logicalCampaignKey, d.platformCampaignId)} for ${words(d.reason)}${retry}`;
    }
    case 'mutation.succeeded': {
      const d = e.data;
      const outcome = d.outcome ? `, ${d.outcome}` : '';
      return `${cap(words(d.platform))} confirmed ${d.action} of ${campaign(d.platform, d.logicalCampaignKey, d.platformCampaignId)}: now ${d.platformStatus}${outcome}`;
    }
    case 'mutation.failed': {
      const d = e.data;
      const next = d.final ? 'no further attempt' : 'will retry';
      return `${cap(words(d.platform))} did not ${d.action} ${campaign(d.platform, d.logicalCampaignKey)}: ${d.message} (${d.code}; ${next})`;
    }
    case 'campaign.live':
      return `${cap(campaign(e.data.platform, e.data.logicalCampaignKey, e.data.platformCampaignId))} is live, tracked by ${words(e.data.trackingMode)}`;
    case 'campaign.scheduled':
      return `${cap(campaign(e.data.platform, e.data.logicalCampaignKey, e.data.platformCampaignId))} is scheduled to start on ${e.data.startDate}`;
    case 'launch.halted':
      return `The launch of ${ofVersion(e.data.version, e.data.planId)} stopped creating campaigns: ${e.data.message}`;
    case 'launch.touchpoint_opened':
      return `The launch of ${ofVersion(e.data.version, e.data.planId)} waits for a person (${words(e.data.kind)}): ${e.data.message}`;
    case 'launch.touchpoint_resolved':
      return `${who} chose to ${e.data.resolution} after a launch touchpoint: ${e.data.note}`;
    case 'launch.payer_problem_flagged':
      return `Payer problem on ${words(e.data.platform)} account ${e.data.accountId}, flagged to the agency master account: ${e.data.message}`;
    case 'launch.escalated':
      return `Escalated (${words(e.data.kind)}): ${e.data.message}`;
    case 'launch.completed': {
      const live = e.data.campaigns.filter((c) => c.status === 'live' || c.status === 'scheduled').length;
      const rolled = e.data.atomicRollback ? '; what had gone live was taken back (atomic launch policy)' : '';
      return `The launch of ${ofVersion(e.data.version, e.data.planId)} ended ${e.data.outcome}: ${live} of ${e.data.campaigns.length} campaign(s) live or scheduled${rolled}`;
    }
    case 'launch.superseded':
      return `${cap(ofVersion(e.data.version, e.data.planId))} is superseded by version ${e.data.byVersion}; its campaigns are to be paused`;
    case 'launch.predecessors_superseded':
      return `Version ${e.data.version} of plan ${e.data.planId} went live and ${e.data.versions.length > 0 ? `superseded version(s) ${e.data.versions.join(', ')}` : 'had no earlier version to supersede'}`;
    case 'launch.rolled_back': {
      const done = e.data.campaigns.filter((c) => c.failed === undefined).length;
      const offer = e.data.resumableVersion ? `; version ${e.data.resumableVersion} can be resumed` : '';
      return `Rollback of ${ofVersion(e.data.version, e.data.planId)} finished: ${done} of ${e.data.campaigns.length} campaign(s) ${e.data.action === 'pause' ? 'paused' : 'removed'}${offer}`;
    }
    case 'launch.resume_offered':
      return `Version ${e.data.byRollbackOf} of plan ${e.data.planId} was rolled back, so ${ofVersion(e.data.version, e.data.planId)} may be resumed`;
    case 'launch.resume_requested':
      return `${who} requested to resume ${ofVersion(e.data.version, e.data.planId)}: ${e.data.reason}`;
    case 'launch.resumed': {
      const done = e.data.campaigns.filter((c) => c.failed === undefined).length;
      return `${cap(ofVersion(e.data.version, e.data.planId))} resumed: ${done} of ${e.data.campaigns.length} campaign(s) enabled again`;
    }
  }
}
