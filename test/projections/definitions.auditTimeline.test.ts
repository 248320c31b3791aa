import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allEventSchemas } from '../../domain/events.ts';
import { auditTimeline } from '../../projections/definitions/auditTimeline.ts';
import type { GivenEvent } from '../domain/given.ts';
import { approved, content, feed, item, itemAdded, launchRecorded, linked, M, planCreated, policy, rejected, submitted, tenantCreated, tracking } from '../domain/fixtures.ts';
import { blocked, launchApproved, requested, rollbackRequested } from './launchFacts.ts';
import { executionLines } from './executionFacts.ts';
import { toProjectedEvent } from '../../projections/definitions/projection.ts';
import { projected, replay, replayTwice, stored } from './replay.ts';

const t = suite('projections: audit_timeline');

const winter = { ...content(item('a', { budgetMicros: 30_000 * M }), item('b', { budgetMicros: 10_000 * M })), name: 'Winter', budgetMicros: 40_000 * M };

const sync = { type: 'system', id: 'performance-sync', role: 'system' } as const;
const scheduler = { type: 'system', id: 'scheduler', role: 'system' } as const;
const perfRow = (adId: string, costMicros: number) => ({ campaignId: 'c1', campaignName: 'C', adGroupId: 'g1', adGroupName: 'G', adId, adName: 'A', impressions: 100, reach: 90, clicks: 5, costMicros, conversions: 1, conversionValueMicros: 0 });
const perfDay = { platform: 'meta' as const, accountId: 'act_42', date: '2026-12-03', currency: 'EUR', attribution: { window: '7d_click_1d_view', reportTime: 'impression' }, rows: [perfRow('a1', 10_000_000), perfRow('a2', 2_500_000)] };

const executionSummaries: [string, string][] = [
  ["tenant acme", "ana set the execution policy: atomic launches (a partial launch is rolled back), rollback pauses campaigns"],
  ["launch q3 v1", "launch-saga asked google ads to ensure google ads campaign sales for launch (attempt 2)"],
  ["launch q3 v1", "Google ads confirmed ensure of google ads campaign sales (9001): now enabled, created"],
  ["launch q3 v1", "Google ads did not ensure google ads campaign sales: Google Ads is unavailable (platform.unavailable; will retry)"],
  ["launch q3 v1", "Google ads campaign sales (9001) is live, tracked by auto tagging"],
  ["launch q3 v1", "Google ads campaign sales (9001) is scheduled to start on 2026-07-01"],
  ["launch q3 v1", "The launch of version 1 of plan q3 stopped creating campaigns: GA4 tracking for tenant acme turned red; the remaining campaigns are not created"],
  ["launch q3 v1", "The launch of version 1 of plan q3 waits for a person (creative missing): Line item a has no creative"],
  ["launch q3 v1", "maria chose to retry after a launch touchpoint: Uploaded the banner"],
  ["launch q3 v1", "Payer problem on google ads account 123-456-7890, flagged to the agency master account: The payment method was declined"],
  ["launch q3 v1", "Escalated (launch sla): The launch of version 1 of plan q3 is not complete 4 hours after it was requested"],
  ["launch q3 v1", "The launch of version 1 of plan q3 ended partial: 1 of 2 campaign(s) live or scheduled"],
  ["launch q3 v1", "Version 1 of plan q3 is superseded by version 2; its campaigns are to be paused"],
  ["launch q3 v1", "Version 1 of plan q3 went live and had no earlier version to supersede"],
  ["launch q3 v1", "Rollback of version 1 of plan q3 finished: 1 of 1 campaign(s) paused; version 1 can be resumed"],
  ["launch q3 v1", "Version 2 of plan q3 was rolled back, so version 1 of plan q3 may be resumed"],
  ["launch q3 v1", "ben requested to resume version 1 of plan q3: Version 2 underperformed"],
  ["launch q3 v1", "Version 1 of plan q3 resumed: 1 of 1 campaign(s) enabled again"],
];

