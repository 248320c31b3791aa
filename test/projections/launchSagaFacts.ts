// A launch of version 1 of plan q3 as the saga records it, after `requested` (launchFacts):
// Google Ads fails once, then succeeds with drift and is scheduled; Meta waits for a creative
// and a person skips it; an escalation and a payer problem on the way; then a rollback.
import type { GivenEvent } from '../domain/given.ts';
import { rollbackRequested } from './launchFacts.ts';

const saga = { type: 'system', id: 'launch-saga', role: 'system' } as const;
const v = { planId: 'q3', version: 1 };
const g = { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales' } as const;
const m = { platform: 'meta', logicalCampaignKey: 'meta:sales' } as const;

export const sagaRun: GivenEvent[] = [
  { type: 'mutation.requested', data: { ...v, ...g, mutationId: 'm1', action: 'ensure', reason: 'launch', attempt: 1 }, actor: saga },
  { type: 'mutation.failed', data: { ...v, ...g, mutationId: 'm1', action: 'ensure', code: 'platform.unavailable', message: 'Google Ads is unavailable', retryable: true, final: false }, actor: saga },
  { type: 'mutation.requested', data: { ...v, ...g, mutationId: 'm2', action: 'ensure', reason: 'launch', attempt: 2 }, actor: saga },
  { type: 'mutation.succeeded', data: { ...v, ...g, mutationId: 'm2', action: 'ensure', platformCampaignId: '9001', platformStatus: 'enabled', outcome: 'updated', trackingMode: 'auto_tagging', drift: [{ field: 'budget', lastWritten: 30000000, found: 25000000 }] }, actor: saga },
  { type: 'campaign.scheduled', data: { ...v, ...g, platformCampaignId: '9001', trackingMode: 'auto_tagging', startDate: '2026-07-01' }, actor: saga },
  { type: 'launch.touchpoint_opened', data: { ...v, ...m, touchpointId: 'tp1', kind: 'creative_missing', message: 'Line item c has no creative', lineItemIds: ['c'] }, actor: saga },
  { type: 'launch.escalated', data: { ...v, kind: 'launch_sla', dueAt: '2026-01-01T04:00:01.000Z', message: 'Not complete 4 hours after it was requested' }, actor: saga },
  { type: 'launch.payer_problem_flagged', data: { ...v, ...g, accountId: '123-456-7890', message: 'The payment method was declined', audience: 'agency_master' }, actor: saga },
  { type: 'launch.touchpoint_resolved', data: { ...v, touchpointId: 'tp1', resolution: 'skip', note: 'No creative this time' }, actor: 'maria' },
  { type: 'launch.completed', data: { ...v, outcome: 'partial', campaigns: [{ ...g, status: 'scheduled', platformCampaignId: '9001', trackingMode: 'auto_tagging' }, { ...m, status: 'skipped' }], atomicRollback: false }, actor: saga },
  { type: 'mutation.requested', data: { ...v, ...g, mutationId: 'm3', action: 'pause', reason: 'rollback', attempt: 1, platformCampaignId: '9001' }, actor: saga },
  { type: 'mutation.succeeded', data: { ...v, ...g, mutationId: 'm3', action: 'pause', platformCampaignId: '9001', platformStatus: 'paused' }, actor: saga },
  { type: 'launch.rolled_back', data: { ...v, action: 'pause', campaigns: [{ ...g, platformCampaignId: '9001', platformStatus: 'paused' }] }, actor: saga },
];
// The rollback request comes between completion and the pause, as a person sends it.
sagaRun.splice(10, 0, rollbackRequested('ben'));
