// SIGKILL of the whole server (API, projectors, launch saga in one process), once while
// commands are in flight and once while a launch is being carried out on the sandbox. After
// a restart on the same DATA_DIR nothing acknowledged is lost or doubled, a command that got
// no answer can be sent again with its commandId and is applied at most once, and the launch
// finishes with exactly one campaign per idempotency key. (restart.test.ts proves the restarted
// server is ready at once; commands/sagaCrash.test.ts kills the saga alone, in its own process.)
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { checkSandbox } from '../../scripts/soak/checks/sandbox.ts';
import { tempDir } from '../support/tempDir.ts';
import { killAll, startProduct, type Product } from './processes.ts';
import { countInLog, launchPlans, soon } from './launchSetup.ts';
import { assertLogIntact, command, eventually, signIn, type Sent } from './storageFaults.ts';

type Ctx = { dir: string; product: Product; auth: Record<string, string> };
const t = suite<Ctx>('e2e: SIGKILL of the whole server under load');
const M = 1_000_000;
const start = (dir: string) => startProduct(dir, 60_000, { embedded: true, env: { DEMO: 'off', LOG_LEVEL: 'warn' } });

t.before(async (ctx) => {
  ctx.dir = tempDir('crash-load');
  ctx.product = await start(ctx.dir);
  ctx.auth = await signIn(ctx.product);
});
t.after(async (ctx) => {
  if (ctx.product?.alive()) await ctx.product.stop();
  killAll();
});

t('given commands in flight, when the server is SIGKILLed and restarted, then every acknowledged command is in the log once, and a resent unanswered one is applied at most once', async (ctx) => {
  const acknowledged = new Map<string, string>();
  const unanswered: { commandId: string; type: string; body: Record<string, unknown> }[] = [];
  let n = 0;
  let killing = false;
  const sender = async (lane: number) => {
    while (!killing) {
      const i = ++n;
      const tenantId = `crash${lane}`;
      const [type, data] = i <= 8 ? ['tenant.create', { name: `Crash ${lane}`, currency: 'EUR', timezone: 'Europe/Istanbul' }] : ['tenant.set_kpi_targets', { targetCpaMicros: (20 + i) * M, targetRoas: 3 }];
      const body = { tenantId, commandId: `crash-load-${i}-cmd`, data };
      const sent: Sent | undefined = await command(ctx.product, ctx.auth, type, body).catch(() => undefined);
      if (sent?.status === 201) acknowledged.set(body.commandId, `tenant-${tenantId}`);
      else if (!sent) unanswered.push({ commandId: body.commandId, type, body });
    }
  };
  // Each lane creates its tenant first (commands 1..8 are the creates, one per lane).
  const lanes = Array.from({ length: 8 }, (_, lane) => sender(lane));
  await eventually('40 acknowledged commands', async () => (acknowledged.size >= 40 ? true : undefined), 30_000);
  const killed = ctx.product.kill();
  killing = true;
  await Promise.all([killed, ...lanes]);
  ctx.product = await start(ctx.dir);

  await assertLogIntact(ctx.product, ctx.auth, acknowledged);
  for (const lost of unanswered) {
    const again = await command(ctx.product, ctx.auth, lost.type, lost.body);
    // 200: it had reached the log before the kill; 201: it had not; anything else is a refusal
    // (a set_kpi_targets for a tenant whose create never landed), which appends nothing.
    if (again.status === 200 || again.status === 201) acknowledged.set(lost.commandId, `tenant-${(lost.body.tenantId as string)}`);
  }
  await assertLogIntact(ctx.product, ctx.auth, acknowledged);
  console.log(`  crash under command load: ${acknowledged.size} acknowledged, ${unanswered.length} unanswered at the kill`);
});

const PLANS = ['c1', 'c2', 'c3', 'c4', 'c5'];

t('given 50 campaigns being launched on the sandbox, when the server is SIGKILLed mid-launch and restarted, then every launch completes once and each campaign exists once', async (ctx) => {
  await launchPlans(ctx.product, ctx.auth, 'launcher', PLANS);
  await soon('the first campaign on the sandbox', () => countInLog(ctx.dir, 'mutation.succeeded') > 0, 30_000);
  await ctx.product.kill();
  const atKill = countInLog(ctx.dir, 'mutation.succeeded');
  ctx.product = await start(ctx.dir);

  await soon('every launch completed', () => countInLog(ctx.dir, 'launch.completed') >= PLANS.length, 60_000);
  assert.is(await ctx.product.stop(), 0);
  const events = openSqliteEventStore(join(ctx.dir, 'events.db'));
  try {
    const sandbox = await checkSandbox(events, join(ctx.dir, 'sandbox-platforms.db'), 'launcher.');
    assert.ok(sandbox.ok, JSON.stringify(sandbox));
    assert.equal([sandbox.launchesRequested, sandbox.launchesCompleted, sandbox.campaignsInLog, sandbox.campaignsOnSandbox], [5, 5, 50, 50]);
    assert.is(countInLog(ctx.dir, 'launch.completed'), PLANS.length, 'one launch.completed per launch');
  } finally {
    await events.close();
  }
  // The kill must land while the launch is under way, not before it starts or after it ends.
  assert.ok(atKill > 0 && atKill < 50, `campaigns recorded when the server was killed: ${atKill} of 50`);
  console.log(`  crash during a launch: ${atKill} of 50 campaigns recorded at the kill`);
});

t.run();