// One line per event type: [event, subject, summary].
const lines: [GivenEvent, string, string][] = [
  [tenantCreated, 'tenant acme', 'ana created tenant Acme (EUR, Europe/Istanbul)'],
  [linked('google_ads'), 'tenant acme', 'ana linked google ads account google_ads-1 (Acme on google_ads)'],
  [{ type: 'tenant.platform_account_unlinked', data: { platform: 'meta', accountId: 'm-9' } }, 'tenant acme', 'ana unlinked meta account m-9'],
  [{ type: 'tenant.tracking_health_reported', data: { status: 'amber', source: 'ga4', detail: 'purchase tag missing' } }, 'tenant acme', 'ana reported GA4 tracking amber: purchase tag missing'],
  [tracking('green'), 'tenant acme', 'ana reported GA4 tracking green'],
  [feed(2, 5), 'tenant acme', 'ana reported the product feed with 2 critical error(s) and 5 warning(s)'],
  [policy({ launchApproval: 'first_launch' }), 'tenant acme', 'ana set the approval policy: approval for the first launch only, four-eyes on, spend-change threshold 20%'],
  [{ type: 'tenant.guardrails_set', data: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 1500 * M } }, 'tenant acme', 'ana set guardrails: budget change up to 20% a day, bid change up to 15%, hard daily cap 1,500.00'],
  [{ type: 'tenant.kpi_targets_set', data: { targetCpaMicros: 12_500_000, targetRoas: 4 } }, 'tenant acme', 'ana set KPI targets: CPA 12.50, ROAS 4'],
  [{ type: 'tenant.kpi_targets_set', data: {} }, 'tenant acme', 'ana cleared the KPI targets'],
  [{ type: 'tenant.consent_profile_set', data: { profile: 'balanced', regions: ['EEA', 'UK'] } }, 'tenant acme', 'ana set the consent profile to balanced for EEA, UK'],
  [{ ...launchRecorded('q3', 1), actor: { type: 'system', id: 'launch-recorder', role: 'system' } }, 'tenant acme', 'launch-recorder recorded the launch of version 1 of plan q3'],
  [{ type: 'tenant.platform_credentials_stored', data: { platform: 'meta', accountId: 'act_42', kind: 'system_user_token', version: 1 } }, 'tenant acme', 'ana stored meta credentials (system user token) for account act_42, version 1'],
  [{ type: 'tenant.platform_credentials_rotated', data: { platform: 'google_ads', accountId: '111', version: 3, previousVersion: 2 } }, 'tenant acme', 'ana rotated google ads credentials for account 111 to version 3'],
  [{ type: 'tenant.platform_credentials_removed', data: { platform: 'meta', accountId: 'act_42', version: 2 } }, 'tenant acme', 'ana removed meta credentials for account act_42 (version 2)'],
  [{ type: 'tenant.platform_credentials_accessed', data: { platform: 'meta', accountId: 'act_42', purpose: 'performance_sync', version: 2 }, actor: { type: 'system', id: 'sync', role: 'system' } }, 'tenant acme', 'sync read meta credentials for account act_42 (version 2) for performance sync'],
  [planCreated, 'plan q3', 'ana created plan Q3 push (€100.00, 2026-07-01 to 2026-09-30)'],
  [{ type: 'plan.draft_updated', data: { name: 'Winter', budgetMicros: 40_000 * M } }, 'plan q3', 'ana changed the draft of plan q3: name Winter, budget 40,000.00'],
  [itemAdded('a'), 'plan q3', 'ana added line item Item a (google ads, sales, 30.00, 2026-07-01 to 2026-07-31) to plan q3'],
  [{ type: 'plan.line_item_updated', data: { lineItemId: 'a', platform: 'meta', flightEnd: '2026-08-31', budgetMicros: 35 * M } }, 'plan q3', 'ana changed line item a of plan q3: platform meta, flight end 2026-08-31, budget 35.00'],
  [{ type: 'plan.line_item_removed', data: { lineItemId: 'b' } }, 'plan q3', 'ana removed line item b from plan q3'],
  [submitted(2, winter, 'maria'), 'plan q3 v2', 'maria submitted version 2 of plan Winter (€40,000.00)'],
  [approved(2, 'ben'), 'plan q3 v2', 'ben approved version 2 of plan q3'],
  [rejected(2, 'ben'), 'plan q3 v2', 'ben rejected version 2 of plan q3: Too much on search'],
  [launchApproved('ben', 'go ahead'), 'launch q3 v1', 'ben approved the launch of version 1 of plan q3: go ahead'],
  [requested('maria'), 'launch q3 v1', 'maria launched version 1 of plan q3: 3 campaign(s) on google ads, meta (€75.00)'],
  [blocked(['launch.approval_required', 'launch.tracking_not_green']), 'launch q3 v1', 'The launch of version 1 of plan q3 requested by maria was blocked: approval required, tracking not green'],
  [rollbackRequested('ben'), 'launch q3 v1', 'ben requested a rollback of version 1 of plan q3: CPA doubled overnight'],
  [{ type: 'performance.synced', data: { ...perfDay, contentHash: 'a'.repeat(64) }, actor: sync }, 'meta account act_42', 'performance-sync recorded 2026-12-03 of meta account act_42: 2 ad row(s), €12.50 spent'],
  [{ type: 'performance.restated', data: { ...perfDay, contentHash: 'b'.repeat(64), previousHash: 'a'.repeat(64) }, actor: sync }, 'meta account act_42', 'performance-sync restated 2026-12-03 of meta account act_42: 2 ad row(s), €12.50 spent'],
  [{ type: 'performance.sync_started', data: { platform: 'meta', accountId: 'act_42', syncId: 'sync-0001', from: '2026-12-01', to: '2026-12-03' }, actor: sync }, 'meta account act_42', 'performance-sync started a sync of meta account act_42 for 2026-12-01 to 2026-12-03'],
  [{ type: 'performance.sync_completed', data: { platform: 'meta', accountId: 'act_42', syncId: 'sync-0001', days: 3, recorded: 2, restated: 1, unchanged: 0 }, actor: sync }, 'meta account act_42', 'performance-sync finished a sync of meta account act_42: 3 day(s), 2 new, 1 restated, 0 unchanged'],
  [{ type: 'performance.sync_failed', data: { platform: 'meta', accountId: 'act_42', syncId: 'sync-0001', code: 'platform.unavailable', message: 'Meta did not answer' }, actor: sync }, 'meta account act_42', "performance-sync's sync of meta account act_42 failed: Meta did not answer (platform.unavailable)"],
  [{ type: 'tenant.performance_alert_raised', data: { alertId: 'anomaly:roas_drop:meta:2026-11-23', kind: 'anomaly', severity: 'high', rule: 'roas_drop', platform: 'meta', from: '2026-11-17', to: '2026-11-23', current: 2.4, baseline: 3.2, changePct: -25, message: 'ROAS -25% on meta' }, actor: { type: 'agent', id: 'performance-analysis', role: 'system' } }, 'tenant acme', 'performance-analysis raised a high anomaly alert: ROAS -25% on meta'],
  [{ type: 'tenant.performance_alert_acknowledged', data: { alertId: 'anomaly:roas_drop:meta:2026-11-23', note: 'Checkout fixed' }, actor: 'maria' }, 'tenant acme', 'maria acknowledged alert anomaly:roas_drop:meta:2026-11-23: Checkout fixed'],
  [{ type: 'tenant.performance_summary_issued', data: { summaryId: 'monthly:2026-11', from: '2026-11-01', to: '2026-11-30', currency: 'EUR', spendMicros: 360_000_000, revenueMicros: 1_080_000_000, conversions: 60, roas: 3, cpa: 6, ctr: 2, changePct: { spend: 16.13, revenue: -12.9, conversions: -3.23, roas: -25, cpa: 20, ctr: 0 } }, actor: { type: 'agent', id: 'performance-analysis', role: 'system' } }, 'tenant acme', 'performance-analysis issued the monthly summary of 2026-11: €360.00 spent, ROAS 3'],
  [{ type: 'schedule.slot_claimed', data: { workflow: 'daily-sync-all-tenants', slot: '2026-11-30T00:00:00.000Z', cron: '0 8 * * *', timezone: 'Asia/Hong_Kong' }, actor: scheduler }, 'workflow daily-sync-all-tenants', 'scheduler claimed the daily-sync-all-tenants slot of 2026-11-30T00:00:00.000Z (0 8 * * *, Asia/Hong_Kong)'],
  [{ type: 'schedule.slot_completed', data: { workflow: 'daily-sync-all-tenants', slot: '2026-11-30T00:00:00.000Z', summary: '2 tenant(s) synced' }, actor: scheduler }, 'workflow daily-sync-all-tenants', 'scheduler completed the daily-sync-all-tenants slot of 2026-11-30T00:00:00.000Z: 2 tenant(s) synced'],
  [{ type: 'schedule.slot_failed', data: { workflow: 'daily-sync-all-tenants', slot: '2026-11-30T00:00:00.000Z', code: 'schedule.interrupted', message: 'The process stopped mid-run' }, actor: scheduler }, 'workflow daily-sync-all-tenants', "scheduler's daily-sync-all-tenants slot of 2026-11-30T00:00:00.000Z failed: The process stopped mid-run (schedule.interrupted)"],
  // Access changes name the user by id only; the subject is that user.
  [{ type: 'user.added', data: { userId: 'vic', role: 'client-viewer', tenantId: 'acme' } }, 'user vic', 'ana added user vic as client-viewer of tenant acme'],
  [{ type: 'user.login_link_issued', data: { userId: 'vic', expiresAt: '2026-12-01T10:00:00.000Z' } }, 'user vic', 'ana issued a login link for vic, valid until 2026-12-01T10:00:00.000Z; older links were revoked'],
  [{ type: 'user.disabled', data: { userId: 'vic' } }, 'user vic', 'ana disabled vic: their sessions were signed out'],
  [{ type: 'user.enabled', data: { userId: 'vic' } }, 'user vic', 'ana enabled vic'],
  [{ type: 'user.role_changed', data: { userId: 'vic', role: 'client-admin', tenantId: 'acme', previousRole: 'client-viewer', previousTenantId: 'acme' } }, 'user vic', 'ana changed vic from client-viewer to client-admin of tenant acme: their sessions were signed out'],
  [{ type: 'user.removed', data: { userId: 'vic' } }, 'user vic', 'ana removed vic: their sessions were signed out'],
  // The launch saga's records and the execution policy, in executionLines' order.
  ...executionLines.map((e, i): [GivenEvent, string, string] => [e, ...executionSummaries[i]!]),
];

