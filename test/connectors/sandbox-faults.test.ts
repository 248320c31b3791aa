// Injected faults: each answers with the code, retryable and retry-after the saga relies on,
// only for the platform and operation it was armed for, and only as many times as asked.
import * as assert from 'uvu/assert';
import type { SandboxFault } from '../../connectors/platforms/sandbox/faults.ts';
import type { PlatformErrorCode } from '../../connectors/platforms/port.ts';
import { aSpec, sandboxSuite, thenFailed, thenOk } from '../support/platforms.ts';

const t = sandboxSuite('sandbox: injected faults');

const google = (tenantId = 'acme') => aSpec({ platform: 'google_ads', accountId: '123-456-7890', tenantId });
const meta = (tenantId = 'acme') => aSpec({ platform: 'meta', accountId: 'act_1', tenantId });

const table: readonly [SandboxFault, PlatformErrorCode, boolean][] = [
  [{ kind: 'rate_limited', retryAfterMs: 30_000 }, 'platform.rate_limited', true],
  [{ kind: 'unavailable' }, 'platform.unavailable', true],
  [{ kind: 'down' }, 'platform.unavailable', true],
  [{ kind: 'lost_response' }, 'platform.unavailable', true],
  [{ kind: 'budget_rejected' }, 'platform.budget_rejected', false],
  [{ kind: 'payer_problem' }, 'platform.payer_problem', false],
  [{ kind: 'policy_disapproved' }, 'platform.policy_disapproved', false],
];

for (const [fault, code, retryable] of table) {
  t(`given ${fault.kind} armed on google_ads, when ensuring, then ${code} with retryable=${retryable} and the platform's words kept`, async ({ sandbox }) => {
    sandbox.inject({ platform: 'google_ads', operation: 'ensureCampaign', fault });
    const error = thenFailed(await sandbox.ensureCampaign(google()), code, retryable);
    assert.is(error.retryAfterMs, fault.kind === 'rate_limited' ? 30_000 : undefined, `retryAfterMs: ${JSON.stringify(error)}`);
    assert.ok(error.platformMessage?.startsWith('google_ads sandbox:'), `platformMessage: ${JSON.stringify(error)}`);
    assert.is(sandbox.creations(google().key), fault.kind === 'lost_response' ? 1 : 0, 'only a lost answer leaves a created campaign behind');
    assert.is(thenOk(await sandbox.ensureCampaign(google())).outcome, fault.kind === 'lost_response' ? 'unchanged' : 'created', 'the fault was used up');
  });
}

t('given meta down until cleared, when both platforms are called, then meta fails every time and google is untouched', async ({ sandbox }) => {
  sandbox.inject({ platform: 'meta', fault: { kind: 'down' }, times: Infinity });
  for (let i = 0; i < 3; i++) thenFailed(await sandbox.ensureCampaign(meta()), 'platform.unavailable', true);
  thenFailed(await sandbox.listCampaigns({ platform: 'meta', accountId: 'act_1' }, ''), 'platform.unavailable', true);
  assert.is(thenOk(await sandbox.ensureCampaign(google())).outcome, 'created');
  sandbox.clearFaults();
  assert.is(thenOk(await sandbox.ensureCampaign(meta())).outcome, 'created');
});

t('given a fault armed for one operation twice, when other operations run, then they pass and the fault hits its operation twice', async ({ sandbox }) => {
  const made = thenOk(await sandbox.ensureCampaign(google()));
  const ref = { platform: 'google_ads' as const, accountId: '123-456-7890', campaignId: made.campaignId };
  sandbox.inject({ operation: 'pause', fault: { kind: 'unavailable' }, times: 2 });
  thenOk(await sandbox.readCampaign(ref));
  thenFailed(await sandbox.pause(ref), 'platform.unavailable', true);
  thenFailed(await sandbox.pause(ref), 'platform.unavailable', true);
  assert.is(thenOk(await sandbox.readCampaign(ref)).status, 'enabled', 'a failed pause changed nothing');
  assert.is(thenOk(await sandbox.pause(ref)).status, 'paused');
});

t('given latency armed, when called, then the answer comes no sooner and is still right', async ({ sandbox }) => {
  sandbox.inject({ platform: 'google_ads', fault: { kind: 'latency', ms: 60 } });
  const started = performance.now();
  assert.is(thenOk(await sandbox.ensureCampaign(google())).outcome, 'created');
  assert.ok(performance.now() - started >= 55, `took ${performance.now() - started} ms`);
});

t('given latency and a failure armed together, when called, then it waits and then fails', async ({ sandbox }) => {
  sandbox.inject({ fault: { kind: 'latency', ms: 40 } });
  sandbox.inject({ fault: { kind: 'rate_limited', retryAfterMs: 5 } });
  const started = performance.now();
  thenFailed(await sandbox.readCampaign({ platform: 'meta', accountId: 'act_1', campaignId: 'x' }), 'platform.rate_limited', true);
  assert.ok(performance.now() - started >= 35, `took ${performance.now() - started} ms`);
});

t('given a platform the sandbox does not simulate, when called, then platform.invalid and not a throw', async ({ sandbox }) => {
  thenFailed(await sandbox.ensureCampaign({ ...google(), key: { ...google().key, platform: 'tiktok' } }), 'platform.invalid', false);
  thenFailed(await sandbox.listCampaigns({ platform: 'dv360', accountId: 'x' }, ''), 'platform.invalid', false);
});

t.run();
