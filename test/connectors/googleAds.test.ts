// The Google Ads adapter against the local server: what it sends Google (the Mutate the
// server received), and how it reads Google's answers, refusals and outages. The contract
// (test/contract/platforms.ts) covers what every adapter does; these cover Google's ways.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import type { CampaignSpec } from '../../connectors/platforms/port.ts';
import { LOCAL_ACCOUNT, LOCAL_CUSTOMER, localGoogleAds, type LocalGoogleAdsTest } from '../support/googleAdsLocal.ts';
import { aSpec, thenFailed, thenOk } from '../support/platforms.ts';
import { uniqueSuffix } from '../support/ids.ts';

// The Mutate requests as the server decoded them (snake_case, enums by name, int64 as strings).
type Loose = Record<string, unknown>;
const dig = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
const operationsOf = (request: unknown): Loose[] => dig(request, 'mutate_operations') as Loose[];
const test = suite<{ local: LocalGoogleAdsTest; spec: CampaignSpec }>('google ads adapter (local server)');
test.before.each(async (ctx) => {
  ctx.local = await localGoogleAds();
  ctx.spec = aSpec({ platform: 'google_ads', accountId: LOCAL_ACCOUNT, tenantId: `t${uniqueSuffix()}` });
});
test.after.each(async (ctx) => ctx.local.close());

const account = { platform: 'google_ads' as const, accountId: LOCAL_ACCOUNT };
const kinds = (request: unknown) => operationsOf(request).map((op) => `${String(op.operation)}.${['create', 'update', 'remove'].find((v) => dig(op, String(op.operation), v) !== undefined)}`);

test('given a new key, when ensured, then Google receives one atomic Mutate: label, budget, campaign, key link, ad group, ads with kcid/kpv and no utm_', async ({ local, spec }) => {
  thenOk(await local.open().ensureCampaign(spec));
  const [request] = local.server.mutateRequests;
  assert.is(local.server.mutateRequests.length, 1);
  assert.equal(kinds(request), ['label_operation.create', 'campaign_budget_operation.create', 'campaign_operation.create', 'campaign_label_operation.create', 'ad_group_operation.create', 'ad_group_ad_operation.create', 'ad_group_ad_operation.create']);
  assert.is(Boolean(dig(request, 'partial_failure')), false, 'a create is all or nothing, so no campaign exists without its key label');
  const [label, budget, campaign] = operationsOf(request).map((op) => dig(op, String(op.operation), 'create') as Loose);
  assert.is(label!.name, idempotencyLabel(spec.key));
  assert.equal([budget!.period, budget!.total_amount_micros], ['CUSTOM_PERIOD', '310000000'], "a 'total' budget is Google's campaign total budget");
  assert.equal([campaign!.campaign_budget, campaign!.start_date_time, campaign!.end_date_time], [budget!.resource_name, '2027-01-01 00:00:00', '2027-01-31 23:59:59'], 'temporary ids tie the request together');
  for (const op of operationsOf(request).slice(5)) {
    const ad = dig(op, 'ad_group_ad_operation', 'create', 'ad') as Loose;
    const params = Object.fromEntries((ad.url_custom_parameters as Loose[]).map((p) => [p.key, p.value]));
    assert.equal([params.kcid, params.kpv, ad.final_url_suffix], ['SKU123', 'v1', 'kcid={_kcid}&kpv={_kpv}']);
  }
  assert.not.match(JSON.stringify(request), /utm_/i);
});

test('given tracking with utm_, when ensured, then it is refused as platform.invalid before Google is called', async ({ local, spec }) => {
  const group = spec.adGroups[0]!;
  const withUtm = { ...spec, adGroups: [{ ...group, ads: [{ ...group.ads[0]!, tracking: { mode: 'auto_tagging' as const, finalUrlSuffix: 'utm_source=google', customParameters: {} } }] }] };
  thenFailed(await local.open().ensureCampaign(withUtm), 'platform.invalid', false);
  assert.equal([local.server.calls.mutate, local.server.calls.search], [0, 0]);
});

