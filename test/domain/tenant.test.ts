import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { given } from './given.ts';
import { feed, launchRecorded, linked, tenantCreated, tracking } from './fixtures.ts';

const create = suite('tenant: create');

create('creating a tenant records its name, currency and time zone', () =>
  given()
    .when({ type: 'tenant.create', data: { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' } })
    .then({ type: 'tenant.created', data: { tenantId: 'acme', name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' } }));

create('a tenant cannot be created twice', () =>
  given(tenantCreated)
    .when({ type: 'tenant.create', data: { name: 'Acme again', currency: 'EUR', timezone: 'UTC' } })
    .thenRefused('tenant.already_exists', 'conflict'));

create('an unknown time zone or a lower-case currency is invalid input', () => {
  given().when({ type: 'tenant.create', data: { name: 'Acme', currency: 'EUR', timezone: 'Mars/Olympus' } }).thenRefused('command.invalid', 'invalid');
  given().when({ type: 'tenant.create', data: { name: 'Acme', currency: 'eur', timezone: 'UTC' } }).thenRefused('command.invalid', 'invalid');
});

create('any other command on a tenant that does not exist is not found', () =>
  given().when({ type: 'tenant.report_feed_health', data: { criticalErrors: 0, warnings: 0 } }).thenRefused('tenant.not_found', 'not_found'));

create('a new tenant starts cautious: tracking red, approval always, four-eyes on', () =>
  given()
    .when({ type: 'tenant.create', data: { name: 'Acme', currency: 'EUR', timezone: 'UTC' } })
    .thenState((t) => {
      assert.is(t.tracking.status, 'red');
      assert.equal(t.policy, { launchApproval: 'always', fourEyes: true, spendChangeThresholdPct: 20 });
      assert.equal(t.feed, { criticalErrors: 0, warnings: 0 });
      assert.is(t.guardrails, undefined);
      assert.is(t.consent.profile, 'strict');
    }));

create.run();

const accounts = suite('tenant: platform accounts');

accounts('linking an account for a platform records it', () =>
  given(tenantCreated)
    .when({ type: 'tenant.link_platform_account', data: { platform: 'meta', accountId: 'act_42', accountName: 'Acme EU' } })
    .thenState((t) => assert.equal(t.accounts.meta, { accountId: 'act_42', accountName: 'Acme EU' })));

accounts('a second account on the same platform is refused, naming the linked one', () =>
  given(tenantCreated, linked('meta', 'act_42'))
    .when({ type: 'tenant.link_platform_account', data: { platform: 'meta', accountId: 'act_99', accountName: 'Other' } })
    .thenRefused('tenant.platform_already_linked', 'refused', /meta account act_42/));

accounts('linking the identical account again is refused too', () =>
  given(tenantCreated, linked('meta', 'act_42'))
    .when({ type: 'tenant.link_platform_account', data: { platform: 'meta', accountId: 'act_42', accountName: 'Acme on meta' } })
    .thenRefused('tenant.platform_already_linked'));

accounts('one account per platform still allows one on each platform', () =>
  given(tenantCreated, linked('meta'))
    .when({ type: 'tenant.link_platform_account', data: { platform: 'tiktok', accountId: 'tt-1', accountName: 'Acme TT' } })
    .then({ type: 'tenant.platform_account_linked', data: { platform: 'tiktok', accountId: 'tt-1', accountName: 'Acme TT' } }));

accounts('unlinking records which account went, and frees the platform', () => {
  given(tenantCreated, linked('meta', 'act_42'))
    .when({ type: 'tenant.unlink_platform_account', data: { platform: 'meta' } })
    .then({ type: 'tenant.platform_account_unlinked', data: { platform: 'meta', accountId: 'act_42' } });
  given(tenantCreated, linked('meta', 'act_42'), { type: 'tenant.platform_account_unlinked', data: { platform: 'meta', accountId: 'act_42' } })
    .when({ type: 'tenant.link_platform_account', data: { platform: 'meta', accountId: 'act_99', accountName: 'New' } })
    .thenState((t) => assert.is(t.accounts.meta?.accountId, 'act_99'));
});

accounts('unlinking a platform that is not linked is refused', () =>
  given(tenantCreated).when({ type: 'tenant.unlink_platform_account', data: { platform: 'dv360' } }).thenRefused('tenant.platform_not_linked'));

accounts.run();

const health = suite('tenant: tracking and feed health');

health('GA4 tracking health is recorded with its detail', () =>
  given(tenantCreated)
    .when({ type: 'tenant.report_tracking_health', data: { status: 'green', source: 'ga4', detail: 'purchase events flowing' } })
    .thenState((t) => assert.equal(t.tracking, { status: 'green', detail: 'purchase events flowing' })));

health('only GA4 is a tracking source', () =>
  given(tenantCreated).when({ type: 'tenant.report_tracking_health', data: { status: 'green', source: 'ga4x' as 'ga4' } }).thenRefused('command.invalid'));

health('the latest report wins', () =>
  given(tenantCreated, tracking('green'))
    .when({ type: 'tenant.report_tracking_health', data: { status: 'amber', source: 'ga4' } })
    .thenState((t) => assert.is(t.tracking.status, 'amber')));

health('feed health records critical errors and warnings', () =>
  given(tenantCreated, feed(3, 10))
    .when({ type: 'tenant.report_feed_health', data: { criticalErrors: 0, warnings: 2 } })
    .then({ type: 'tenant.feed_health_reported', data: { criticalErrors: 0, warnings: 2 } }));

health('negative error counts are invalid', () =>
  given(tenantCreated).when({ type: 'tenant.report_feed_health', data: { criticalErrors: -1, warnings: 0 } }).thenRefused('command.invalid'));

health.run();

const settings = suite('tenant: policy, guardrails, KPIs, consent');

settings('approval policy is replaced as a whole', () =>
  given(tenantCreated)
    .when({ type: 'tenant.set_approval_policy', data: { launchApproval: 'first_launch', fourEyes: false, spendChangeThresholdPct: 35 } })
    .thenState((t) => assert.equal(t.policy, { launchApproval: 'first_launch', fourEyes: false, spendChangeThresholdPct: 35 })));

settings('an unknown launch-approval mode is invalid', () =>
  given(tenantCreated)
    .when({ type: 'tenant.set_approval_policy', data: { launchApproval: 'sometimes' as 'never', fourEyes: true, spendChangeThresholdPct: 20 } })
    .thenRefused('command.invalid'));

settings('guardrails record budget, bid and hard daily cap limits', () =>
  given(tenantCreated)
    .when({ type: 'tenant.set_guardrails', data: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 500_000_000 } })
    .then({ type: 'tenant.guardrails_set', data: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 500_000_000 } }));

settings('a fractional micros cap is invalid', () =>
  given(tenantCreated)
    .when({ type: 'tenant.set_guardrails', data: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 1.5 } })
    .thenRefused('command.invalid'));

settings('KPI targets replace earlier targets; omitted ones are cleared', () =>
  given(tenantCreated, { type: 'tenant.kpi_targets_set', data: { targetCpaMicros: 12_000_000, targetRoas: 4 } })
    .when({ type: 'tenant.set_kpi_targets', data: { targetCtrPct: 1.5 } })
    .thenState((t) => assert.equal(t.kpi, { targetCtrPct: 1.5 })));

settings('consent profile with regions', () =>
  given(tenantCreated)
    .when({ type: 'tenant.set_consent_profile', data: { profile: 'balanced', regions: ['EEA', 'UK', 'TR'] } })
    .thenState((t) => assert.equal(t.consent, { profile: 'balanced', regions: ['EEA', 'UK', 'TR'] })));

settings.run();

const launches = suite('tenant: record launch');

launches('an accepted launch is recorded', () =>
  given(tenantCreated)
    .when({ type: 'tenant.record_launch', data: { planId: 'q3', version: 1 } })
    .thenState((t) => assert.equal(t.launches, ['q3:1'])));

launches('recording the same launch twice changes nothing', () =>
  given(tenantCreated, launchRecorded('q3', 1)).when({ type: 'tenant.record_launch', data: { planId: 'q3', version: 1 } }).then());

launches('another version of the same plan is a new launch', () =>
  given(tenantCreated, launchRecorded('q3', 1))
    .when({ type: 'tenant.record_launch', data: { planId: 'q3', version: 2 } })
    .then({ type: 'tenant.launch_recorded', data: { planId: 'q3', version: 2 } }));

launches.run();
