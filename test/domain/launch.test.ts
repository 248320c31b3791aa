import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ManifestCampaign } from '../../domain/launch/index.ts';
import { launchGate } from '../../domain/launch/index.ts';
import { initialState as noLaunch } from '../../domain/launch/index.ts';
import { contentHash } from '../../domain/plan/index.ts';
import { given, launchState, planState, tenantState } from './given.ts';
import type { GivenEvent } from './given.ts';
import {
  approvedPlan,
  content,
  feed,
  item,
  itemAdded,
  launchRecorded,
  linked,
  M,
  planCreated,
  policy,
  readyTenant,
  readyTenantEvents,
  submitted,
  tenantCreated,
  tracking,
} from './fixtures.ts';

const search = item('a', { platform: 'google_ads', objective: 'sales', budgetMicros: 20 * M });
const brand = item('b', { platform: 'google_ads', objective: 'sales', budgetMicros: 10 * M });
const social = item('c', { platform: 'meta', objective: 'awareness', budgetMicros: 30 * M });
const shopping = item('d', { platform: 'google_ads', objective: 'catalog_sales', budgetMicros: 15 * M });
const plan = approvedPlan(search, brand, social);
const v1 = { planId: 'q3', version: 1 };
const approval: GivenEvent = { type: 'launch.approval_granted', data: v1, actor: 'cem' };
const campaign: ManifestCampaign = {
  platform: 'google_ads',
  logicalCampaignKey: 'google_ads:sales',
  name: 'kobi_acme_google_ads_sales_v1',
  objective: 'sales',
  budgetMicros: 20 * M,
  lineItemIds: ['a'],
};
const requested: GivenEvent = {
  type: 'launch.requested',
  data: { ...v1, contentHash: 'a'.repeat(64), currency: 'EUR', platforms: ['google_ads'], campaigns: [campaign] },
};

const approve = suite('launch: approval');

approve('a second person grants launch approval for an approved version', () =>
  given()
    .when({ type: 'launch.approve', data: { ...v1, comment: 'go' }, actor: 'cem' }, { tenant: readyTenant(), plan })
    .then({ type: 'launch.approval_granted', data: { ...v1, comment: 'go' } }));

approve('a version that is not approved, or does not exist, cannot get launch approval', () => {
  const submittedOnly = planState(planCreated, itemAdded('a'), submitted(1, content(item('a'))));
  given().when({ type: 'launch.approve', data: v1, actor: 'cem' }, { tenant: readyTenant(), plan: submittedOnly }).thenRefused('launch.version_not_approved', 'refused');
  given().when({ type: 'launch.approve', data: { planId: 'q3', version: 9 }, actor: 'cem' }, { tenant: readyTenant(), plan }).thenRefused('launch.version_not_approved');
});

approve('four-eyes: the submitter of the version cannot grant its launch approval', () =>
  given().when({ type: 'launch.approve', data: v1, actor: 'ana' }, { tenant: readyTenant(), plan }).thenRefused('launch.four_eyes', 'refused'));

approve('without four-eyes the submitter may grant it', () =>
  given()
    .when({ type: 'launch.approve', data: v1, actor: 'ana' }, { tenant: readyTenant(policy({ fourEyes: false })), plan })
    .then({ type: 'launch.approval_granted', data: v1 }));

approve('launch approval is granted once', () =>
  given(approval).when({ type: 'launch.approve', data: v1, actor: 'dan' }, { tenant: readyTenant(), plan }).thenRefused('launch.already_approved', 'conflict', /cem/));

approve('a plan or tenant that does not exist is not found', () => {
  given().when({ type: 'launch.approve', data: { planId: 'q4', version: 1 } }, { tenant: readyTenant(), plan }).thenRefused('plan.not_found', 'not_found');
  given().when({ type: 'launch.approve', data: v1 }, { tenant: tenantState(), plan }).thenRefused('tenant.not_found', 'not_found');
});

approve.run();

const gate = suite('launch: the gate');