test('given a campaign, when an update adds an ad Google refuses, then the other changes apply and the error names the ad with its field path', async ({ local, spec }) => {
  const port = local.open();
  thenOk(await port.ensureCampaign(spec));
  const group = spec.adGroups[0]!;
  const refusedUrl = 'https://shop.example/forbidden';
  local.server.refuseAdUrl(refusedUrl);
  const changed = { ...spec, budget: { ...spec.budget, amountMicros: 620_000_000 }, adGroups: [{ ...group, ads: [...group.ads, { ...group.ads[0]!, key: 'a3', finalUrl: refusedUrl }] }] };
  const error = thenFailed(await port.ensureCampaign(changed), 'platform.policy_disapproved', false);
  assert.match(error.message, 'ad a3 in ad group main');
  const [first] = (error.details as { errors: { fieldPath: string; code: string }[] }).errors;
  assert.match(first!.fieldPath, /^mutate_operations\[\d+\]\.ad_group_ad_operation\.create\.ad\.final_urls\[0\]$/);
  assert.is(first!.code, 'policy_finding_error.POLICY_FINDING');
  assert.is(dig(local.server.mutateRequests.at(-1), 'partial_failure'), true);
  const listed = thenOk(await port.listCampaigns(account, spec.name));
  assert.equal([listed[0]!.budget.amountMicros, listed[0]!.adGroups[0]!.ads.map((a) => a.key)], [620_000_000, ['a1', 'a2']], 'the budget changed; the refused ad was not made');
});

test('given a campaign, when the plan changes one ad\'s URL and drops another, then the first is updated in place and the second removed', async ({ local, spec }) => {
  const port = local.open();
  const made = thenOk(await port.ensureCampaign(spec));
  const group = spec.adGroups[0]!;
  const changed = { ...spec, adGroups: [{ ...group, ads: [{ ...group.ads[0]!, finalUrl: 'https://shop.example/autumn' }] }] };
  const again = thenOk(await port.ensureCampaign(changed));
  assert.equal([again.outcome, again.adGroups[0]!.ads], ['updated', [made.adGroups[0]!.ads[0]!]]);
  assert.equal(kinds(local.server.mutateRequests.at(-1)), ['ad_operation.update', 'ad_group_ad_operation.remove', 'label_operation.update']);
  const read = thenOk(await port.readCampaign({ ...account, campaignId: made.campaignId }));
  assert.equal(read.adGroups[0]!.ads.map((a) => [a.key, a.finalUrl, a.tracking]), [['a1', 'https://shop.example/autumn', group.ads[0]!.tracking]]);
});

test('given an outage while paging through metrics, when fetched, then it is an unavailable value (the library loses the status, so no retry)', async ({ local, spec }) => {
  const port = local.open();
  thenOk(await port.ensureCampaign(spec));
  local.server.pageSize = 3;
  local.server.inject('search', { kind: 'unavailable' });
  const error = thenFailed(await port.fetchDailyPerformance(account, '2027-01-01', '2027-01-05'), 'platform.unavailable', true);
  assert.ok(error.platformMessage, JSON.stringify(error));
});

test('given the daily operations quota is used up, when ensured, then rate_limited comes back at once, with no retry', async ({ local, spec }) => {
  local.server.inject('mutate', { kind: 'quota_exhausted' }, 10);
  const error = thenFailed(await local.open().ensureCampaign(spec), 'platform.rate_limited', true);
  assert.is(error.retryAfterMs, undefined);
  assert.match(error.message, 'daily operations quota');
  assert.is(local.server.calls.mutate, 1, 'Google saw one Mutate');
});

test('given a short-term rate limit with a retry delay, when paused, then rate_limited carries Google\'s delay and is not retried', async ({ local, spec }) => {
  const port = local.open();
  const made = thenOk(await port.ensureCampaign(spec));
  local.server.inject('mutate', { kind: 'rate_limited', retryDelayMs: 2500 }, 10);
  const error = thenFailed(await port.pause({ ...account, campaignId: made.campaignId }), 'platform.rate_limited', true);
  assert.is(error.retryAfterMs, 2500);
  assert.is(local.server.calls.mutate, 2);
});

test('given RESOURCE_EXHAUSTED without details, when paused, then the adapter retries three times and then says rate_limited', async ({ local, spec }) => {
  const port = local.open();
  const made = thenOk(await port.ensureCampaign(spec));
  local.server.inject('mutate', { kind: 'bare_resource_exhausted' }, 10);
  thenFailed(await port.pause({ ...account, campaignId: made.campaignId }), 'platform.rate_limited', true);
  assert.is(local.server.calls.mutate, 1 + 4, 'the create, then the pause and its three retries');
});

