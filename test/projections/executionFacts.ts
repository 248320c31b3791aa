// One of each event the launch saga (and the execution policy) records, for summary specs.
import type { GivenEvent } from '../domain/given.ts';
const saga = { type: 'system', id: 'launch-saga', role: 'system' } as const;
const v = { planId: 'q3', version: 1 };
const g = { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales' } as const;
export const executionLines: GivenEvent[] = [
  { type: 'tenant.execution_policy_set', data: { atomicLaunch: true, rollbackAction: 'pause' } },
  { type: 'mutation.requested', data: { ...v, ...g, mutationId: 'm2', action: 'ensure', reason: 'launch', attempt: 2 }, actor: saga },
  { type: 'mutation.succeeded', data: { ...v, ...g, mutationId: 'm2', action: 'ensure', platformCampaignId: '9001', platformStatus: 'enabled', outcome: 'created', trackingMode: 'auto_tagging' }, actor: saga },
  { type: 'mutation.failed', data: { ...v, ...g, mutationId: 'm1', action: 'ensure', code: 'platform.unavailable', message: 'Google Ads is unavailable', retryable: true, final: false }, actor: saga },
  { type: 'campaign.live', data: { ...v, ...g, platformCampaignId: '9001', trackingMode: 'auto_tagging' }, actor: saga },
  { type: 'campaign.scheduled', data: { ...v, ...g, platformCampaignId: '9001', trackingMode: 'auto_tagging', startDate: '2026-07-01' }, actor: saga },
  { type: 'launch.halted', data: { ...v, code: 'launch.tracking_not_green', message: 'GA4 tracking for tenant acme turned red; the remaining campaigns are not created' }, actor: saga },
  { type: 'launch.touchpoint_opened', data: { ...v, ...g, touchpointId: 'tp1', kind: 'creative_missing', message: 'Line item a has no creative', lineItemIds: ['a'] }, actor: saga },
  { type: 'launch.touchpoint_resolved', data: { ...v, touchpointId: 'tp1', resolution: 'retry', note: 'Uploaded the banner' }, actor: 'maria' },
  { type: 'launch.payer_problem_flagged', data: { ...v, ...g, accountId: '123-456-7890', message: 'The payment method was declined', audience: 'agency_master' }, actor: saga },
  { type: 'launch.escalated', data: { ...v, kind: 'launch_sla', dueAt: '2026-01-01T04:00:04.000Z', message: 'The launch of version 1 of plan q3 is not complete 4 hours after it was requested' }, actor: saga },
  { type: 'launch.completed', data: { ...v, outcome: 'partial', campaigns: [{ ...g, status: 'live', platformCampaignId: '9001', trackingMode: 'auto_tagging' }, { platform: 'meta', logicalCampaignKey: 'meta:sales', status: 'failed' }], atomicRollback: false }, actor: saga },
  { type: 'launch.superseded', data: { ...v, byVersion: 2 }, actor: saga },
  { type: 'launch.predecessors_superseded', data: { ...v, versions: [] }, actor: saga },
  { type: 'launch.rolled_back', data: { ...v, action: 'pause', campaigns: [{ ...g, platformCampaignId: '9001', platformStatus: 'paused' }], resumableVersion: 1 }, actor: saga },
  { type: 'launch.resume_offered', data: { ...v, byRollbackOf: 2 }, actor: saga },
  { type: 'launch.resume_requested', data: { ...v, reason: 'Version 2 underperformed' }, actor: 'ben' },
  { type: 'launch.resumed', data: { ...v, campaigns: [{ ...g, platformCampaignId: '9001' }] }, actor: saga },
];
