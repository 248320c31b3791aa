// The Meta adapter against the local Graph server: what Meta receives on a create, how its
// refusals, rate limits, paging, report runs and a lost answer come back. Everything here
// runs against test/support/metaGraphServer.ts, never against Meta itself.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import type { MetaOptions } from '../../connectors/platforms/meta/platform.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { metaUnderTest, TEST_RETRY_DELAYS_MS, type MetaUnderTest } from '../support/metaPlatformUnderTest.ts';
import { aSpec, thenFailed, thenOk } from '../support/platforms.ts';

interface Ctx {
  t: MetaUnderTest;
  slept: number[];
  spec: (o?: { planId?: string; objective?: 'traffic' | 'sales' | 'leads' }) => ReturnType<typeof aSpec>;
}
const NOW = new Date('2027-02-15T12:00:00Z');
const test = suite<Ctx>('meta adapter on a local Graph server');
test.before.each(async (ctx) => {
  ctx.slept = [];
  // The clock stands still and sleeping is only written down, so waits are checked, not spent.
  const options: MetaOptions = { now: () => NOW, sleep: async (ms) => void ctx.slept.push(ms) };
  ctx.t = await metaUnderTest(options);
  const tenantId = `t${uniqueSuffix()}`;
  ctx.spec = (o = {}) => aSpec({ platform: 'meta', accountId: ctx.t.accountId, tenantId, ...o });
});
test.after.each(async (ctx) => ctx.t.close());

const batched = (t: MetaUnderTest, edge: string) => t.server.received(t.token).filter((r) => r.inBatch && r.path.endsWith(`/${edge}`));

test('given a new key, when ensured, then Meta receives one batch: the key as an ad label, the budget in cents, url_tags with utm_campaign={{campaign.id}}', async ({ t, spec }) => {
  const made = thenOk(await t.meta.ensureCampaign(spec()));
  assert.is(made.outcome, 'created');
  assert.is(t.server.received(t.token).filter((r) => r.method === 'POST' && !r.inBatch).length, 1, 'one HTTP request creates everything');
  const [campaign] = batched(t, 'campaigns');
  assert.equal(JSON.parse(String(campaign!.params.adlabels)), [{ name: idempotencyLabel(spec().key) }, { name: 'kobi_written_enabled_310000000' }], 'the key, and the record of what we wrote');
  assert.equal([campaign!.params.objective, campaign!.params.special_ad_categories], ['OUTCOME_TRAFFIC', '[]']);
  const [adset] = batched(t, 'adsets');
  assert.equal([adset!.params.lifetime_budget, adset!.params.start_time, adset!.params.end_time], ['31000', '2027-01-01T00:00:00', '2027-02-01T00:00:00'], '310 EUR is 31000 cents over the flight');
  assert.is(adset!.params.campaign_id, made.campaignId, 'the ad set took the campaign id from the batch reference');
  const creatives = batched(t, 'adcreatives');
  assert.equal(creatives.map((c) => new URLSearchParams(String(c.params.url_tags)).get('utm_campaign')), ['{{campaign.id}}', '{{campaign.id}}']);
  assert.equal(creatives.map((c) => JSON.parse(String(c.params.object_story_spec)).link_data.link), ['https://shop.example/spring', 'https://shop.example/summer']);
  assert.equal(batched(t, 'ads').map((a) => JSON.parse(String(a.params.adlabels))), [[{ name: 'kobi_ad_a1' }], [{ name: 'kobi_ad_a2' }]]);
});

test('given a policy refusal, when ensured, then it is policy_disapproved with Meta\'s user message kept and the token nowhere in the error', async ({ t, spec }) => {
  const userMsg = 'Your ad goes against our Advertising Policies on misleading claims.';
  t.server.arm(t.token, { kind: 'refuse', error: { message: 'Invalid parameter', type: 'OAuthException', code: 368, error_user_title: 'Ad Rejected', error_user_msg: userMsg, fbtrace_id: 'AbcTrace' } });
  const error = thenFailed(await t.meta.ensureCampaign(spec()), 'platform.policy_disapproved', false);
  assert.ok(error.platformMessage?.includes(userMsg), `platformMessage keeps Meta's words: ${error.platformMessage}`);
  assert.not.ok(JSON.stringify(error).includes(t.token), `the access token leaked: ${JSON.stringify(error)}`);
});