test('given two UNAVAILABLE answers, when paused, then the adapter\'s backoff carries the pause through', async ({ local, spec }) => {
  const port = local.open();
  const made = thenOk(await port.ensureCampaign(spec));
  local.server.inject('mutate', { kind: 'unavailable' }, 2);
  assert.is(thenOk(await port.pause({ ...account, campaignId: made.campaignId })).status, 'paused');
  assert.is(local.server.calls.mutate, 1 + 3);
});

test('given a lost answer to a create, when ensured, then the create is not repeated and the error is retryable', async ({ local, spec }) => {
  local.server.inject('mutate', { kind: 'lost_response' });
  thenFailed(await local.open().ensureCampaign(spec), 'platform.unavailable', true);
  assert.equal([local.server.calls.mutate, local.server.creations(idempotencyLabel(spec.key))], [1, 1]);
});

test('given a create repeated after its answer was lost (as gax does on UNAVAILABLE), when ensured, then the key label stops a second campaign and the error is retryable', async ({ local, spec }) => {
  local.server.inject('mutate', { kind: 'repeated_after_lost_answer' });
  const port = local.open();
  const error = thenFailed(await port.ensureCampaign(spec), 'platform.unavailable', true);
  assert.match(error.message, 'ensure again');
  assert.is(local.server.creations(idempotencyLabel(spec.key)), 1);
  assert.is(thenOk(await port.ensureCampaign(spec)).outcome, 'unchanged');
});

test('given metrics over more rows than a page, when daily performance is fetched, then every page is read', async ({ local, spec }) => {
  const port = local.open();
  const made = thenOk(await port.ensureCampaign(spec));
  local.server.pageSize = 3;
  const before = local.server.calls.search;
  const rows = thenOk(await port.fetchDailyPerformance(account, '2027-01-01', '2027-01-05'));
  assert.is(local.server.calls.search - before, 4, '10 rows at 3 a page');
  assert.is(rows.length, 10);
  assert.equal([...new Set(rows.map((r) => r.date))], ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05']);
  const adIds = made.adGroups[0]!.ads.map((a) => a.id);
  assert.equal(rows.slice(0, 2).map((r) => [r.campaignId, r.adId, r.currency]), adIds.map((id) => [made.campaignId, id, 'EUR']));
  const first = rows[0]!;
  assert.ok(first.impressions > 0 && first.costMicros === first.clicks * 250_000, JSON.stringify(first));
  assert.is(first.conversionValueMicros, Math.round(first.clicks / 10 * 30.5 * 1_000_000));
});

test('given a dry run, when validated, then Google gets validate_only and nothing changes', async ({ local, spec }) => {
  const port = local.open();
  assert.equal(thenOk(await port.validate(spec)), { wouldBe: 'created' });
  assert.is(dig(local.server.mutateRequests[0], 'validate_only'), true);
  assert.equal([Object.keys(local.server.model().campaigns).length, Object.keys(local.server.model().labels).length], [0, 0]);
  const made = thenOk(await port.ensureCampaign(spec));
  const bigger = { ...spec, budget: { ...spec.budget, amountMicros: 900_000_000 } };
  assert.equal(thenOk(await port.validate(bigger)), { wouldBe: 'updated', campaignId: made.campaignId });
  assert.is(dig(local.server.mutateRequests.at(-1), 'validate_only'), true);
  assert.is(thenOk(await port.readCampaign({ ...account, campaignId: made.campaignId })).budget.amountMicros, 310_000_000);
});

test('given auto-tagging switched off in the account, when the account is read, then readAccount says so', async ({ local }) => {
  const port = local.open();
  assert.equal(thenOk(await port.readAccount(account)), { ...account, currency: 'EUR', autoTagging: true });
  local.server.setAutoTagging(LOCAL_CUSTOMER, false);
  assert.equal(thenOk(await port.readAccount(account)), { ...account, currency: 'EUR', autoTagging: false });
});

test('given a revoked refresh token, when called, then the credentials are refused, not retried, and no token is in the error', async ({ local, spec }) => {
  local.server.revoke(local.config.refreshToken);
  const error = thenFailed(await local.open().ensureCampaign(spec), 'platform.invalid', false);
  assert.match(error.message, 'refused the credentials');
  assert.is(local.server.calls.token, 1, 'one refresh attempt');
  assert.not.match(JSON.stringify(error), local.config.refreshToken);
  assert.not.match(JSON.stringify(error), local.config.clientSecret);
});

test.run();
