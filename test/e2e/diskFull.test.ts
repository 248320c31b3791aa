// `npm start` on a 16 MiB data disk that fills up: commands answer 503 store.unavailable
// (Retry-After, no SQLite text), /health/ready names the port, the process lives; once the
// filler is gone, everything works again without a restart, no acknowledged command was
// lost or doubled, and the read models and the warehouse (also on that disk) converge to a
// clean rebuild of the log.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { checkReadModels } from '../../scripts/soak/checks/readModels.ts';
import { rebuildFromLog } from '../../scripts/soak/checks/rebuild.ts';
import { checkWarehouse } from '../../scripts/soak/checks/warehouse.ts';
import { tempDir } from '../support/tempDir.ts';
import { killAll, startProduct, type Product } from './processes.ts';
import { mountSmallDisk, type SmallDisk } from '../support/tmpfs.ts';
import { assertLogIntact, assertUnavailable, createTenant, eventually, signIn, timed, type Sent } from './storageFaults.ts';

const t = suite<{ disk?: SmallDisk; product?: Product; auth: Record<string, string>; acknowledged: Map<string, string> }>('e2e: the data disk fills up');

const disk = mountSmallDisk(16);
const skipped = 'skipped' in disk ? disk.skipped : undefined;
if (skipped) console.log(`e2e disk full: skipped (${skipped})`);

t.before(async (ctx) => {
  ctx.acknowledged = new Map();
  if (skipped || 'skipped' in disk) return;
  ctx.disk = disk;
  ctx.product = await startProduct(disk.dir, 30_000, { embedded: true });
  ctx.auth = await signIn(ctx.product);
});
t.after(async (ctx) => {
  await ctx.product?.stop();
  killAll();
  ctx.disk?.unmount();
});

let n = 0;
const send = async (ctx: { product?: Product; auth: Record<string, string>; acknowledged: Map<string, string> }): Promise<Sent> => {
  const tenantId = `full${++n}`;
  const commandId = `disk-full-${n}-cmd`;
  const sent = await createTenant(ctx.product!, ctx.auth, tenantId, commandId);
  if (sent.status === 201) ctx.acknowledged.set(commandId, `tenant-${tenantId}`);
  return sent;
};

t('when the disk is full, then commands answer 503 store.unavailable with Retry-After and no driver text', async (ctx) => {
  if (!ctx.product) return;
  assert.is((await send(ctx)).status, 201, 'a command before the disk fills');
  ctx.disk!.fill();
  // A write may still fit in WAL space the files already have; the disk runs out within a few.
  let sent: Sent | undefined;
  for (let i = 0; i < 200; i++) {
    sent = await send(ctx);
    if (sent.status !== 201) break;
  }
  assertUnavailable(sent!, 'event store');
  for (let i = 0; i < 3; i++) assertUnavailable(await send(ctx), 'event store');
});

t('then /health/ready is 503 naming the event store, and the process lives (/health 200)', async ({ product }) => {
  if (!product) return;
  await new Promise((r) => setTimeout(r, 1100)); // past the probe's cache
  const ready = await timed(product, '/health/ready');
  assert.is(ready.status, 503, JSON.stringify(ready.body));
  const checks = (ready.body as { checks: Record<string, { ok: boolean; detail: string }> }).checks;
  assert.is(checks.eventStore!.ok, false);
  assert.match(checks.eventStore!.detail, 'event store');
  assert.is(checks.documentStore!.ok, false);
  assert.match(checks.documentStore!.detail, 'document store');
  assert.is((await timed(product, '/health')).status, 200);
  await new Promise((r) => setTimeout(r, 2000)); // projectors retry meanwhile; none of it may end the process
  assert.ok(product.alive(), 'the process lives');
  assert.is((await timed(product, '/health')).status, 200);
});

t('when the filler is removed, then commands succeed again and /health/ready is 200, without a restart', async (ctx) => {
  if (!ctx.product) return;
  ctx.disk!.free();
  assert.is((await send(ctx)).status, 201);
  await eventually('/health/ready 200', async () => ((await timed(ctx.product!, '/health/ready')).status === 200 ? true : undefined));
  assert.is((await send(ctx)).status, 201);
  assert.ok(ctx.product.alive());
});

t('then every acknowledged command is in the log exactly once, revisions are contiguous and the chains verify', async (ctx) => {
  if (!ctx.product) return;
  assert.ok(ctx.acknowledged.size >= 3);
  await assertLogIntact(ctx.product, ctx.auth, ctx.acknowledged);
  const { status, body } = await ctx.product.get<{ docs: { id: string }[] }>(`/api/tenants?limit=500&after=0`, ctx.auth);
  assert.is(status, 200);
  for (const stream of ctx.acknowledged.values()) assert.ok(body.docs.some((d) => `tenant-${d.id}` === stream), `${stream} is projected`);
});

t('then, once every projection has caught up, the read models and the warehouse equal a clean rebuild of the log', async (ctx) => {
  if (!ctx.product) return;
  const head = (await ctx.product.get<{ head: string }>('/health')).body.head;
  await eventually('every projection at the head', async () => {
    const { body } = await ctx.product!.get<{ projections: { position: string }[] }>('/api/ops/projections', ctx.auth);
    return body.projections.every((p) => BigInt(p.position) >= BigInt(head)) ? true : undefined;
  });
  assert.is(await ctx.product.stop(), 0);
  const events = openSqliteEventStore(join(ctx.disk!.dir, 'events.db'));
  const served = await openSqliteDocumentStore(join(ctx.disk!.dir, 'readmodels.db'));
  const rebuilt = await rebuildFromLog(events, tempDir('disk-full-rebuild'), 60_000);
  try {
    const readModels = await checkReadModels(served, rebuilt.docs, allProjections);
    assert.ok(readModels.ok, JSON.stringify(readModels));
    const warehouse = await checkWarehouse(join(ctx.disk!.dir, 'warehouse.duckdb'), rebuilt.warehouseFile);
    assert.ok(warehouse.ok, JSON.stringify(warehouse));
  } finally {
    await rebuilt.close();
    await served.close();
    await events.close();
  }
});

t.run();
