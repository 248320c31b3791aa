// Taking a version back across platforms, one version spending at a time, and resuming the
// version a rolled-back one had superseded.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planner } from '../support/harness.ts';
import { GOOGLE_ACCOUNT, launchRig, launchVersion, META_ACCOUNT, seedTenant, stream, type Rig } from '../support/launchRig.ts';
import { dataOf } from '../support/launchRig.ts';

const t = suite<{ rig: Rig }>('launch saga: rollback, supersede, resume');
t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
});
t.after.each(async ({ rig }) => rig.close());


// Every campaign on both sandbox platforms, as `name: status`.
async function statuses(rig: Rig): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [platform, accountId] of [['google_ads', GOOGLE_ACCOUNT], ['meta', META_ACCOUNT]] as const) {
    const listed = await rig.sandbox.listCampaigns({ platform, accountId }, '');
    if (!listed.ok) throw new Error(listed.error.message);
    for (const c of listed.value) out[c.name] = c.status;
  }
  return out;
}

t('given two tenants live, when one version is rolled back, then exactly its campaigns are paused on every platform and nothing else is touched', async ({ rig }) => {
  await seedTenant(rig, 'acme');
  await seedTenant(rig, 'bolt');
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }], { tenantId: 'acme' });
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }], { tenantId: 'bolt' });
  rig.startSaga();
  await rig.settle();
  await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'CPA doubled overnight' }, 'acme');
  await rig.settle();
  assert.equal(await statuses(rig), {
    kobi_acme_google_ads_sales_v1: 'paused',
    kobi_acme_meta_sales_v1: 'paused',
    kobi_bolt_google_ads_sales_v1: 'enabled',
    kobi_bolt_meta_sales_v1: 'enabled',
  });
  const [rolledBack] = dataOf(await rig.events(stream(1, 'acme')), 'launch.rolled_back');
  assert.equal([rolledBack?.action, (rolledBack?.campaigns as { platformStatus: string }[]).map((c) => c.platformStatus)], ['pause', ['paused', 'paused']]);
  assert.is(rolledBack?.resumableVersion, undefined);
  assert.equal(dataOf(await rig.events(stream(1, 'bolt')), 'launch.rolled_back'), []);
});

t('given a tenant whose policy removes on rollback, then the campaigns are removed and the history stays', async ({ rig }) => {
  await seedTenant(rig, 'acme', { rollbackAction: 'remove' });
  await launchVersion(rig, [{ id: 's1' }]);
  rig.startSaga();
  await rig.settle();
  await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Wrong audience entirely' });
  await rig.settle();
  assert.equal(await statuses(rig), { kobi_acme_google_ads_sales_v1: 'removed' });
  const events = await rig.events(stream());
  assert.ok(events.some((e) => e.type === 'campaign.live'), 'what happened before the rollback is still in the log');
  assert.equal(dataOf(events, 'launch.rolled_back').map((d) => d.action), ['remove']);
});

t('given version 1 live, when version 2 goes live, then version 1 is paused; when version 2 is rolled back, version 1 is offered and resumed on request', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  await launchVersion(rig, [{ id: 's2' }], { version: 2 });
  await rig.settle();
  assert.equal(await statuses(rig), {
    kobi_acme_google_ads_sales_v1: 'paused',
    kobi_acme_meta_sales_v1: 'paused',
    kobi_acme_google_ads_sales_v2: 'enabled',
    kobi_acme_meta_sales_v2: 'enabled',
  });
  assert.equal(dataOf(await rig.events(stream(2)), 'launch.predecessors_superseded').map((d) => d.versions), [[1]]);
  const early = await rig.attempt(planner, 'launch.request_resume', { planId: 'winter', version: 1, reason: 'Bring the old one back' });
  assert.ok('code' in early && early.code === 'launch.not_resumable', 'no resuming while the newer version spends');

  await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 2, reason: 'Version 2 underperformed' });
  await rig.settle();
  assert.equal(dataOf(await rig.events(stream(2)), 'launch.rolled_back').map((d) => d.resumableVersion), [1]);
  await rig.run(planner, 'launch.request_resume', { planId: 'winter', version: 1, reason: 'Back to what worked' });
  await rig.settle();
  assert.equal(await statuses(rig), {
    kobi_acme_google_ads_sales_v1: 'enabled',
    kobi_acme_meta_sales_v1: 'enabled',
    kobi_acme_google_ads_sales_v2: 'paused',
    kobi_acme_meta_sales_v2: 'paused',
  });
  const [resumed] = dataOf(await rig.events(stream(1)), 'launch.resumed');
  assert.is((resumed?.campaigns as unknown[]).length, 2);
});

t('given a rollback requested mid-launch, then no further campaign is created and what was created is paused', async ({ rig }) => {
  await seedTenant(rig);
  rig.sandbox.inject({ platform: 'meta', operation: 'ensureCampaign', fault: { kind: 'unavailable' } });
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Stop everything now' });
  await rig.passTime(1000);
  assert.equal(await statuses(rig), { kobi_acme_google_ads_sales_v1: 'paused' });
  const events = await rig.events(stream());
  assert.equal(dataOf(events, 'launch.completed').map((d) => d.outcome), ['partial']);
  await rig.passTime(2 * 3600_000);
  assert.equal(dataOf(await rig.events(stream()), 'launch.escalated'), [], 'a partial that was rolled back is resolved: no escalation even hours later');
});

t('given a launch waiting for a person, when it is rolled back, then the saga closes the touchpoint (skip, by the system) and the rollback finishes', async ({ rig }) => {
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1', creative: false }]);
  rig.startSaga();
  await rig.settle();
  await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Not this one after all' });
  await rig.settle();
  const events = await rig.events(stream());
  const resolved = events.filter((e) => e.type === 'launch.touchpoint_resolved');
  assert.equal(resolved.map((e) => [(e.data as { resolution: string }).resolution, e.metadata.actor.id]), [['skip', 'launch-saga']]);
  assert.equal(dataOf(events, 'launch.rolled_back').map((d) => d.campaigns), [[]], 'nothing had been created');
  assert.equal(dataOf(events, 'launch.completed').map((d) => d.outcome), ['failed']);
});

t.run();