test('given an expired token, a non-JSON 502 and a dropped connection, when called, then each is a value naming its cause with no token in it', async ({ t, spec }) => {
  t.server.arm(t.token, { kind: 'refuse', error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 } });
  const expired = thenFailed(await t.meta.readAccount({ platform: 'meta', accountId: t.accountId }), 'platform.invalid', false);
  assert.match(expired.message, /credentials/);
  t.server.arm(t.token, { kind: 'bad_gateway' }, { times: TEST_RETRY_DELAYS_MS.length + 1 });
  const gateway = thenFailed(await t.meta.readAccount({ platform: 'meta', accountId: t.accountId }), 'platform.unavailable', true);
  t.server.arm(t.token, { kind: 'lost_response' }, { times: TEST_RETRY_DELAYS_MS.length + 1 });
  const lost = thenFailed(await t.meta.readAccount({ platform: 'meta', accountId: t.accountId }), 'platform.unavailable', true);
  for (const e of [expired, gateway, lost]) assert.not.ok(JSON.stringify(e).includes(t.token), `the access token leaked: ${JSON.stringify(e)}`);
  thenOk(await t.meta.ensureCampaign(spec()), 'the adapter works again once Meta does');
});

test('given two transient 500s, when a campaign is read, then the adapter retries after 1, 2 units of backoff and succeeds', async (ctx) => {
  const { t, spec } = ctx;
  const made = thenOk(await t.meta.ensureCampaign(spec()));
  ctx.slept.length = 0;
  t.server.arm(t.token, { kind: 'unavailable' }, { times: 2 });
  thenOk(await t.meta.readCampaign({ platform: 'meta', accountId: t.accountId, campaignId: made.campaignId }));
  assert.equal(ctx.slept, [1, 2]);
});

test('given usage above 75%, when calls follow, then each waits before going out; given a block with a regain estimate, then calls fail fast until it passes', async (ctx) => {
  const { t } = ctx;
  const account = { platform: 'meta' as const, accountId: t.accountId };
  t.server.setUsage(t.token, { callCount: 90, resetSeconds: 300 });
  thenOk(await t.meta.readAccount(account));
  assert.equal(ctx.slept, [], 'the first call had no usage to go by');
  thenOk(await t.meta.readAccount(account));
  assert.equal(ctx.slept, [5], 'the next call waited the slowdown (5 ms in tests, 2 s by default)');
  assert.is(t.meta.usage()?.percent, 90, 'the caller can read the usage for its own limiter');
  t.server.setUsage(t.token, { callCount: 10 });
  t.server.arm(t.token, { kind: 'rate_limited', code: 80004, regainMinutes: 2 });
  const limited = thenFailed(await t.meta.readAccount(account), 'platform.rate_limited', true);
  assert.is(limited.retryAfterMs, 120_000, 'estimated_time_to_regain_access is in minutes');
  const before = t.server.received(t.token).length;
  const fast = thenFailed(await t.meta.readAccount(account), 'platform.rate_limited', true);
  assert.is(t.server.received(t.token).length, before, 'no call reached Meta while access is cut off');
  assert.ok((fast.retryAfterMs ?? 0) > 0 && (fast.retryAfterMs ?? 0) <= 120_000);
});

test('given a short rate limit (reset within the backoff), when called, then the adapter waits it out and succeeds', async (ctx) => {
  const { t } = ctx;
  t.server.arm(t.token, { kind: 'rate_limited', code: 17, resetSeconds: 0.003 });
  thenOk(await t.meta.readAccount({ platform: 'meta', accountId: t.accountId }));
  assert.equal(ctx.slept.slice(0, 1), [3], 'waited the 3 ms reset, longer than the first 1 ms backoff');
});

test('given more campaigns than a page holds, when listed by prefix, then every page is followed through paging.next', async ({ t, spec }) => {
  const made = [spec({ objective: 'traffic' }), spec({ objective: 'sales' }), spec({ objective: 'leads' })].map((s) => s);
  const ids = [];
  for (const s of made) ids.push(thenOk(await t.meta.ensureCampaign(s)).campaignId);
  const tenantPrefix = made[0]!.name.split('_meta_')[0]! + '_';
  const listed = thenOk(await t.meta.listCampaigns({ platform: 'meta', accountId: t.accountId }, tenantPrefix));
  assert.equal(listed.map((c) => c.campaignId).sort(), ids.sort());
  const pages = t.server.received(t.token).filter((r) => r.method === 'GET' && r.path.endsWith('/campaigns') && r.params.after !== undefined);
  assert.ok(pages.length >= 1, 'a second page was asked for with the after cursor');
});

