// The launch saga through the real Meta adapter (facebook-nodejs-business-sdk's own calls,
// Graph batches and paging) against the local Graph server: launch, then roll back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planner } from '../support/harness.ts';
import { metaUnderTest } from '../support/metaPlatformUnderTest.ts';
import { dataOf, launchRig, launchVersion, seedTenant, stream } from '../support/launchRig.ts';
import { admin } from '../support/harness.ts';

const t = suite('launch saga on the Meta adapter (local Graph server)');

t('given a Meta launch, then each campaign is created once through the SDK, tracked by utm tags, and a rollback pauses it there', async () => {
  const meta = await metaUnderTest();
  const rig = await launchRig({ platformFor: (p) => (p === 'meta' ? meta.port : undefined) });
  try {
    await seedTenant(rig);
    // The tenant's Meta account is the one the local server opened for this test.
    await rig.run(admin, 'tenant.unlink_platform_account', { platform: 'meta' });
    await rig.run(admin, 'tenant.link_platform_account', { platform: 'meta', accountId: meta.accountId, accountName: 'Meta (local)' });
    await launchVersion(rig, [{ id: 'm1', platform: 'meta', objective: 'traffic' }, { id: 'm2', platform: 'meta', objective: 'awareness' }]);
    rig.startSaga();
    await rig.settle();
    let events = await rig.events(stream());
    assert.equal(dataOf(events, 'launch.completed').map((d) => d.outcome), ['live'], JSON.stringify(dataOf(events, 'mutation.failed')));
    assert.equal(dataOf(events, 'campaign.live').map((d) => d.trackingMode), ['utm', 'utm']);
    for (const objective of ['traffic', 'awareness']) {
      assert.is(await meta.creations({ tenantId: 'acme', planId: 'winter', version: 1, platform: 'meta', logicalCampaignKey: `meta:${objective}` }), 1, objective);
    }
    await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Pause it on Meta' });
    await rig.settle();
    events = await rig.events(stream());
    for (const { platformCampaignId } of dataOf(events, 'campaign.live')) {
      const read = await meta.port.readCampaign({ platform: 'meta', accountId: meta.accountId, campaignId: String(platformCampaignId) });
      assert.ok(read.ok && read.value.status === 'paused', JSON.stringify(read));
    }
  } finally {
    await rig.close();
    await meta.close();
  }
});

t.run();
