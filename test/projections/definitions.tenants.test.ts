import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tenants } from '../../projections/definitions/tenants.ts';
import { feed, launchRecorded, linked, M, policy, tenantCreated, tracking } from '../domain/fixtures.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: tenants');

const history = projected([
  tenantCreated,
  linked('google_ads'),
  linked('meta'),
  { type: 'tenant.platform_account_unlinked', data: { platform: 'meta', accountId: 'meta-1' } },
  { type: 'tenant.tracking_health_reported', data: { status: 'amber', source: 'ga4', detail: 'purchase tag missing' } },
  tracking('green'),
  feed(2, 5),
  policy({ launchApproval: 'first_launch', fourEyes: false }),
  { type: 'tenant.guardrails_set', data: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 500 * M } },
  { type: 'tenant.kpi_targets_set', data: { targetCpaMicros: 12 * M, targetRoas: 4 } },
  { type: 'tenant.consent_profile_set', data: { profile: 'balanced', regions: ['EEA', 'UK'] } },
  launchRecorded('q3', 1),
  launchRecorded('q3', 2),
]);

t('one document per tenant with its settings, health and launches, as the aggregate folds them', async () => {
  const docs = await replayTwice(tenants, history);
  assert.equal([...docs.keys()], ['acme']);
  assert.equal(docs.get('acme'), {
    id: 'acme',
    tenantId: 'acme',
    name: 'Acme',
    currency: 'EUR',
    timezone: 'Europe/Istanbul',
    accounts: { google_ads: { accountId: 'google_ads-1', accountName: 'Acme on google_ads' } },
    tracking: { status: 'green' },
    feed: { criticalErrors: 2, warnings: 5 },
    policy: { launchApproval: 'first_launch', fourEyes: false, spendChangeThresholdPct: 20 },
    execution: { atomicLaunch: false, rollbackAction: 'pause' },
    guardrails: { maxBudgetChangePctPerDay: 20, maxBidChangePct: 15, hardDailyCapMicros: 500 * M },
    kpi: { targetCpaMicros: 12 * M, targetRoas: 4 },
    consent: { profile: 'balanced', regions: ['EEA', 'UK'] },
    launches: ['q3:1', 'q3:2'],
    launchCount: 2,
    credentials: {},
    alerts: { raised: [], open: [] },
    summaries: [],
    updatedAt: '2026-01-01T00:00:13.000Z',
    position: '13',
  });
});

t('given credentials stored and read, the document lists their metadata (kind, version, who, when, last access) and nothing else', async () => {
  const docs = await replay(tenants, projected([
    tenantCreated,
    linked('meta', 'act_42'),
    { type: 'tenant.platform_credentials_stored', data: { platform: 'meta', accountId: 'act_42', kind: 'system_user_token', version: 1 } },
    { type: 'tenant.platform_credentials_accessed', data: { platform: 'meta', accountId: 'act_42', purpose: 'launch', version: 1 }, actor: { type: 'system', id: 'saga', role: 'system' } },
  ]));
  const meta = (docs.get('acme')?.credentials as Record<string, Record<string, unknown>>).meta!;
  assert.equal(Object.keys(meta).sort(), ['accountId', 'kind', 'lastAccess', 'storedAt', 'storedBy', 'version']);
  assert.equal([meta.kind, meta.version, meta.storedBy], ['system_user_token', 1, 'ana']);
  assert.equal({ ...(meta.lastAccess as object), at: 'x' }, { at: 'x', by: 'saga', purpose: 'launch', version: 1 });
});

t('before any setting, the cautious defaults show and guardrails are absent, not undefined', async () => {
  const doc = (await replay(tenants, projected([tenantCreated]))).get('acme');
  assert.ok(doc && !('guardrails' in doc));
  assert.equal(doc?.tracking, { status: 'red' });
  assert.equal(doc?.policy, { launchApproval: 'always', fourEyes: true, spendChangeThresholdPct: 20 });
  assert.is(doc?.launchCount, 0);
});

t('an event already reflected in the document changes nothing (launches are not counted twice)', async () => {
  const docs = await replay(tenants, history);
  const last = history[history.length - 1]!;
  assert.equal(await tenants.apply(last, { get: async (id) => docs.get(id) }), []);
});

t.run();
