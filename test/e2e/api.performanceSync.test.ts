// POST /api/tenants/:tenantId/performance/sync: refusals answer clearly and record nothing.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { admin, approver } from '../support/harness.ts';
import { tempDir } from '../support/tempDir.ts';
import { actorHeaders, assertError, openApi, send, tenantSteps, withoutAppending, type Api } from './http.ts';

const t = suite('api: performance sync');
const sandbox = openSandboxPlatform(join(tempDir('perf-api'), 'sandbox.db'));
const platforms = { limiter: createRateLimiter(), platformFor: () => sandbox };
const sync = (api: Api, tenantId: string, body: unknown, actor = admin) =>
  api.app.inject({ method: 'POST', url: `/api/tenants/${tenantId}/performance/sync`, headers: actorHeaders(actor, 'acme'), payload: body as object });

t('bad input and bad scope get a clear answer and append nothing', async () => {
  const api = await openApi({ platforms });
  try {
    await send(api, tenantSteps);
    await withoutAppending(api, async () => {
      assertError(await sync(api, 'acme', { from: '2026-02-30', to: '2026-03-01' }), 400);
      assertError(await sync(api, 'acme', { from: '2024-01-01', to: '2025-06-01' }), 400, 'performance.range_too_long');
      assertError(await sync(api, 'acme', { from: '2098-12-01', to: '2099-01-01' }), 422, 'performance.future_day');
      assertError(await sync(api, 'ghost', { from: '2026-01-01', to: '2026-01-02' }), 404, 'tenant.not_found');
      assertError(await sync(api, 'acme', { from: '2026-01-01', to: '2026-01-02' }, approver), 403);
    });
    const ok = await sync(api, 'acme', { from: '2026-01-01', to: '2026-01-02' });
    assert.is(ok.statusCode, 200, ok.body);
    // The sandbox has never seen this account (no campaign ever made there): the account's error
    // is reported beside the others, and the sync itself answers.
    assert.equal((ok.json() as { accounts: { platform: string; error?: { code: string } }[] }).accounts.map((a) => [a.platform, a.error?.code]), [['google_ads', 'platform.not_found']]);
  } finally {
    await api.close();
  }
});

t.after(async () => sandbox.close());
t.run();