t('it handles every event type of the domain, and each has a summary above', () => {
  assert.equal([...auditTimeline.handles].sort(), Object.keys(allEventSchemas).sort());
  assert.equal([...new Set(lines.map(([e]) => e.type))].sort(), Object.keys(allEventSchemas).sort());
});

for (const [event, subject, summary] of lines) {
  t(`summary of ${event.type}: ${summary}`, async () => {
    const [doc] = (await replay(auditTimeline, projected([event]))).values();
    assert.equal([doc?.subject, doc?.summary], [subject, summary]);
  });
}

t('one document per event, in log order, with who, when, where and the command chain', async () => {
  const events = projected([tenantCreated, submitted(2, winter, 'maria')], 41);
  const docs = await replayTwice(auditTimeline, events);
  assert.equal([...docs.values()].map((d) => d.seq), [41, 42]);
  assert.equal(docs.get('evt-42'), {
    id: 'evt-42',
    tenantId: 'acme',
    position: '42',
    seq: 42,
    at: '2026-01-01T00:00:42.000Z',
    updatedAt: '2026-01-01T00:00:42.000Z',
    actor: { type: 'user', id: 'maria', role: 'agency-user' },
    actorId: 'maria',
    type: 'plan.version_submitted',
    stream: 'plan-acme.q3',
    revision: 0,
    subject: 'plan q3 v2',
    summary: 'maria submitted version 2 of plan Winter (€40,000.00)',
    commandId: 'cmd-42',
    correlationId: 'corr-42',
    causationId: 'cmd-42',
  });
});

t('an upcast v1 line_item_added reads exactly as its v2 equivalent', async () => {
  const { budgetMicros: _b, currency: _c, ...common } = item('a');
  const [fromV1] = (await replay(auditTimeline, projected([{ type: 'plan.line_item_added', schemaVersion: 1, data: { ...common, budget: 1234.5 } }]))).values();
  const [fromV2] = (await replay(auditTimeline, projected([itemAdded('a', { budgetMicros: 1_234_500_000 })]))).values();
  assert.equal(fromV1, fromV2);
  assert.match(String(fromV1?.summary), '1,234.50');
});

t('an event its schema refuses throws before any projection sees it, so the runtime parks it instead of writing a guess', () => {
  const [good] = stored([tenantCreated]);
  assert.throws(() => toProjectedEvent({ ...good!, data: { name: 'no id' } }), /event\.invalid_data/);
  assert.throws(() => toProjectedEvent({ ...good!, metadata: { ...good!.metadata, actor: 'ana' } }), /event\.invalid_metadata/);
});

t.run();
