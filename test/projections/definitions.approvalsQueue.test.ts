import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentHash } from '../../domain/plan/contentHash.ts';
import type { GivenEvent } from '../domain/given.ts';
import { approvalsQueue } from '../../projections/definitions/approvalsQueue.ts';
import { approved, content, item, M, rejected, submitted } from '../domain/fixtures.ts';
import * as launch from './launchFacts.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: approvals_queue');

const v1 = content(item('a'), item('b'));
const v2 = content(item('a', { budgetMicros: 50 * M }));
const queue = async (...events: GivenEvent[]) => [...(await replayTwice(approvalsQueue, projected(events))).values()];

const blocked = (...codes: string[]): GivenEvent => launch.blocked(codes);

t('a submitted version waits with its title, submitter, hash and budget', async () => {
  assert.equal(await queue(submitted(1, v1, 'maria')), [
    {
      id: 'acme:q3:v1:plan_version',
      kind: 'plan_version',
      tenantId: 'acme',
      planId: 'q3',
      version: 1,
      title: 'Version 1 of plan Q3 push (€100.00)',
      submittedBy: 'maria',
      submittedAt: '2026-01-01T00:00:01.000Z',
      contentHash: contentHash(v1),
      budgetMicros: 100 * M,
      currency: 'EUR',
      updatedAt: '2026-01-01T00:00:01.000Z',
      position: '1',
    },
  ]);
});

t('approving or rejecting the version removes it', async () => {
  assert.equal(await queue(submitted(1, v1), approved(1)), []);
  assert.equal(await queue(submitted(1, v1), rejected(1)), []);
});

t('submit v1, submit v2: only v2 waits', async () => {
  const items = await queue(submitted(1, v1), submitted(2, v2));
  assert.equal(items.map((i) => i.id), ['acme:q3:v2:plan_version']);
  assert.is(items[0]?.contentHash, contentHash(v2));
});

t('a launch blocked because approval is required waits; granting the approval removes it', async () => {
  const [item1] = await queue(blocked('launch.approval_required', 'launch.tracking_not_green'));
  assert.equal(item1, {
    id: 'acme:q3:v1:launch',
    kind: 'launch',
    tenantId: 'acme',
    planId: 'q3',
    version: 1,
    title: 'Launch of version 1 of plan q3',
    submittedBy: 'maria',
    submittedAt: '2026-01-01T00:00:01.000Z',
    otherBlockReasons: [launch.reason('launch.tracking_not_green')],
    updatedAt: '2026-01-01T00:00:01.000Z',
    position: '1',
  });
  assert.equal(await queue(blocked('launch.approval_required'), launch.launchApproved()), []);
});

t('a launch blocked for other reasons only is not for a human to approve', async () => {
  assert.equal(await queue(blocked('launch.tracking_not_green')), []);
  // …and an item waiting goes once a later block no longer asks for approval (policy changed).
  assert.equal(await queue(blocked('launch.approval_required'), blocked('launch.tracking_not_green')), []);
});

t('a repeated block keeps when the wait began and refreshes the reasons; a launch request removes it', async () => {
  const [again] = await queue(blocked('launch.approval_required', 'launch.tracking_not_green'), blocked('launch.approval_required'));
  assert.equal([again?.submittedAt, again?.otherBlockReasons, again?.position], ['2026-01-01T00:00:01.000Z', [], '2']);
  assert.equal(await queue(blocked('launch.approval_required'), launch.requested()), []);
});

t('a plan version and the launch of that version wait side by side under different ids', async () => {
  const items = await queue(submitted(1, v1), blocked('launch.approval_required'));
  assert.equal(items.map((i) => i.kind).sort(), ['launch', 'plan_version']);
});

t('deciding what is not waiting deletes nothing', async () => {
  const docs = await replay(approvalsQueue, projected([submitted(1, v1)]));
  const [approval] = projected([approved(1)], 2);
  assert.equal(await approvalsQueue.apply(approval!, { get: async () => undefined }), []);
  assert.equal(await approvalsQueue.apply(approval!, { get: async (id) => docs.get(id) }), [{ delete: 'acme:q3:v1:plan_version' }]);
});

