// Platform-side refusals: what the sandbox turns down before storing anything, each at its
// limit (the last accepted value passes, the next is refused).
import * as assert from 'uvu/assert';
import { GOOGLE_NAME_MAX, META_NAME_MAX } from '../../connectors/platforms/sandbox/rules.ts';
import { GOOGLE_MIN_DAILY_BUDGET_MICROS, META_MIN_DAILY_BUDGET_MICROS_IMPRESSIONS, META_MIN_DAILY_BUDGET_MICROS_OTHER } from '../../domain/launch/platformLimits.ts';
import type { AdSpec, CampaignSpec } from '../../connectors/platforms/port.ts';
import { aSpec, sandboxSuite, thenFailed, thenOk } from '../support/platforms.ts';

const t = sandboxSuite('sandbox: platform-side validation');

const google = (o: { tenantId?: string; planId?: string } = {}) => aSpec({ platform: 'google_ads', accountId: 'g1', tenantId: o.tenantId ?? 'acme', ...(o.planId ? { planId: o.planId } : {}) });
const meta = (o: { tenantId?: string; planId?: string; objective?: 'awareness' | 'traffic' } = {}) =>
  aSpec({ platform: 'meta', accountId: 'act_1', tenantId: o.tenantId ?? 'acme', ...(o.planId ? { planId: o.planId } : {}), ...(o.objective ? { objective: o.objective } : {}) });
const withAd = (spec: CampaignSpec, change: (ad: AdSpec) => AdSpec): CampaignSpec => ({
  ...spec,
  adGroups: [{ ...spec.adGroups[0]!, ads: [change(spec.adGroups[0]!.ads[0]!)] }],
});
const daily = (spec: CampaignSpec, amountMicros: number): CampaignSpec => ({ ...spec, budget: { ...spec.budget, amountMicros, period: 'daily' } });

t('auto-tagging is on for a Google account until someone switches it off, and stays as set after a restart', async ({ sandbox }) => {
  const account = { platform: 'google_ads' as const, accountId: '111-222-3333' };
  assert.is(thenOk(await sandbox.readAccount(account)).autoTagging, true);
  sandbox.setAutoTagging(account, false);
  assert.is(thenOk(await sandbox.readAccount(account)).autoTagging, false);
  assert.is(thenOk(await sandbox.readAccount({ platform: 'meta', accountId: 'act_1' })).autoTagging, undefined);
});

t('Google names: 255 characters pass, 256 are refused as invalid', async ({ sandbox }) => {
  thenOk(await sandbox.ensureCampaign({ ...google({ planId: 'p1' }), name: 'g'.repeat(GOOGLE_NAME_MAX) }));
  const e = thenFailed(await sandbox.ensureCampaign({ ...google({ planId: 'p2' }), name: 'g'.repeat(GOOGLE_NAME_MAX + 1) }), 'platform.invalid', false);
  assert.is(e.platformMessage, 'StringLengthError.TOO_LONG');
});

t('Meta names: 400 characters pass, 401 are refused as invalid', async ({ sandbox }) => {
  thenOk(await sandbox.ensureCampaign({ ...meta({ planId: 'p1' }), name: 'm'.repeat(META_NAME_MAX) }));
  thenFailed(await sandbox.ensureCampaign({ ...meta({ planId: 'p2' }), name: 'm'.repeat(META_NAME_MAX + 1) }), 'platform.invalid', false);
});

t('budget minimums per day: Google, Meta awareness and Meta other objectives, each at its limit', async ({ sandbox }) => {
  thenOk(await sandbox.ensureCampaign(daily(google({ planId: 'p1' }), GOOGLE_MIN_DAILY_BUDGET_MICROS)));
  thenFailed(await sandbox.ensureCampaign(daily(google({ planId: 'p2' }), GOOGLE_MIN_DAILY_BUDGET_MICROS - 10_000)), 'platform.budget_rejected', false);
  thenOk(await sandbox.ensureCampaign(daily(meta({ planId: 'p1', objective: 'awareness' }), META_MIN_DAILY_BUDGET_MICROS_IMPRESSIONS)));
  thenFailed(await sandbox.ensureCampaign(daily(meta({ planId: 'p2', objective: 'traffic' }), META_MIN_DAILY_BUDGET_MICROS_IMPRESSIONS)), 'platform.budget_rejected', false);
  thenOk(await sandbox.ensureCampaign(daily(meta({ planId: 'p3', objective: 'traffic' }), META_MIN_DAILY_BUDGET_MICROS_OTHER)));
});

