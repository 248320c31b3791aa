// `npm start` and the CLI as real processes on one DATA_DIR: the demo is seeded once,
// survives a restart unchanged, and the CLI reads and verifies what the server wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { killAll, parseJsonLines, runCli, startProduct, type Product } from './processes.ts';
import { workflowSchedules } from '../../commands/processes/workflows.ts';

let auditor: Record<string, string> = {};
const loginCode = (stdout: string) => /\/login#code=([A-Za-z0-9_-]+)/.exec(stdout)?.[1];
type History = { events: { type: string; revision: string; metadata: Record<string, unknown> }[] };
type PlanState = { revision: string; state: { exists: boolean; status: string; versions: { version: number; status: string }[] } };

const t = suite<{ dataDir: string; product?: Product; head: string }>('e2e start: npm start and the CLI on one DATA_DIR');

t.before((ctx) => {
  ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-e2e-start-'));
});
t.after(async (ctx) => {
  await ctx.product?.stop();
  killAll();
  rmSync(ctx.dataDir, { recursive: true, force: true });
});

const demoLog = (product: Product) => product.logs().find((l) => l.msg === 'demo tenant ready')?.demo as { commands: number; applied: number };

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

t('given an empty DATA_DIR, when the product starts, then /health answers and the log names the sqlite file it uses', async (ctx) => {
  ctx.product = await startProduct(ctx.dataDir);
  const adapter = ctx.product.logs().find((l) => l.msg === 'adapter chosen');
  assert.is(adapter?.adapter, `sqlite (${join(ctx.dataDir, 'events.db')})`);
  const demo = demoLog(ctx.product);
  assert.ok(demo.applied > 0 && demo.applied === demo.commands, `first start applies every demo command: ${JSON.stringify(demo)}`);
});

t('then it printed a one-time login link for the admin, which signs in once and never again', async ({ product }) => {
  // Printed once the first admin is in the directory, which may be just after /health answers
  // (a MongoDB directory with MONGO_URL).
  const code = await eventually('the login link', async () => loginCode(product!.stdout())).catch(() => undefined);
  assert.ok(code, `no login link in: ${product!.stdout().slice(-400)}`);
  assert.not.ok(product!.logs().some((l) => JSON.stringify(l).includes(code!)), 'the link is a credential: printed, never logged');
  const login = await product!.post<{ token: string; user: { id: string; role: string; tenantId: string | null } }>('/api/auth/login', { code });
  assert.is(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.user, { id: 'admin', name: 'Agency admin', role: 'agency-admin', tenantId: null });
  auditor = { authorization: `Bearer ${login.body.token}` };
  assert.is((await product!.get<{ id: string }>('/api/auth/me', auditor)).body.id, 'admin');
  const again = await product!.post<{ error: string }>('/api/auth/login', { code });
  assert.equal([again.status, again.body.error], [401, 'auth.link_invalid']);
  assert.is((await product!.get('/api/tenants')).status, 401, 'no token, no data');
});

t('then the tenant-demo history starts with tenant.created', async ({ product }) => {
  const res = await product!.get<History>('/api/streams/tenant-demo/history', auditor);
  assert.is(res.status, 200);
  assert.is(res.body.events[0]?.type, 'tenant.created');
  assert.is(res.body.events[0]?.revision, '0');
});

t('then plan-demo.winter-2026 shows version 2 submitted after version 1 was approved', async ({ product }) => {
  const res = await product!.get<PlanState>('/api/streams/plan-demo.winter-2026/state', auditor);
  assert.is(res.status, 200);
  assert.is(res.body.state.status, 'submitted');
  assert.equal(res.body.state.versions.map((v) => [v.version, v.status]), [[1, 'approved'], [2, 'submitted']]);
});

t('when it gets SIGTERM once the launch recorder, the demo history and the first slots are done, then it exits 0', async (ctx) => {
  const product = ctx.product!;
  await eventually('the demo launch to be recorded on the tenant', async () => {
    const { body } = await product.get<History>('/api/streams/tenant-demo/history', auditor);
    return body.events.some((e) => e.type === 'tenant.launch_recorded') || undefined;
  });
  // A new log runs each scheduled workflow's latest slot at once (sync, analysis, summary,
  // overview), and the demo's three months are fetched in the background: all of it at rest.
  await eventually('the demo history and the first slots', async () => {
    const logs = product.logs();
    const slots = logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('scheduled slot ')).length;
    return (logs.some((l) => l.msg === 'demo history synced') && slots >= Object.keys(workflowSchedules).length) || undefined;
  }, 60_000);
  ctx.head = (await product.get<{ head: string }>('/health')).body.head;
  assert.is(await product.stop(), 0);
  ctx.product = undefined;
});

