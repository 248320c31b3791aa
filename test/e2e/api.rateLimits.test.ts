// GET /api/rate-limits: the launch saga's waits, in tenant scope.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import { admin, approver } from '../support/harness.ts';
import { assertError, openApi } from './http.ts';

const t = suite('api: rate-limit waits');

t('an agency role sees every tenant waiting; a client role only its own; another tenant is not found', async () => {
  // Meta's per-account bucket holds 5: the sixth call of each tenant waits (time stands still).
  const limiter = createRateLimiter({ timers: { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} } });
  for (const tenantId of ['acme', 'globex']) for (let i = 0; i < 6; i++) void limiter.acquire(tenantId, 'meta');
  const api = await openApi({ rateLimits: () => limiter.status() });
  try {
    const all = (await api.get(admin, '/api/rate-limits')).json() as { tenants: { tenantId: string; queued: number }[] };
    assert.equal(all.tenants.map((w) => [w.tenantId, w.queued]).sort(), [['acme', 1], ['globex', 1]]);
    const own = (await api.get(approver, '/api/rate-limits', 'acme')).json() as { tenants: { tenantId: string }[] };
    assert.equal(own.tenants.map((w) => w.tenantId), ['acme']);
    assertError(await api.get(approver, '/api/rate-limits?tenantId=globex', 'acme'), 404, 'tenant.not_found');
  } finally {
    await api.close();
  }
});

t.run();