const saga = { type: 'system', id: 'launch-saga', role: 'system' } as const;
const ref = { planId: 'q3', version: 1 };
const g = { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales' } as const;
const alerts = async (...events: GivenEvent[]) => (await queue(...events)).filter((d) => d.kind === 'launch_alert').map((d) => [d.id, d.alert, d.title]);

t('a running launch puts what it waits for in the queue, and takes each item away when the log says it is settled', async () => {
  const touchpoint: GivenEvent = { type: 'launch.touchpoint_opened', data: { ...ref, ...g, touchpointId: 'tp1', kind: 'policy_disapproval', message: 'Google disapproved the ad' }, actor: saga };
  const escalated: GivenEvent = { type: 'launch.escalated', data: { ...ref, kind: 'launch_sla', dueAt: '2026-01-01T04:00:00.000Z', message: 'Not complete after 4 hours' }, actor: saga };
  const resolved: GivenEvent = { type: 'launch.touchpoint_resolved', data: { ...ref, touchpointId: 'tp1', resolution: 'skip', note: 'Skip that one' }, actor: 'maria' };
  const payer: GivenEvent = { type: 'launch.payer_problem_flagged', data: { ...ref, platform: 'meta', logicalCampaignKey: 'meta:sales', accountId: 'act_1', message: 'Card declined', audience: 'agency_master' }, actor: saga };
  const partial: GivenEvent = { type: 'launch.completed', data: { ...ref, outcome: 'partial', atomicRollback: false, campaigns: [{ ...g, status: 'live', platformCampaignId: '7' }, { platform: 'meta', logicalCampaignKey: 'meta:sales', status: 'failed' }] }, actor: saga };
  assert.equal(await alerts(launch.requested(), touchpoint, escalated), [
    ['acme:q3:v1:launch_alert:touchpoint-tp1', 'touchpoint', 'Launch of version 1 of plan q3 waits: policy disapproval'],
    ['acme:q3:v1:launch_alert:escalation-launch_sla', 'escalation', 'Escalated: version 1 of plan q3'],
  ]);
  assert.equal(await alerts(launch.requested(), touchpoint, escalated, resolved, payer, partial), [
    ['acme:q3:v1:launch_alert:payer-meta', 'payer_problem', 'Payer problem on meta for version 1 of plan q3'],
    ['acme:q3:v1:launch_alert:partial', 'partial', 'Partial launch of version 1 of plan q3'],
  ]);
  assert.equal(await alerts(launch.requested(), touchpoint, escalated, resolved, payer, partial, launch.rollbackRequested()), []);
});

const analysis = { type: 'agent', id: 'performance-analysis', role: 'system' } as const;
const finding = {
  alertId: 'overspend:daily_overspend:google_ads:123:2026-11-20', kind: 'overspend', severity: 'high', rule: 'daily_overspend', platform: 'google_ads', campaignId: '123',
  from: '2026-11-20', to: '2026-11-20', current: 132, baseline: 100, changePct: 32, message: 'Campaign 123 spent 132% of its daily budget on 2026-11-20',
} as const;
const raisedAlert: GivenEvent = { type: 'tenant.performance_alert_raised', data: finding, actor: analysis };

t('a performance alert waits in the queue with its finding until a person acknowledges it', async () => {
  const items = (await queue(raisedAlert)).filter((d) => d.kind === 'performance_alert');
  assert.equal(items.map((d) => [d.id, d.title, d.submittedBy, d.performanceAlert]), [
    ['acme:performance_alert:overspend:daily_overspend:google_ads:123:2026-11-20', finding.message, 'performance-analysis', finding],
  ]);
  const acknowledged: GivenEvent = { type: 'tenant.performance_alert_acknowledged', data: { alertId: finding.alertId, note: 'Budget raised by the client' }, actor: 'maria' };
  assert.equal((await queue(raisedAlert, acknowledged)).filter((d) => d.kind === 'performance_alert'), []);
});

t.run();