t('given the same DATA_DIR, when it starts again, then the demo seed and the recorder append nothing', async (ctx) => {
  ctx.product = await startProduct(ctx.dataDir);
  assert.is(demoLog(ctx.product).applied, 0);
  assert.is(loginCode(ctx.product.stdout()), undefined, 'the first-start link is printed once');
  assert.is((await ctx.product.get('/api/tenants/demo', auditor)).status, 200, 'tokens outlive a restart (the key is kept in DATA_DIR)');
  assert.is((await ctx.product.get<{ head: string }>('/health')).body.head, ctx.head);
  await new Promise((r) => setTimeout(r, 500)); // room for the launch recorder to replay the log
  assert.is(await ctx.product.stop(), 0);
  ctx.product = undefined;
  const store = openSqliteEventStore(join(ctx.dataDir, 'events.db'));
  try {
    assert.is(String(await store.headPosition()), ctx.head);
  } finally {
    await store.close();
  }
});

t('when `adledger audit verify` runs on it, then exit 0 and ok: true over every event', async ({ dataDir, head }) => {
  const { code, stdout, stderr } = await runCli(dataDir, ['audit', 'verify']);
  assert.is(code, 0, stderr);
  const [report] = parseJsonLines<{ ok: boolean; events: number; breaks: unknown[] }>(stdout);
  assert.equal([report?.ok, report?.events, report?.breaks], [true, Number(head), []]);
});

t('when `adledger users add` makes a client viewer, then its link signs in to its own tenant only', async ({ dataDir }) => {
  const added = await runCli(dataDir, ['users', 'add', 'carla', '--role', 'client-viewer', '--tenant', 'demo', '--name', 'Carla']);
  assert.is(added.code, 0, added.stderr);
  const { link } = parseJsonLines<{ link: string }>(added.stdout)[0]!;
  const refused = await runCli(dataDir, ['users', 'add', 'carla2', '--role', 'client-viewer']);
  assert.equal([refused.code, /tenantId: Client roles belong to exactly one tenant/.test(refused.stderr)], [64, true], refused.stderr);
  const product = await startProduct(dataDir);
  try {
    const login = await product.post<{ token: string }>('/api/auth/login', { code: loginCode(link) });
    assert.is(login.status, 200);
    const carla = { authorization: `Bearer ${login.body.token}` };
    assert.is((await product.get('/api/tenants/demo', carla)).status, 200);
    const other = await product.get<{ error: string }>('/api/streams/tenant-other/history', carla);
    assert.equal([other.status, other.body.error], [404, 'stream.not_found']);
    const approve = await product.post<{ error: string }>('/api/commands/plan.approve_version', { tenantId: 'demo', data: { planId: 'winter-2026', version: 2 } }, carla);
    assert.equal([approve.status, approve.body.error], [403, 'command.forbidden']);
  } finally {
    await product.stop();
  }
});

t('when `adledger history tenant-demo` runs, then it prints the stream in revision order', async ({ dataDir }) => {
  const { code, stdout, stderr } = await runCli(dataDir, ['history', 'tenant-demo']);
  assert.is(code, 0, stderr);
  const events = parseJsonLines<{ type: string; revision: string }>(stdout);
  assert.ok(events.length >= 6, stdout);
  assert.is(events[0]!.type, 'tenant.created');
  assert.equal(events.map((e) => e.revision), events.map((_, i) => String(i)));
  assert.ok(events.some((e) => e.type === 'tenant.launch_recorded'));
});

t('when `adledger state plan-demo.winter-2026 --as-of 0` runs, then it prints the plan as just created', async ({ dataDir }) => {
  const { code, stdout, stderr } = await runCli(dataDir, ['state', 'plan-demo.winter-2026', '--as-of', '0']);
  assert.is(code, 0, stderr);
  const [shown] = parseJsonLines<PlanState & { stream: string }>(stdout);
  assert.is(shown?.stream, 'plan-demo.winter-2026');
  assert.is(shown?.revision, '0');
  assert.equal([shown?.state.exists, shown?.state.status, shown?.state.versions], [true, 'draft', []]);
});

t('when the CLI is given a stream name that cannot exist, then it exits non-zero and says so', async ({ dataDir }) => {
  const { code, stdout, stderr } = await runCli(dataDir, ['history', 'no_such_stream']);
  assert.not.equal(code, 0);
  assert.is(stdout, '');
  assert.match(stderr, 'there is no stream no_such_stream');
});

// The API answers 404 stream.not_found here; an auditor who mistypes a tenant id must not
// get an empty history and exit 0 (nor an "initial state") from the CLI.
t('when the CLI is given a well-formed stream name with no events, then it exits non-zero and says so, as the API answers 404', async ({ dataDir }) => {
  for (const args of [['history', 'tenant-demo-typo'], ['state', 'plan-demo.winter-2062']]) {
    const { code, stdout, stderr } = await runCli(dataDir, args);
    assert.not.equal(code, 0, `adledger ${args.join(' ')} exited 0 and printed: ${stdout.slice(0, 120)}`);
    assert.match(stderr, `there is no stream ${args[1]}`);
  }
});

t.run();