t('a total budget is judged per day of its flight', async ({ sandbox }) => {
  const spec = google();
  const days = 31;
  thenOk(await sandbox.validate({ ...spec, budget: { ...spec.budget, amountMicros: GOOGLE_MIN_DAILY_BUDGET_MICROS * days } }));
  thenFailed(await sandbox.validate({ ...spec, budget: { ...spec.budget, amountMicros: GOOGLE_MIN_DAILY_BUDGET_MICROS * days - 10_000 } }), 'platform.budget_rejected', false);
});

t('Google budgets must be whole cents', async ({ sandbox }) => {
  thenFailed(await sandbox.validate(daily(google(), 5_000_001)), 'platform.invalid', false);
});

t('Google refuses utm_ anywhere: final URL, suffix, custom parameter', async ({ sandbox }) => {
  const tracking = google().adGroups[0]!.ads[0]!.tracking;
  if (tracking.mode !== 'auto_tagging') return assert.unreachable('google tracking is auto-tagging');
  thenFailed(await sandbox.validate(withAd(google(), (ad) => ({ ...ad, finalUrl: 'https://shop.example/?UTM_source=x' }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(google(), (ad) => ({ ...ad, tracking: { ...tracking, finalUrlSuffix: 'utm_medium=cpc' } }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(google(), (ad) => ({ ...ad, tracking: { ...tracking, customParameters: { kcid: 'utm_x' } } }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(google(), (ad) => ({ ...ad, tracking: { mode: 'utm', urlTags: 'utm_campaign=1' } }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(google(), (ad) => ({ ...ad, tracking: { ...tracking, customParameters: { 'k-cid': '1' } } }))), 'platform.invalid', false);
  thenOk(await sandbox.validate(google()));
});

t('Meta requires utm_campaign in the url tags and refuses auto-tagging', async ({ sandbox }) => {
  thenFailed(await sandbox.validate(withAd(meta(), (ad) => ({ ...ad, tracking: { mode: 'utm', urlTags: 'utm_source=meta&utm_medium=paid' } }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(meta(), (ad) => ({ ...ad, tracking: { mode: 'auto_tagging', customParameters: {} } }))), 'platform.invalid', false);
  thenOk(await sandbox.validate(meta()));
});

t('structure, flight and currency: empty ad groups, duplicate keys, bad URLs, reversed flights, a second currency', async ({ sandbox }) => {
  const spec = google();
  thenFailed(await sandbox.validate({ ...spec, adGroups: [] }), 'platform.invalid', false);
  thenFailed(await sandbox.validate({ ...spec, adGroups: [{ ...spec.adGroups[0]!, ads: [] }] }), 'platform.invalid', false);
  thenFailed(await sandbox.validate({ ...spec, adGroups: [spec.adGroups[0]!, spec.adGroups[0]!] }), 'platform.invalid', false);
  thenFailed(await sandbox.validate(withAd(spec, (ad) => ({ ...ad, finalUrl: 'ftp://shop.example' }))), 'platform.invalid', false);
  thenFailed(await sandbox.validate({ ...spec, flight: { startDate: '2027-02-01', endDate: '2027-01-01' } }), 'platform.invalid', false);
  thenFailed(await sandbox.validate({ ...spec, flight: { startDate: '2027-02-30', endDate: '2027-03-01' } }), 'platform.invalid', false);
  thenOk(await sandbox.ensureCampaign(spec));
  const dollars = { ...google({ planId: 'p2' }), budget: { ...spec.budget, currency: 'USD' } };
  thenFailed(await sandbox.ensureCampaign(dollars), 'platform.invalid', false);
});

t('a refused ensure stores nothing', async ({ sandbox }) => {
  thenFailed(await sandbox.ensureCampaign({ ...google(), name: 'x'.repeat(GOOGLE_NAME_MAX + 1) }), 'platform.invalid', false);
  assert.is(sandbox.creations(google().key), 0);
  assert.equal(thenOk(await sandbox.listCampaigns({ platform: 'google_ads', accountId: 'g1' }, '')), []);
});

t.run();
