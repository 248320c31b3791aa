// Crash safety of the launch saga: a child process launching 50 campaigns (five plans of ten)
// is SIGKILLed at random points and restarted, round after round, then left to finish. On the
// platforms there must be exactly one campaign per idempotency key, and in the log exactly
// one outcome per mutation and one launch.completed per launch.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Objective, Platform } from '../../domain/shared/values.ts';
import { runChild } from '../support/childProcess.ts';
import { launchRig, launchVersion, seedTenant, stream, type ItemSpec } from '../support/launchRig.ts';

const t = suite('launch saga crash safety');
const ROUNDS = 5;
const PLANS = ['p1', 'p2', 'p3', 'p4', 'p5'];
const OBJECTIVES: Objective[] = ['awareness', 'traffic', 'leads', 'sales', 'app_installs'];
const PLATFORMS: Platform[] = ['google_ads', 'meta'];
const child = join(import.meta.dirname, 'sagaChild.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t('given 50 campaigns being launched, when the saga is killed at random points and restarted, then each exists once and every launch completes once', async () => {
  const rig = await launchRig();
  try {
    await seedTenant(rig);
    const items: ItemSpec[] = PLATFORMS.flatMap((platform) => OBJECTIVES.map((objective) => ({ id: `${platform.slice(0, 1)}${objective.slice(0, 4)}`, platform, objective })));
    for (const planId of PLANS) await launchVersion(rig, items, { planId });

    const kills: number[] = [];
    const progress: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const run = runChild(child, rig.dir, String(PLANS.length));
      await run.line('working', 30_000);
      const after = Math.floor(Math.random() * 150);
      await sleep(after);
      run.kill();
      await run.exited;
      kills.push(after);
      progress.push((await rig.events()).filter((e) => e.type === 'mutation.succeeded').length);
    }
    // The kills must land while work is under way, not before it starts or after it ends.
    assert.ok(progress.some((n) => n > 0 && n < 50), `campaigns recorded after each kill: ${progress.join(', ')}`);
    console.log(`  saga crash: killed at ${kills.join(", ")} ms after work began; campaigns recorded by then: ${progress.join(", ")}`);
    const last = runChild(child, rig.dir, String(PLANS.length));
    await last.line('done', 90_000);
    assert.equal(await last.exited, { code: 0, signal: null });

    for (const planId of PLANS) {
      for (const platform of PLATFORMS) {
        for (const objective of OBJECTIVES) {
          const key = { tenantId: 'acme', planId, version: 1, platform, logicalCampaignKey: `${platform}:${objective}` };
          assert.is(rig.sandbox.creations(key), 1, `creations of ${JSON.stringify(key)} after kills at ${kills.join(', ')} ms`);
        }
      }
      const events = await rig.events(stream(1, 'acme', planId));
      const completed = events.filter((e) => e.type === 'launch.completed').map((e) => (e.data as { outcome: string }).outcome);
      assert.equal(completed, ['live'], `${planId}: one launch.completed`);
      const outcomes = events.filter((e) => e.type === 'mutation.succeeded' || e.type === 'mutation.failed').map((e) => (e.data as { mutationId: string }).mutationId);
      assert.is(new Set(outcomes).size, outcomes.length, `${planId}: one outcome per mutation`);
      assert.is(events.filter((e) => e.type === 'campaign.live').length, 10, `${planId}: ten campaigns live`);
    }
  } finally {
    await rig.close();
  }
});

t.run();
