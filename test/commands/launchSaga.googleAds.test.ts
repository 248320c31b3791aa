// The launch saga through the real Google Ads adapter (google-ads-api's own request building,
// gRPC Mutate and REST GAQL) against the local Google Ads server: launch, then roll back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import type { PlatformPort } from '../../connectors/platforms/port.ts';
import { planner } from '../support/harness.ts';
import { localGoogleAds } from '../support/googleAdsLocal.ts';
import { GOOGLE_ACCOUNT, launchRig, launchVersion, seedTenant, stream } from '../support/launchRig.ts';
import { dataOf } from '../support/launchRig.ts';

const t = suite('launch saga on the Google Ads adapter (local server)');

t('given a Google launch, then the campaigns are created through google-ads-api once each, go live, and a rollback pauses them there', async () => {
  const local = await localGoogleAds();
  local.server.openAccount(GOOGLE_ACCOUNT.replaceAll('-', ''), 'EUR', true);
  const google: PlatformPort = local.open();
  const rig = await launchRig({ platformFor: (p) => (p === 'google_ads' ? google : undefined) });
  try {
    await seedTenant(rig);
    await launchVersion(rig, [{ id: 's1' }, { id: 's2' }, { id: 't1', objective: 'traffic' }]);
    rig.startSaga();
    await rig.settle();
    let events = await rig.events(stream());
    const [completed] = dataOf(events, 'launch.completed');
    assert.is(completed?.outcome, 'live', JSON.stringify(dataOf(events, 'mutation.failed')));
    for (const objective of ['sales', 'traffic']) {
      const key = { tenantId: 'acme', planId: 'winter', version: 1, platform: 'google_ads' as const, logicalCampaignKey: `google_ads:${objective}` };
      assert.is(local.server.creations(idempotencyLabel(key)), 1, objective);
    }
    await rig.run(planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Pause it on Google' });
    await rig.settle();
    events = await rig.events(stream());
    const ids = dataOf(events, 'campaign.live').map((d) => String(d.platformCampaignId));
    for (const campaignId of ids) {
      const read = await google.readCampaign({ platform: 'google_ads', accountId: GOOGLE_ACCOUNT, campaignId });
      assert.ok(read.ok && read.value.status === 'paused', JSON.stringify(read));
    }
    assert.equal(dataOf(events, 'launch.rolled_back').map((d) => (d.campaigns as unknown[]).length), [2]);
  } finally {
    await rig.close();
    await local.close();
  }
});

t.run();
