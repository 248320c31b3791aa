import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launches, type LaunchDoc } from '../../projections/definitions/launches.ts';
import { M } from '../domain/fixtures.ts';
import { sagaRun } from './launchSagaFacts.ts';
import { blocked, launchApproved, launchedVersion, reason, requested, rollbackRequested } from './launchFacts.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: launches');

const history = projected([
  blocked(['launch.approval_required', 'launch.tracking_not_green']),
  launchApproved('ben', 'go'),
  blocked(['launch.tracking_not_green']),
  requested('maria'),
  rollbackRequested('ben'),
]);

t('one document per launch: status, manifest per platform, latest block, approvals, rollback', async () => {
  const docs = await replayTwice(launches, history);
  assert.equal([...docs.keys()], ['acme:q3:v1']);
  assert.equal(docs.get('acme:q3:v1'), {
    id: 'acme:q3:v1',
    tenantId: 'acme',
    planId: 'q3',
    version: 1,
    status: 'rollback_requested',
    approvals: [{ by: 'ben', at: '2026-01-01T00:00:02.000Z', comment: 'go' }],
    blockReasons: [reason('launch.tracking_not_green')],
    blockedAt: '2026-01-01T00:00:03.000Z',
    requested: { by: 'maria', at: '2026-01-01T00:00:04.000Z' },
    manifest: {
      contentHash: launchedVersion.contentHash,
      currency: 'EUR',
      budgetMicros: 75 * M,
      platforms: [
        {
          platform: 'google_ads',
          budgetMicros: 50 * M,
          campaigns: [
            { logicalCampaignKey: 'google_ads:sales', name: 'kobi_acme_google_ads_sales_v1', objective: 'sales', budgetMicros: 30 * M, lineItemIds: ['a'] },
            { logicalCampaignKey: 'google_ads:catalog_sales', name: 'kobi_acme_google_ads_catalog_sales_v1', objective: 'catalog_sales', budgetMicros: 20 * M, lineItemIds: ['b'] },
          ],
        },
        {
          platform: 'meta',
          budgetMicros: 25 * M,
          campaigns: [{ logicalCampaignKey: 'meta:sales', name: 'kobi_acme_meta_sales_v1', objective: 'sales', budgetMicros: 25 * M, lineItemIds: ['c'] }],
        },
      ],
    },
    rollback: { by: 'ben', at: '2026-01-01T00:00:05.000Z', reason: 'CPA doubled overnight' },
    // Nothing was executed yet: every campaign pending, nothing asked of a platform.
    execution: {
      campaigns: {
        'google_ads:sales': { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', outcome: 'pending' },
        'google_ads:catalog_sales': { platform: 'google_ads', logicalCampaignKey: 'google_ads:catalog_sales', outcome: 'pending' },
        'meta:sales': { platform: 'meta', logicalCampaignKey: 'meta:sales', outcome: 'pending' },
      },
      requestedAt: '2026-01-01T00:00:04.000Z',
      mutations: 0,
      touchpoints: {},
      creatives: [],
      escalations: [],
      payerFlagged: [],
      rolledBack: false,
      predecessorsSuperseded: false,
      resumeOffered: false,
      resumeRequested: false,
    },
    details: { campaigns: {}, touchpoints: {}, escalations: [], payerProblems: [] },
    updatedAt: '2026-01-01T00:00:05.000Z',
    position: '5',
  });
});

t('a blocked launch lists every reason of its latest block and has no manifest yet', async () => {
  const doc = (await replay(launches, history.slice(0, 1))).get('acme:q3:v1');
  assert.is(doc?.status, 'blocked');
  assert.equal(doc?.blockReasons, [reason('launch.approval_required'), reason('launch.tracking_not_green')]);
  assert.ok(doc && !('manifest' in doc) && !('requested' in doc) && !('rollback' in doc));
});

t('an approval granted before any request leaves the status at none, with the approval listed', async () => {
  const doc = (await replay(launches, projected([launchApproved('ben')]))).get('acme:q3:v1');
  assert.equal([doc?.status, doc?.approvals], ['none', [{ by: 'ben', at: '2026-01-01T00:00:01.000Z' }]]);
});

t('an approval already in the document is not listed twice', async () => {
  const docs = await replay(launches, history.slice(0, 2));
  assert.equal(await launches.apply(history[1]!, { get: async (id) => docs.get(id) }), []);
});

t('the details keep what a person needs from the saga: attempts, start date, last drift, touchpoint words, escalations, payer problems, how the rollback ended', async () => {
  const docs = await replayTwice(launches, projected([requested('maria'), ...sagaRun]));
  const doc = docs.get('acme:q3:v1') as { details?: unknown; status?: string } | undefined;
  assert.is(doc?.status, 'rollback_requested');
  assert.equal(doc?.details, {
    campaigns: {
      'google_ads:sales': { requests: 3, lastRequest: { action: 'pause', reason: 'rollback', attempt: 1, at: '2026-01-01T00:00:13.000Z' }, startDate: '2026-07-01' },
    },
    touchpoints: { tp1: { message: 'Line item c has no creative', lineItemIds: ['c'], openedAt: '2026-01-01T00:00:07.000Z', resolved: { by: 'maria', at: '2026-01-01T00:00:10.000Z', note: 'No creative this time' } } },
    escalations: [{ kind: 'launch_sla', message: 'Not complete 4 hours after it was requested', dueAt: '2026-01-01T04:00:01.000Z', at: '2026-01-01T00:00:08.000Z' }],
    payerProblems: [{ platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', accountId: '123-456-7890', message: 'The payment method was declined', at: '2026-01-01T00:00:09.000Z' }],
    completedCampaigns: [
      { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', status: 'scheduled', platformCampaignId: '9001', trackingMode: 'auto_tagging' },
      { platform: 'meta', logicalCampaignKey: 'meta:sales', status: 'skipped' },
    ],
    rolledBack: { at: '2026-01-01T00:00:15.000Z', action: 'pause', campaigns: [{ platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', platformCampaignId: '9001', platformStatus: 'paused' }] },
  });
});

t('drift is the last success\'s: a later success without drift clears it', async () => {
  const docs = await replay(launches, projected([requested('maria'), ...sagaRun.slice(0, 5)]));
  const drifted = docs.get('acme:q3:v1') as unknown as LaunchDoc;
  assert.equal(drifted.details?.campaigns['google_ads:sales']?.drift, [{ field: 'budget', lastWritten: 30000000, found: 25000000 }]);
  const later = await replay(launches, projected([requested('maria'), ...sagaRun]));
  assert.not.ok('drift' in ((later.get('acme:q3:v1') as unknown as LaunchDoc).details?.campaigns['google_ads:sales'] ?? {}));
});

t.run();
