// The launch aggregate's rules for its execution: given the launch's events, when the saga
// (or a person) sends a command, then these events or this refusal.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ManifestCampaign } from '../../domain/launch/index.ts';
import { nextSteps } from '../../domain/launch/index.ts';
import { given, launchState, type GivenEvent } from './given.ts';
import { approvedPlan, item, M, readyTenant, tracking } from './fixtures.ts';

const v1 = { planId: 'q3', version: 1 };
const saga = { type: 'system', id: 'launch-saga', role: 'system' } as const;
const withCreative = { creativeAssetId: 'asset-a', landingUrl: 'https://shop.example/a' };
const plan = approvedPlan(item('a', withCreative));
const campaign: ManifestCampaign = { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', name: 'kobi_acme_google_ads_sales_v1', objective: 'sales', budgetMicros: 30 * M, lineItemIds: ['a'] };
const requested: GivenEvent = { type: 'launch.requested', data: { ...v1, contentHash: 'a'.repeat(64), currency: 'EUR', platforms: ['google_ads'], campaigns: [campaign] } };
const key = { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales' } as const;
const asked = (mutationId: string, attempt = 1, action: 'ensure' | 'pause' = 'ensure'): GivenEvent => ({ type: 'mutation.requested', data: { ...v1, ...key, mutationId, action, reason: action === 'ensure' ? 'launch' : 'rollback', attempt }, actor: saga });
const failedWith = (mutationId: string, final: boolean): GivenEvent => ({ type: 'mutation.failed', data: { ...v1, ...key, mutationId, action: 'ensure', code: 'platform.unavailable', message: 'down', retryable: true, final }, actor: saga });
const succeeded = (mutationId: string): GivenEvent => ({ type: 'mutation.succeeded', data: { ...v1, ...key, mutationId, action: 'ensure', platformCampaignId: '77', platformStatus: 'enabled', trackingMode: 'auto_tagging' }, actor: saga });
const ctx = { tenant: readyTenant(), plan };
const requestEnsure = { type: 'launch.request_mutation', data: { ...v1, ...key, action: 'ensure', reason: 'launch' }, actor: saga } as const;

const t = suite('launch: execution rules');

t('the first ensure of a campaign is mutation m1, attempt 1', () =>
  given(requested).when(requestEnsure, ctx).then({ type: 'mutation.requested', data: { ...v1, ...key, mutationId: 'm1', action: 'ensure', reason: 'launch', attempt: 1 } }));

t('while a mutation has no outcome, no second one is asked for the campaign', () => given(requested, asked('m1')).when(requestEnsure, ctx).thenRefused('launch.mutation_open', 'conflict'));

t('a retry after a failure counts the attempt; after the fourth the failure is final', () => {
  given(requested, asked('m1'), failedWith('m1', false)).when(requestEnsure, ctx).thenState((s) => assert.equal(s.execution?.campaigns['google_ads:sales']?.open?.attempt, 2));
  const fourth = given(requested, asked('m1'), failedWith('m1', false), asked('m2', 2), failedWith('m2', false), asked('m3', 3), failedWith('m3', false), asked('m4', 4));
  fourth
    .when({ type: 'launch.record_mutation_outcome', data: { ...v1, mutationId: 'm4', result: { ok: false, code: 'platform.unavailable', message: 'down', retryable: true } }, actor: saga }, ctx)
    .then({ type: 'mutation.failed', data: { ...v1, ...key, mutationId: 'm4', action: 'ensure', code: 'platform.unavailable', message: 'down', retryable: true, final: true } });
});

t('a success of an ensure whose flight has started records the campaign live', () =>
  given(requested, asked('m1'))
    .when({ type: 'launch.record_mutation_outcome', data: { ...v1, mutationId: 'm1', result: { ok: true, platformCampaignId: '77', platformStatus: 'enabled', trackingMode: 'auto_tagging' } }, actor: saga }, { ...ctx, now: new Date('2026-07-05T00:00:00Z') })
    .then(
      { type: 'mutation.succeeded', data: { ...v1, ...key, mutationId: 'm1', action: 'ensure', platformCampaignId: '77', platformStatus: 'enabled', trackingMode: 'auto_tagging' } },
      { type: 'campaign.live', data: { ...v1, ...key, platformCampaignId: '77', trackingMode: 'auto_tagging' } },
    ));

t('tracking that is not green halts the launch instead of asking for another campaign', () =>
  given(requested).when(requestEnsure, { ...ctx, tenant: readyTenant(tracking('amber')) }).then({ type: 'launch.halted', data: { ...v1, code: 'launch.tracking_not_green', message: 'GA4 tracking for tenant acme turned amber; the remaining campaigns are not created' } }));

t('a launch cannot complete while a campaign is still being launched; then it completes with what happened', () => {
  const complete = { type: 'launch.complete', data: v1, actor: saga } as const;
  given(requested, asked('m1')).when(complete, ctx).thenRefused('launch.mutation_open', 'refused');
  given(requested).when(complete, ctx).thenRefused('launch.not_finished', 'refused');
  given(requested, asked('m1'), succeeded('m1'), { type: 'campaign.live', data: { ...v1, ...key, platformCampaignId: '77', trackingMode: 'auto_tagging' }, actor: saga })
    .when(complete, ctx)
    .then({ type: 'launch.completed', data: { ...v1, outcome: 'live', atomicRollback: false, campaigns: [{ ...key, status: 'live', platformCampaignId: '77', trackingMode: 'auto_tagging' }] } });
});

t('an escalation before its deadline is refused; after it, recorded once', () => {
  const escalate = { type: 'launch.escalate', data: { ...v1, kind: 'launch_sla' }, actor: saga } as const;
  // Given events are stamped a second or so apart, so the margins are wide.
  const requestedAt = Date.parse(launchState(requested).execution?.requestedAt ?? '');
  given(requested).when(escalate, { ...ctx, now: new Date(requestedAt + 3 * 3600_000) }).thenRefused('launch.not_late', 'refused');
  const late = { ...ctx, now: new Date(requestedAt + 5 * 3600_000) };
  given(requested).when(escalate, late).thenState((s) => assert.equal(s.execution?.escalations, ['launch_sla']));
});

t('resuming is refused until the version that superseded this one is rolled back', () =>
  given(requested).when({ type: 'launch.request_resume', data: { ...v1, reason: 'bring it back' }, actor: 'maria' }, ctx).thenRefused('launch.not_resumable', 'refused'));

t('a person cannot record what the saga records: those commands belong to the system role', async () => {
  const { commandRoles } = await import('../../commands/commandRoles.ts');
  for (const type of ['launch.request_mutation', 'launch.record_mutation_outcome', 'launch.complete', 'launch.complete_rollback'] as const) assert.equal(commandRoles[type], ['system'], type);
});

t('the planner: a fresh launch asks for its first campaign; an open mutation is performed before anything else', () => {
  const soon = new Date('2026-01-01T00:10:00Z');
  const fresh = launchState(requested);
  const [first] = nextSteps(v1, fresh, { ...ctx, now: soon }).steps;
  assert.equal([first?.kind, first && 'action' in first ? first.action : undefined], ['request', 'ensure']);
  const open = launchState(requested, asked('m1'));
  assert.equal(nextSteps(v1, open, { ...ctx, now: soon }).steps.map((s) => s.kind), ['perform']);
  assert.is(nextSteps(v1, open, { ...ctx, now: soon }).wakeAt, Date.parse(open.execution?.requestedAt ?? '') + 4 * 3600_000, 'it wakes for the four-hour deadline');
});

t.run();
