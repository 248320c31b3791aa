// A platform on a bad day: it never answers, answers garbage, or its adapter throws. The
// launch records a retryable failure and goes on; other tenants' launches are not held up.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PlatformPort } from '../../connectors/platforms/port.ts';
import type { SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { dataOf, launchRig, launchVersion, seedTenant, stream } from '../support/launchRig.ts';

const t = suite('launch saga: platforms on a bad day');

// The sandbox, except that ensureCampaign for tenant `slow` does what `misbehave` says.
function misbehaving(sandbox: SandboxPlatform, misbehave: () => Promise<unknown>): PlatformPort {
  return new Proxy(sandbox, {
    get(target, prop, receiver) {
      if (prop !== 'ensureCampaign') return Reflect.get(target, prop, receiver);
      return (spec: Parameters<PlatformPort['ensureCampaign']>[0]) => (spec.key.tenantId === 'slow' ? misbehave() : target.ensureCampaign(spec));
    },
  });
}

const cases: [string, () => Promise<unknown>, RegExp][] = [
  ['never answers', () => new Promise(() => {}), /no answer within 100 ms/],
  ['answers garbage', async () => ({ ok: true, value: { campaignId: 42 } }), /not a result/],
  ['has an adapter that throws', async () => Promise.reject(new TypeError('cannot read properties of undefined')), /connector failed/],
];

for (const [what, misbehave, message] of cases) {
  t(`given a platform that ${what} for one tenant, then that launch records a retryable failure and another tenant's goes live meanwhile`, async () => {
    const rig = await launchRig({ platformFor: (_p, sandbox) => misbehaving(sandbox, misbehave), callTimeoutMs: 100 });
    try {
      await seedTenant(rig, 'slow');
      await seedTenant(rig, 'fast');
      rig.startSaga();
      await launchVersion(rig, [{ id: 's1' }], { tenantId: 'slow' });
      await launchVersion(rig, [{ id: 's1' }], { tenantId: 'fast' });
      await rig.settle();
      const [failed] = dataOf(await rig.events(stream(1, 'slow')), 'mutation.failed');
      assert.equal([failed?.code, failed?.retryable, failed?.final], ['platform.unavailable', true, false], JSON.stringify(failed));
      assert.match(String(failed?.message), message);
      assert.equal(dataOf(await rig.events(stream(1, 'fast')), 'launch.completed').map((d) => d.outcome), ['live']);
    } finally {
      await rig.close();
    }
  });
}

t('given a saga that loses its lease, then it sends nothing to a platform until the lease is its own again', async () => {
  let ours = true;
  const coordination = { acquireLease: async () => ours, releaseLease: async () => undefined };
  const rig = await launchRig({ coordination, leaseRenewMs: 10 });
  try {
    await seedTenant(rig);
    rig.startSaga();
    await rig.settle();
    ours = false;
    await new Promise((r) => setTimeout(r, 50));
    await launchVersion(rig, [{ id: 's1' }]);
    await rig.settle();
    const key = { tenantId: 'acme', planId: 'winter', version: 1, platform: 'google_ads' as const, logicalCampaignKey: 'google_ads:sales' };
    assert.is(rig.sandbox.creations(key), 0, 'nothing created without the lease');
    assert.equal(dataOf(await rig.events(stream()), 'launch.completed'), []);
    ours = true;
    await new Promise((r) => setTimeout(r, 50));
    await rig.passTime(5000);
    assert.equal(dataOf(await rig.events(stream()), 'launch.completed').map((d) => d.outcome), ['live']);
    assert.is(rig.sandbox.creations(key), 1);
  } finally {
    await rig.close();
  }
});

t.run();
