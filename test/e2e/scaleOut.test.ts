// DESIGN §8 on one machine: two stateless API instances (ROLE=api) and workers (`adledger
// worker`) on one event store and one document store (FerretDB where MONGO_URL is set, as in
// CI; else the SQLite files of the shared DATA_DIR). A user made on one instance signs in on
// the other; a command sent to one is read with ?after= on the other, and pushed to the
// other's websocket; SIGKILL of the working worker mid-launch hands its leases to the standby
// within seconds, the launch completes with each campaign once on the sandbox, and nothing is
// applied twice.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { openMongoDocumentStore } from '../../readmodels/documents/mongo.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { checkReadModels } from '../../scripts/soak/checks/readModels.ts';
import { rebuildFromLog } from '../../scripts/soak/checks/rebuild.ts';
import { tempDir } from '../support/tempDir.ts';
import { checkSandbox } from '../../scripts/soak/checks/sandbox.ts';
import { connectLive } from './live.ts';
import { CAMPAIGNS_PER_PLAN, countInLog, launchPlans, soon } from './launchSetup.ts';
import { killAll, mongoDatabaseFor, startProduct, startWorker, type Product, type Worker } from './processes.ts';
import { assertLogIntact, createTenant, eventually, signIn } from './storageFaults.ts';

type Ctx = { dir: string; a: Product; b: Product; workers: Worker[]; auth: Record<string, string>; acknowledged: Map<string, string>; atKill: number };
const t = suite<Ctx>('e2e: two API instances and workers on shared stores');
const mongoUrl = process.env.MONGO_URL;
console.log(`e2e scale-out: the document store is ${mongoUrl ? 'MongoDB-wire (MONGO_URL)' : 'the shared DATA_DIR\'s SQLite file (MONGO_URL not set)'}`);
const env = { DEMO: 'off', SCHEDULER: 'off' };
const api = { ...env, ROLE: 'api' };
const LAUNCHES = ['h1', 'h2', 'h3', 'h4'];

t.before(async (ctx) => {
  ctx.dir = tempDir('scale-out');
  ctx.acknowledged = new Map();
  ctx.workers = [await startWorker(ctx.dir, 60_000, { env })];
  ctx.a = await startProduct(ctx.dir, 60_000, { env: api });
  ctx.auth = await signIn(ctx.a); // the first admin's link is printed by the first instance
  ctx.b = await startProduct(ctx.dir, 60_000, { env: api });
});
t.after(async () => {
  killAll();
});

const created = async (ctx: Ctx, on: Product, n: string) => {
  const sent = await createTenant(on, ctx.auth, `scale${n}`, `scale-out-${n}`);
  assert.is(sent.status, 201, sent.text);
  ctx.acknowledged.set(`scale-out-${n}`, `tenant-scale${n}`);
  return String((sent.body as { position?: string }).position);
};

t('a user added on one instance signs in on the other, and its token works on both', async (ctx) => {
  const added = await ctx.a.post('/api/users', { id: 'ana', name: 'Ana', role: 'agency-user' }, ctx.auth);
  assert.is(added.status, 201, JSON.stringify(added.body));
  const link = await ctx.a.post<{ link: string }>('/api/users/ana/login-link', {}, ctx.auth);
  assert.is(link.status, 201, JSON.stringify(link.body));
  const code = /#code=([A-Za-z0-9_-]+)$/.exec(link.body.link)![1];
  const login = await ctx.b.post<{ token: string }>('/api/auth/login', { code });
  assert.is(login.status, 200, JSON.stringify(login.body));
  const bearer = { authorization: `Bearer ${login.body.token}` };
  assert.is((await ctx.a.get('/api/tenants', bearer)).status, 200);
  assert.is((await ctx.b.get('/api/tenants', bearer)).status, 200);
});

t('a command sent to one instance is read on the other with ?after=, from the checkpoints the worker commits', async (ctx) => {
  const position = await created(ctx, ctx.a, '1');
  const read = await ctx.b.get<{ id: string; name: string }>(`/api/tenants/scale1?after=${position}`, ctx.auth);
  assert.is(read.status, 200, JSON.stringify(read.body));
  assert.is(read.body.name, 'Tenant scale1');
  const ready = await ctx.b.get<{ checks: { projections: { ok: boolean; detail: string } } }>('/health/ready');
  assert.ok(ready.body.checks.projections.ok, ready.body.checks.projections.detail);
});

t('an API instance reports the projections as the workers commit them, and a rebuild asked of it is run by the worker', async (ctx) => {
  type Ops = { projections: { name: string; runBy?: string; generation: number; position: string }[] };
  const ops = await ctx.b.get<Ops>('/api/ops/projections', ctx.auth);
  assert.is(ops.status, 200);
  assert.ok(ops.body.projections.length >= 7 && ops.body.projections.every((p) => p.runBy === 'another process'), JSON.stringify(ops.body));
  const before = ops.body.projections.find((p) => p.name === 'tenants')!.generation;
  const rebuild = await ctx.b.post<{ status: string }>('/api/ops/projections/tenants/rebuild', {}, ctx.auth);
  assert.is(rebuild.status, 202, JSON.stringify(rebuild.body));
  assert.is(rebuild.body.status, 'requested');
  await eventually('the worker rebuilt tenants into a new generation', async () => {
    const now = await ctx.b.get<Ops>('/api/ops/projections', ctx.auth);
    return now.body.projections.find((p) => p.name === 'tenants')!.generation > before ? true : undefined;
  }, 20_000);
  const read = await ctx.b.get<{ name: string }>('/api/tenants/scale1', ctx.auth);
  assert.is(read.body.name, 'Tenant scale1', 'the new generation holds what the log says');
});