gate('all preconditions met: the launch is requested with its manifest', () =>
  given()
    .when({ type: 'launch.request', data: v1 }, { tenant: readyTenant(), plan })
    .then({
      type: 'launch.requested',
      data: {
        ...v1,
        contentHash: contentHash(content(search, brand, social)),
        currency: 'EUR',
        platforms: ['google_ads', 'meta'],
        campaigns: [
          { platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', name: 'kobi_acme_google_ads_sales_v1', objective: 'sales', budgetMicros: 30 * M, lineItemIds: ['a', 'b'] },
          { platform: 'meta', logicalCampaignKey: 'meta:awareness', name: 'kobi_acme_meta_awareness_v1', objective: 'awareness', budgetMicros: 30 * M, lineItemIds: ['c'] },
        ],
      },
    }));

gate('every failing precondition is listed at once', () => {
  const notReady = tenantState(tenantCreated, linked('google_ads'), tracking('amber'), feed(2));
  const items = [item('a', { platform: 'meta' }), shopping, item('t', { platform: 'tiktok', budgetMicros: 5 * M })];
  const lineItemsAdded = items.map((i): GivenEvent => ({ type: 'plan.line_item_added', data: i }));
  const submittedOnly = planState(planCreated, ...lineItemsAdded, submitted(1, content(...items)));
  given()
    .when({ type: 'launch.request', data: v1 }, { tenant: notReady, plan: submittedOnly })
    .thenState((launch) => {
      assert.is(launch.status, 'blocked');
      assert.equal(
        launch.lastBlockReasons.map((r) => [r.code, r.platform]),
        [
          ['launch.version_not_approved', undefined],
          ['launch.tracking_not_green', undefined],
          ['launch.platform_not_linked', 'meta'],
          ['launch.platform_not_linked', 'tiktok'],
          ['launch.feed_critical_errors', undefined],
          ['launch.approval_required', undefined],
        ],
      );
    });
});

gate('a blocked launch is an event that says why in words', () =>
  given()
    .when({ type: 'launch.request', data: v1 }, { tenant: readyTenant(tracking('red')), plan })
    .then({
      type: 'launch.blocked',
      data: { ...v1, reasons: [{ code: 'launch.tracking_not_green', message: 'GA4 tracking for tenant acme is red; nothing may spend until it is verified green' }] },
    }));

gate('tracking stays red until reported green', () =>
  assert.equal(launchGate(1, tenantState(...readyTenantEvents().filter((e) => e.type !== 'tenant.tracking_health_reported')), plan, noLaunch).map((r) => r.code), ['launch.tracking_not_green']));

gate('feed critical errors block only plans with catalog sales', () => {
  const withShopping = approvedPlan(search, shopping);
  assert.equal(launchGate(1, readyTenant(feed(1)), plan, noLaunch), []);
  assert.equal(launchGate(1, readyTenant(feed(1)), withShopping, noLaunch).map((r) => r.code), ['launch.feed_critical_errors']);
  assert.equal(launchGate(1, readyTenant(feed(0, 40)), withShopping, noLaunch), []);
});

gate('policy always: needs launch approval on this stream', () => {
  const tenant = readyTenant(policy({ launchApproval: 'always' }));
  given().when({ type: 'launch.request', data: v1 }, { tenant, plan }).thenState((l) => assert.equal(l.lastBlockReasons.map((r) => r.code), ['launch.approval_required']));
  given(approval).when({ type: 'launch.request', data: v1 }, { tenant, plan }).thenState((l) => assert.is(l.status, 'requested'));
});

gate('policy first_launch: the first launch needs approval, later ones do not', () => {
  const first = readyTenant(policy({ launchApproval: 'first_launch' }));
  const later = readyTenant(policy({ launchApproval: 'first_launch' }), launchRecorded('q2', 1));
  assert.equal(launchGate(1, first, plan, noLaunch).map((r) => r.code), ['launch.approval_required']);
  assert.equal(launchGate(1, first, plan, launchState(approval)), []);
  assert.equal(launchGate(1, later, plan, noLaunch), []);
});

gate('policy never: no launch approval needed', () =>
  assert.equal(launchGate(1, readyTenant(policy({ launchApproval: 'never' })), plan, noLaunch), []));

gate('a blocked launch can be requested again once fixed', () =>
  given({ type: 'launch.blocked', data: { ...v1, reasons: [{ code: 'launch.tracking_not_green', message: 'red' }] } })
    .when({ type: 'launch.request', data: v1 }, { tenant: readyTenant(), plan })
    .thenState((l) => assert.is(l.manifest?.campaigns.length, 2)));

gate('a launch is requested once', () =>
  given(requested).when({ type: 'launch.request', data: v1 }, { tenant: readyTenant(), plan }).thenRefused('launch.already_requested', 'conflict'));

gate('a version that was never submitted is not found, and leaves no event', () =>
  given().when({ type: 'launch.request', data: { planId: 'q3', version: 4 } }, { tenant: readyTenant(), plan }).thenRefused('launch.version_not_found', 'not_found'));

gate.run();

const rollback = suite('launch: rollback');

rollback('a requested launch can be rolled back, with a reason', () =>
  given(requested)
    .when({ type: 'launch.request_rollback', data: { ...v1, reason: 'Client paused the promotion' } }, { tenant: readyTenant(), plan })
    .then({ type: 'launch.rollback_requested', data: { ...v1, reason: 'Client paused the promotion' } }));

rollback('nothing to roll back before a launch was requested', () => {
  given().when({ type: 'launch.request_rollback', data: { ...v1, reason: 'Oops' } }, { tenant: readyTenant(), plan }).thenRefused('launch.not_launched', 'refused');
  given({ type: 'launch.blocked', data: { ...v1, reasons: [{ code: 'launch.tracking_not_green', message: 'red' }] } })
    .when({ type: 'launch.request_rollback', data: { ...v1, reason: 'Oops' } }, { tenant: readyTenant(), plan })
    .thenRefused('launch.not_launched');
});

rollback('a rollback is requested once', () =>
  given(requested, { type: 'launch.rollback_requested', data: { ...v1, reason: 'Paused' } })
    .when({ type: 'launch.request_rollback', data: { ...v1, reason: 'Again' } }, { tenant: readyTenant(), plan })
    .thenRefused('launch.rollback_already_requested', 'conflict'));

rollback('the rollback state keeps the manifest: history stays', () =>
  given(requested)
    .when({ type: 'launch.request_rollback', data: { ...v1, reason: 'Client paused' } }, { tenant: readyTenant(), plan })
    .thenState((l) => {
      assert.is(l.status, 'rollback_requested');
      assert.is(l.manifest?.campaigns[0]?.name, 'kobi_acme_google_ads_sales_v1');
    }));

rollback.run();
