// The launch saga, specified on real parts (SQLite log, sandbox platforms): given a requested
// launch, what it records and what exists on the platforms afterwards.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { SAGA_COLLECTION } from '../../commands/processes/launchSaga.ts';
import { launchRig, launchVersion, seedTenant, stream, types, GOOGLE_ACCOUNT, type Rig } from '../support/launchRig.ts';
import { dataOf } from '../support/launchRig.ts';

const t = suite<{ rig: Rig }>('launch saga: a requested launch reaches the platforms');
t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
});
t.after.each(async ({ rig }) => rig.close());

const key = (platform: 'google_ads' | 'meta', objective: string, version = 1, planId = 'winter', tenantId = 'acme') => ({ tenantId, planId, version, platform, logicalCampaignKey: `${platform}:${objective}` });

t('given a launch on Google and Meta, then each campaign is created once, goes live, and the launch completes live with the platform ids', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1' }, { id: 's2' }, { id: 'm1', platform: 'meta', objective: 'traffic' }]);
  rig.startSaga();
  await rig.settle();
  const events = await rig.events(stream());
  assert.equal(types(events).filter((x) => !x.startsWith('mutation.')), ['launch.requested', 'campaign.live', 'campaign.live', 'launch.completed']);
  assert.equal(types(events).filter((x) => x.startsWith('mutation.')).length, 4, 'one request and one success per campaign');
  const [completed] = dataOf(events, 'launch.completed');
  assert.is(completed?.outcome, 'live', JSON.stringify(completed));
  const campaigns = completed?.campaigns as { platform: string; status: string; platformCampaignId?: string; trackingMode?: string }[];
  assert.equal(campaigns.map((c) => [c.platform, c.status, c.trackingMode]), [['google_ads', 'live', 'auto_tagging'], ['meta', 'live', 'utm']]);
  assert.ok(campaigns.every((c) => c.platformCampaignId), 'the manifest records every platform campaign id');
  assert.is(rig.sandbox.creations(key('google_ads', 'sales')), 1);
  assert.is(rig.sandbox.creations(key('meta', 'traffic')), 1);
  const google = await rig.sandbox.readCampaign({ platform: 'google_ads', accountId: GOOGLE_ACCOUNT, campaignId: campaigns[0]!.platformCampaignId! });
  assert.ok(google.ok && google.value.status === 'enabled' && google.value.adGroups.length === 2, 'one ad group per line item, enabled');
  assert.equal(rig.errors, []);
});

t('given a saga that already ran, when a fresh saga replays the whole log, then nothing is created again and nothing is appended', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  const before = (await rig.events()).length;
  await rig.saga?.stop();
  // Every launch is at rest, so the checkpoint stands at the last launch event.
  const lastLaunchEvent = (await rig.events(stream())).at(-1)?.position;
  assert.is(await rig.docs.checkpoint(SAGA_COLLECTION, 1), lastLaunchEvent);
  // A second saga with no checkpoint at all: it sees every launch event again.
  const fresh = await openSqliteDocumentStore(join(rig.dir, 'fresh-docs.db'));
  rig.startSaga(fresh);
  await rig.settle();
  await rig.saga?.stop();
  await fresh.close();
  assert.is((await rig.events()).length, before);
  assert.is(rig.sandbox.creations(key('google_ads', 'sales')), 1);
  assert.is(rig.sandbox.creations(key('meta', 'sales')), 1);
  const again = await rig.attempt({ type: 'user', id: 'maria', role: 'agency-user' }, 'launch.request', { planId: 'winter', version: 1 });
  assert.ok('code' in again && again.code === 'launch.already_requested', JSON.stringify(again));
});

t('given a transient 5xx twice, then the saga retries after 1 s and 2 s and the campaign goes live on the third attempt', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'google_ads', operation: 'ensureCampaign', fault: { kind: 'unavailable' }, times: 2 });
  await launchVersion(rig, [{ id: 's1' }]);
  rig.startSaga();
  await rig.settle();
  for (const ms of [1000, 2000]) {
    await rig.passTime(ms);
  }
  const events = await rig.events(stream());
  assert.equal(dataOf(events, 'mutation.requested').map((d) => d.attempt), [1, 2, 3]);
  assert.equal(dataOf(events, 'mutation.failed').map((d) => [d.code, d.final]), [['platform.unavailable', false], ['platform.unavailable', false]]);
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'live');
  assert.is(rig.sandbox.creations(key('google_ads', 'sales')), 1);
});

t('given Meta down for every attempt, then Google stays live, Meta fails for good after four attempts, the launch ends partial and is escalated after an hour', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'meta', fault: { kind: 'down' }, times: Infinity });
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  for (const ms of [1000, 2000, 4000]) {
    await rig.passTime(ms);
  }
  let events = await rig.events(stream());
  const failed = dataOf(events, 'mutation.failed');
  assert.equal(failed.map((d) => d.final), [false, false, false, true]);
  const [completed] = dataOf(events, 'launch.completed');
  assert.is(completed?.outcome, 'partial');
  assert.not.ok(types(events).includes('launch.escalated'), 'not before the hour is up');
  await rig.passTime(3600_000);
  events = await rig.events(stream());
  assert.equal(dataOf(events, 'launch.escalated').map((d) => d.kind), ['partial_sla']);
});

t('given an atomic launch policy and Meta refusing the budget, then Google is paused again and the launch ends failed, rolled back', async ({ rig }) => {
  await seedTenant(rig, 'acme', { atomicLaunch: true });
  rig.sandbox.inject({ platform: 'meta', operation: 'ensureCampaign', fault: { kind: 'budget_rejected' } });
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  const events = await rig.events(stream());
  const [completed] = dataOf(events, 'launch.completed');
  assert.equal([completed?.outcome, completed?.atomicRollback], ['failed', true]);
  const paused = dataOf(events, 'mutation.succeeded').filter((d) => d.action === 'pause');
  assert.equal(paused.map((d) => [d.platform, d.platformStatus]), [['google_ads', 'paused']]);
  const [refusal] = dataOf(events, 'mutation.failed');
  assert.match(String(refusal?.message), /within the platform minimum/, 'a budget refusal says whose limit it was');
});

t('given a payer problem on Meta, then it is flagged to the agency master account, not retried, and the launch ends partial', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'meta', operation: 'ensureCampaign', fault: { kind: 'payer_problem' } });
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  const events = await rig.events(stream());
  assert.equal(dataOf(events, 'launch.payer_problem_flagged').map((d) => [d.platform, d.audience, d.accountId]), [['meta', 'agency_master', 'act_4455']]);
  assert.equal(dataOf(events, 'mutation.failed').map((d) => [d.code, d.final]), [['platform.payer_problem', true]]);
  assert.is(dataOf(events, 'launch.completed')[0]?.outcome, 'partial');
});

t.run();