t('a change committed by the worker is pushed to the websocket of an instance that runs no projector', async (ctx) => {
  const token = ctx.auth.authorization!.slice('Bearer '.length);
  const live = await connectLive(ctx.b.url, token);
  try {
    live.send({ type: 'subscribe', channel: 'tenants' });
    await live.next('subscribed', (m) => m.type === 'subscribed');
    const position = await created(ctx, ctx.a, '2');
    const change = await live.next('the new tenant', (m) => m.type === 'change' && m.id === 'scale2', 10_000);
    assert.ok(change.type === 'change' && BigInt(change.position) <= BigInt(position) && change.doc?.name === 'Tenant scale2', JSON.stringify(change));
  } finally {
    await live.close();
  }
});

t('SIGKILL of the working worker mid-launch: the standby takes its leases within seconds, the instances read on, and the launch completes once', async (ctx) => {
  ctx.workers.push(await startWorker(ctx.dir, 60_000, { env }));
  const standby = ctx.workers[1]!;
  assert.ok(standby.logs().some((l) => l.msg === 'a new instance: leases of a previous run wait for expiry'), 'the standby has a lease identity of its own');
  await launchPlans(ctx.a, ctx.auth, 'handover', LAUNCHES);
  await soon('the first campaign on the sandbox', () => countInLog(ctx.dir, 'mutation.succeeded') > 0, 30_000);
  await ctx.workers[0]!.kill();
  ctx.atKill = countInLog(ctx.dir, 'mutation.succeeded');
  const killedAt = Date.now();
  const position = await created(ctx, ctx.a, '3');
  const read = await eventually('the tenant sent after the kill, read on the other instance', async () => {
    const res = await ctx.b.get(`/api/tenants/scale3?after=${position}`, ctx.auth);
    return res.status === 200 ? res : undefined;
  }, 40_000);
  const tookMs = Date.now() - killedAt;
  console.log(`e2e scale-out: the standby worker served ${tookMs} ms after the SIGKILL (projector lease 10 s)`);
  assert.is(read.status, 200);
  assert.ok(tookMs < 30_000, `taken over in ${tookMs} ms`);
  // The launch saga's lease is 30 s: the standby resumes the launch after it.
  await soon('every launch completed by the standby', () => countInLog(ctx.dir, 'launch.completed') >= LAUNCHES.length, 120_000);
  console.log(`e2e scale-out: ${ctx.atKill} of ${LAUNCHES.length * CAMPAIGNS_PER_PLAN} campaigns were recorded at the kill; the launch completed ${Date.now() - killedAt} ms after it`);
  assert.ok(standby.alive());
});

t('then nothing acknowledged was lost or doubled, and every read model equals a clean rebuild from the log', async (ctx) => {
  await assertLogIntact(ctx.a, ctx.auth, ctx.acknowledged);
  for (const p of [ctx.a, ctx.b]) assert.is(await p.stop(), 0);
  for (const w of ctx.workers.filter((w) => w.alive())) assert.is(await w.stop(), 0);
  const events = openSqliteEventStore(join(ctx.dir, 'events.db'));
  const served = mongoUrl ? await openMongoDocumentStore(mongoUrl, { database: mongoDatabaseFor(ctx.dir) }) : await openSqliteDocumentStore(join(ctx.dir, 'readmodels.db'));
  const rebuilt = await rebuildFromLog(events, tempDir('scale-out-rebuild'), 60_000);
  try {
    const check = await checkReadModels(served, rebuilt.docs, allProjections);
    assert.ok(check.ok, JSON.stringify(check));
    // Each campaign once on the sandbox under its idempotency label, with the id the log recorded.
    const sandbox = await checkSandbox(events, join(ctx.dir, 'sandbox-platforms.db'), 'handover.');
    const campaigns = LAUNCHES.length * CAMPAIGNS_PER_PLAN;
    assert.ok(sandbox.ok, JSON.stringify(sandbox));
    assert.equal([sandbox.launchesRequested, sandbox.launchesCompleted, sandbox.campaignsInLog, sandbox.campaignsOnSandbox], [LAUNCHES.length, LAUNCHES.length, campaigns, campaigns]);
    assert.ok(ctx.atKill > 0 && ctx.atKill < campaigns, `the kill landed mid-launch: ${ctx.atKill} of ${campaigns}`);
  } finally {
    await rebuilt.close();
    await served.close();
    await events.close();
  }
});

t.run();
