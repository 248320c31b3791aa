import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { campaigns } from '../../projections/definitions/campaigns.ts';
import { requested } from './launchFacts.ts';
import { sagaRun } from './launchSagaFacts.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: campaigns');

const upTo = (count: number) => projected([requested('maria'), ...sagaRun.slice(0, count)]);

t('a campaign is listed from the platform\'s first confirmation: id, name, plan version, tracking; then scheduled with its start', async () => {
  assert.equal([...(await replay(campaigns, upTo(3))).keys()], [], 'a request and a failure put nothing on a platform');
  const docs = await replayTwice(campaigns, upTo(5));
  assert.equal(Object.fromEntries(docs), {
    'acme:google_ads:9001': {
      id: 'acme:google_ads:9001',
      platform: 'google_ads',
      platformCampaignId: '9001',
      name: 'kobi_acme_google_ads_sales_v1',
      logicalCampaignKey: 'google_ads:sales',
      planId: 'q3',
      version: 1,
      status: 'scheduled',
      launched: 'scheduled',
      startDate: '2026-07-01',
      trackingMode: 'auto_tagging',
      tenantId: 'acme',
      updatedAt: '2026-01-01T00:00:06.000Z',
      position: '6',
    },
  });
});

t('a rollback pauses it only when the platform confirmed the pause, and says why', async () => {
  const sent = (await replayTwice(campaigns, upTo(12))).get('acme:google_ads:9001');
  assert.is(sent?.status, 'scheduled', 'a pause requested is not a pause');
  const paused = (await replayTwice(campaigns, upTo(13))).get('acme:google_ads:9001');
  assert.equal([paused?.status, paused?.pausedFor, paused?.launched], ['paused', 'rollback', 'scheduled']);
});

t.run();
