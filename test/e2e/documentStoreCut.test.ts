// `npm start` with its read models on a MongoDB-wire server (FerretDB in CI), reached through a
// TCP proxy the test controls. When the link is cut mid-run, commands still answer 201 (the log
// is local), readiness goes red naming the document store and the projections retrying, and
// the process lives; when the link returns, the projectors catch up by themselves and the read
// models equal a clean rebuild from the log.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { openMongoDocumentStore } from '../../readmodels/documents/mongo.ts';
import { checkReadModels } from '../../scripts/soak/checks/readModels.ts';
import { rebuildFromLog } from '../../scripts/soak/checks/rebuild.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { tempDir } from '../support/tempDir.ts';
import { killAll, mongoDatabaseFor, startProduct, type Product } from './processes.ts';
import { assertLogIntact, createTenant, eventually, signIn, timed } from './storageFaults.ts';

type Ready = { status: number; body: { checks: Record<string, { ok: boolean; detail: string }> } };
type Ctx = { dir: string; proxy?: TcpProxy; product?: Product; auth: Record<string, string>; acknowledged: Map<string, string>; position: string };
const t = suite<Ctx>('e2e: the document store link cut and restored');

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) console.log('e2e document store cut: skipped (MONGO_URL not set; CI starts FerretDB, locally: scripts/ferretdb.sh start)');
const target = mongoUrl ? /^mongodb:\/\/([^/:]+):(\d+)/.exec(mongoUrl) : null;
if (mongoUrl && !target) console.log(`e2e document store cut: skipped (MONGO_URL ${mongoUrl} is not mongodb://host:port/)`);

t.before(async (ctx) => {
  ctx.acknowledged = new Map();
  ctx.dir = tempDir('mongo-cut');
  if (!target) return;
  ctx.proxy = await startTcpProxy({ host: target[1]!, port: Number(target[2]) });
  ctx.product = await startProduct(ctx.dir, 60_000, { env: { MONGO_URL: `mongodb://127.0.0.1:${ctx.proxy.port}/`, DEMO: 'off' } });
  ctx.auth = await signIn(ctx.product);
});
t.after(async (ctx) => {
  if (ctx.product?.alive()) await ctx.product.stop();
  killAll();
  await ctx.proxy?.close();
});

const ready = async (product: Product): Promise<Ready> => (await timed(product, '/health/ready')) as unknown as Ready;
let n = 0;
async function send(ctx: Ctx): Promise<void> {
  const commandId = `mongo-cut-${++n}-cmd`;
  const sent = await createTenant(ctx.product!, ctx.auth, `cut${n}`, commandId);
  assert.is(sent.status, 201, sent.text);
  ctx.acknowledged.set(commandId, `tenant-cut${n}`);
  ctx.position = String((sent.body as { position?: string }).position);
}

t('given the product on FerretDB through the proxy, it is ready and reads its own writes', async (ctx) => {
  if (!ctx.product) return;
  await eventually('/health/ready 200', async () => ((await ready(ctx.product!)).status === 200 ? true : undefined), 60_000);
  await send(ctx);
  const res = await ctx.product.get<{ docs: { id: string }[] }>(`/api/tenants?after=${ctx.position}`, ctx.auth);
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.ok(ctx.proxy!.accepted() > 0, 'the product reached FerretDB through the proxy');
});

t('when the link is cut, commands still answer 201, readiness goes red naming the document store and the projections retrying, and the process lives', async (ctx) => {
  if (!ctx.product) return;
  ctx.proxy!.cut();
  for (let i = 0; i < 5; i++) await send(ctx);
  const red = await eventually(
    'readiness red with the projections retrying',
    async () => {
      const res = await ready(ctx.product!);
      return res.status === 503 && !res.body.checks.documentStore!.ok && /retrying/.test(res.body.checks.projections!.detail) ? res : undefined;
    },
    45_000,
  );
  // The probe's write cannot reach FerretDB: it times out (no answer within 2 s) or names the store.
  assert.match(red.body.checks.documentStore!.detail, /no answer within|document store/);
  assert.ok(red.body.checks.eventStore!.ok, 'the event store is not affected');
  assert.is((await timed(ctx.product, '/health')).status, 200);
  assert.ok(ctx.product.alive(), 'the process lives');
});

t('when the link returns, the projectors catch up by themselves: readiness 200 and every tenant sent during the cut is read back', async (ctx) => {
  if (!ctx.product) return;
  ctx.proxy!.restore();
  await eventually('/health/ready 200', async () => ((await ready(ctx.product!)).status === 200 ? true : undefined), 60_000);
  const res = await ctx.product.get<{ docs: { id: string }[] }>(`/api/tenants?after=${ctx.position}&limit=500`, ctx.auth);
  assert.is(res.status, 200, JSON.stringify(res.body));
  for (const stream of ctx.acknowledged.values()) assert.ok(res.body.docs.some((d) => `tenant-${d.id}` === stream), `${stream} is projected`);
});

t('then nothing acknowledged was lost or doubled, and every read model equals a clean rebuild from the log', async (ctx) => {
  if (!ctx.product) return;
  await assertLogIntact(ctx.product, ctx.auth, ctx.acknowledged);
  assert.is(await ctx.product.stop(), 0);
  const events = openSqliteEventStore(join(ctx.dir, 'events.db'));
  const served = await openMongoDocumentStore(mongoUrl!, { database: mongoDatabaseFor(ctx.dir) });
  const rebuilt = await rebuildFromLog(events, tempDir('mongo-cut-rebuild'), 60_000);
  try {
    const check = await checkReadModels(served, rebuilt.docs, allProjections);
    assert.ok(check.ok, JSON.stringify(check));
  } finally {
    await rebuilt.close();
    await served.close();
    await events.close();
  }
});

t.run();
