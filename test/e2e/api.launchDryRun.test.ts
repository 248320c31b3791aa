// POST /api/launches/:tenantId/:planId/:version/dry-run: what a launch would do, changing nothing.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { lineItem, planner, viewer } from '../support/harness.ts';
import { tempDir } from '../support/tempDir.ts';
import { actorHeaders, approveStep, assertError, openApi, planSteps, send, tenantSteps, withoutAppending, type Api } from './http.ts';

const t = suite('api: launch dry run');
const sandbox = openSandboxPlatform(join(tempDir('dry-run'), 'sandbox.db'));
const platforms = { limiter: createRateLimiter(), platformFor: () => sandbox };
const dryRun = (api: Api, url: string, actor = planner, tenantId = 'acme') => api.app.inject({ method: 'POST', url, headers: actorHeaders(actor, tenantId) });
const URL = '/api/launches/acme/winter/1/dry-run';

t('an approved version: each campaign checked by QC and the platform, a line item without a creative named, nothing created or appended', async () => {
  const api = await openApi({ platforms });
  try {
    const withCreative = { ...lineItem('brand', 'google_ads', 'traffic'), creativeAssetId: 'banner-1', landingUrl: 'https://acme.example/brand' };
    await send(api, [...tenantSteps, planSteps[0]!, [planner, 'plan.add_line_item', { planId: 'winter', ...withCreative }], ...planSteps.slice(1), approveStep]);
    const res = await withoutAppending(api, () => dryRun(api, URL));
    assert.is(res.statusCode, 200, res.body);
    const { campaigns } = res.json() as { campaigns: { logicalCampaignKey: string; verdict: string; reasons: { code: string }[] }[] };
    assert.equal(campaigns.map((c) => [c.logicalCampaignKey, c.verdict, c.reasons.map((r) => r.code)]), [
      ['google_ads:traffic', 'would_create', []],
      ['google_ads:sales', 'refused', ['launch.creative_missing']],
    ]);
    const listed = await sandbox.listCampaigns({ platform: 'google_ads', accountId: '111-222-3333' }, '');
    assert.equal(listed.ok && listed.value, [], 'the dry run created nothing');
    assertError(await dryRun(api, '/api/launches/acme/winter/9/dry-run'), 404, 'launch.version_not_found');
    assertError(await dryRun(api, URL, viewer), 403);
    assertError(await dryRun(api, '/api/launches/globex/winter/1/dry-run', { type: 'user', id: 'ben', role: 'client-admin' }, 'acme'), 404, 'tenant.not_found');
  } finally {
    await api.close();
  }
});

t('a version not approved yet is refused with 422', async () => {
  const api = await openApi({ platforms });
  try {
    await send(api, [...tenantSteps, ...planSteps]);
    assertError(await dryRun(api, URL), 422, 'launch.version_not_approved');
  } finally {
    await api.close();
  }
});

t.after(async () => sandbox.close());
t.run();
