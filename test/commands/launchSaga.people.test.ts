// The launch saga where people and rules stop it: human touchpoints, tracking turning red,
// QC, and the four-hour SLA.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, planner } from '../support/harness.ts';
import { GOOGLE_ACCOUNT, launchRig, launchVersion, seedTenant, stream, types, type Rig } from '../support/launchRig.ts';
import { dataOf } from '../support/launchRig.ts';

const t = suite<{ rig: Rig }>('launch saga: touchpoints, tracking, QC and SLA');
t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
});
t.after.each(async ({ rig }) => rig.close());

const v1 = { planId: 'winter', version: 1 };
const googleKey = { tenantId: 'acme', planId: 'winter', version: 1, platform: 'google_ads' as const, logicalCampaignKey: 'google_ads:sales' };

t('given a policy disapproval, then a person is asked and nothing more happens; when they choose retry, the campaign goes live', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'google_ads', operation: 'ensureCampaign', fault: { kind: 'policy_disapproved' } });
  await launchVersion(rig, [{ id: 's1' }]);
  rig.startSaga();
  await rig.settle();
  let events = await rig.events(stream());
  const [opened] = dataOf(events, 'launch.touchpoint_opened');
  assert.is(opened?.kind, 'policy_disapproval');
  assert.not.ok(types(events).includes('launch.completed'), 'the launch waits for the person');
  await rig.run(planner, 'launch.resolve_touchpoint', { ...v1, touchpointId: opened?.touchpointId, resolution: 'retry', note: 'Reworded the ad text' });
  await rig.settle();
  events = await rig.events(stream());
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'live');
  assert.is(rig.sandbox.creations(googleKey), 1);
});

t('given a line item without a creative, then a person is asked before any call; a retry without one is refused, with one the campaign goes live', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1', creative: false }]);
  rig.startSaga();
  await rig.settle();
  let events = await rig.events(stream());
  const [opened] = dataOf(events, 'launch.touchpoint_opened');
  assert.equal([opened?.kind, opened?.lineItemIds], ['creative_missing', ['s1']]);
  assert.not.ok(types(events).includes('mutation.requested'), 'nothing is sent to a platform without a creative');
  const bare = await rig.attempt(planner, 'launch.resolve_touchpoint', { ...v1, touchpointId: opened?.touchpointId, resolution: 'retry', note: 'try again' });
  assert.ok('code' in bare && bare.code === 'launch.creative_missing', JSON.stringify(bare));
  const creatives = [{ lineItemId: 's1', creativeAssetId: 'banner-7', landingUrl: 'https://shop.example/winter' }];
  await rig.run(planner, 'launch.resolve_touchpoint', { ...v1, touchpointId: opened?.touchpointId, resolution: 'retry', note: 'Uploaded the banner', creatives });
  await rig.settle();
  events = await rig.events(stream());
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'live');
  const created = await rig.sandbox.listCampaigns({ platform: 'google_ads', accountId: GOOGLE_ACCOUNT }, 'kobi_acme');
  assert.ok(created.ok && created.value[0]?.adGroups[0]?.ads[0]?.finalUrl === 'https://shop.example/winter', JSON.stringify(created));
});

t('given tracking turning red while a campaign waits for its retry, then the launch halts: the rest is blocked and nothing more is created', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'google_ads', operation: 'ensureCampaign', fault: { kind: 'unavailable' } });
  await launchVersion(rig, [{ id: 's1' }, { id: 't1', objective: 'traffic' }]);
  rig.startSaga();
  await rig.settle();
  await rig.run(admin, 'tenant.report_tracking_health', { status: 'red', source: 'ga4', detail: 'purchase tag gone' });
  await rig.passTime(1000);
  const events = await rig.events(stream());
  assert.equal(dataOf(events, 'launch.halted').map((d) => d.code), ['launch.tracking_not_green']);
  const [completed] = dataOf(events, 'launch.completed');
  assert.equal([completed?.outcome, (completed?.campaigns as { status: string }[]).map((c) => c.status)], ['failed', ['blocked', 'blocked']]);
  assert.is(rig.sandbox.creations(googleKey), 0);
});

t('given a Google account with auto-tagging off, then QC fails the mutation before any call and nothing is created', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.setAutoTagging({ platform: 'google_ads', accountId: GOOGLE_ACCOUNT }, false);
  await launchVersion(rig, [{ id: 's1' }]);
  rig.startSaga();
  await rig.settle();
  const events = await rig.events(stream());
  const [failed] = dataOf(events, 'mutation.failed');
  assert.equal([failed?.code, failed?.final, (failed?.reasons as { code: string }[]).map((r) => r.code)], ['qc.failed', true, ['qc.google.auto_tagging']]);
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'failed');
  assert.is(rig.sandbox.creations(googleKey), 0);
});

t('given a launch still waiting for a person, when four hours pass, then it is escalated once', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1', creative: false }]);
  rig.startSaga();
  await rig.settle();
  await rig.passTime(4 * 3600_000 - 1000);
  assert.not.ok(types(await rig.events(stream())).includes('launch.escalated'), 'not before four hours');
  await rig.passTime(1000);
  assert.equal(dataOf(await rig.events(stream()), 'launch.escalated').map((d) => d.kind), ['launch_sla']);
});

t('given a campaign that starts after today, then it is scheduled, not live', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1', flightStart: '2026-12-20' }]);
  rig.startSaga();
  await rig.settle();
  const events = await rig.events(stream());
  assert.equal(dataOf(events, 'campaign.scheduled').map((d) => d.startDate), ['2026-12-20']);
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'live');
});

t.run();