test('given ads with delivery, when three days are fetched, then rows come per ad and day over several pages, with spend, conversions and value in micros', async ({ t, spec }) => {
  thenOk(await t.meta.ensureCampaign(spec()));
  const rows = thenOk(await t.meta.fetchDailyPerformance({ platform: 'meta', accountId: t.accountId }, '2027-01-01', '2027-01-03'));
  assert.is(rows.length, 6, 'two ads on three days');
  assert.ok(t.server.received(t.token).filter((r) => r.path.endsWith('/insights') && r.params.after !== undefined).length >= 2, 'pages 2 and 3 were followed');
  const first = rows.find((r) => r.date === '2027-01-01')!;
  assert.equal([first.impressions, first.reach, first.clicks, first.costMicros, first.conversions, first.conversionValueMicros, first.currency], [1000, 800, 20, 12_340_000, 2, 40_500_000, 'EUR']);
  assert.equal(first.attribution, { window: '7d_click_1d_view', reportTime: 'impression' });
  assert.equal([...new Set(rows.map((r) => r.date))].sort(), ['2027-01-01', '2027-01-02', '2027-01-03']);
  assert.not.ok(t.server.received(t.token).some((r) => r.method === 'POST' && r.path.endsWith('/insights')), 'a short range is read directly');
});

test('given a range longer than the threshold, when fetched, then an async report run is started, polled to Job Completed and read', async ({ t, spec }) => {
  thenOk(await t.meta.ensureCampaign(spec()));
  const rows = thenOk(await t.meta.fetchDailyPerformance({ platform: 'meta', accountId: t.accountId }, '2027-01-01', '2027-03-31'));
  assert.is(rows.length, 62, 'two ads on the 31 days of the flight');
  const got = t.server.received(t.token);
  const started = got.filter((r) => r.method === 'POST' && r.path.endsWith('/insights'));
  assert.is(started.length, 1);
  const runId = [...t.server.store.objects.values()].find((o) => o.kind === 'report_run')!.id;
  assert.is(got.filter((r) => r.method === 'GET' && r.path === runId).length, 2, 'polled until the second poll said Job Completed');
  assert.ok(got.some((r) => r.path === `${runId}/insights`), 'the rows were read from the report run');
});

test('given a create whose answer was lost, when ensured again by the same adapter, then the batch is not resent and the campaign is found by its key', async ({ t, spec }) => {
  t.server.arm(t.token, { kind: 'lost_response' }, { method: 'POST' });
  thenFailed(await t.meta.ensureCampaign(spec()), 'platform.unavailable', true);
  assert.is(t.server.received(t.token).filter((r) => r.method === 'POST' && !r.inBatch).length, 1, 'a create without an answer is never repeated blindly');
  assert.is(t.server.creations(idempotencyLabel(spec().key)), 1, 'Meta did create it');
  const again = thenOk(await t.meta.ensureCampaign(spec()));
  assert.is(again.outcome, 'unchanged');
  assert.is(t.server.creations(idempotencyLabel(spec().key)), 1);
  assert.equal(again.adGroups[0]!.ads.map((a) => a.id.length > 0), [true, true]);
});

test('given a hand pause and budget edit, when a restarted adapter ensures, then it still reports them as drift (the record of our writes lives on the campaign)', async ({ t, spec }) => {
  const made = thenOk(await t.meta.ensureCampaign(spec()));
  const ref = { platform: 'meta' as const, accountId: t.accountId, campaignId: made.campaignId };
  thenOk(await t.meta.setBudget(ref, { amountMicros: 400_000_000, currency: 'EUR', period: 'total' }));
  await t.editByHand(ref, { status: 'paused', budgetMicros: 500_000_000 });
  const again = thenOk(await t.open().ensureCampaign(spec()));
  assert.equal(
    [...again.drift].sort((a, b) => a.field.localeCompare(b.field)),
    [
      { field: 'budget', lastWritten: 400_000_000, found: 500_000_000 },
      { field: 'status', lastWritten: 'enabled', found: 'paused' },
    ],
  );
  const read = thenOk(await t.meta.readCampaign(ref));
  assert.equal([read.budget.amountMicros, read.status], [310_000_000, 'paused'], 'the plan\'s budget is back; the status stays as found');
  assert.ok(read.labels.includes('kobi_written_enabled_310000000'), `the record follows the write: ${read.labels.join(', ')}`);
});

test('given an app that requires appsecret_proof, when the adapter has the app secret, then its calls (reads, batch, paging) are accepted; without it they are refused', async ({ t, spec }) => {
  t.server.requireAppSecretProof(t.token, 'app-secret-1');
  thenFailed(await t.meta.readAccount({ platform: 'meta', accountId: t.accountId }), 'platform.invalid', false);
  const withProof = t.open({}, 'app-secret-1');
  thenOk(await withProof.ensureCampaign(spec()));
  thenOk(await withProof.listCampaigns({ platform: 'meta', accountId: t.accountId }, 'kobi_'));
  thenOk(await withProof.fetchDailyPerformance({ platform: 'meta', accountId: t.accountId }, '2027-01-01', '2027-01-03'));
});

test.run();
