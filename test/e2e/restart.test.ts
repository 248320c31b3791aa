// A server killed (SIGKILL) and started again on the same DATA_DIR is the same instance: it
// takes its dead predecessor's projection leases at once and is ready as soon as it has
// caught up, not after the leases expire (~9 s before). A second server started while the
// first still lives gets an identity of its own and waits for the lease.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, startProduct, type Product } from './processes.ts';
import { tempDir } from '../support/tempDir.ts';
import { eventually, timed } from './storageFaults.ts';

const t = suite<{ dir: string; products: Product[] }>('e2e: restart after a crash');

t.before((ctx) => {
  ctx.dir = tempDir('restart');
  ctx.products = [];
});
t.after(async (ctx) => {
  for (const p of ctx.products) if (p.alive()) await p.stop();
  killAll();
});

const ready = (product: Product) => eventually('/health/ready 200', async () => ((await timed(product, '/health/ready')).status === 200 ? true : undefined), 20_000);
const instanceLog = (product: Product) => product.logs().find((l) => typeof l.reused === 'boolean');

t('after SIGKILL, the restarted server is ready within 3 s of answering /health', async (ctx) => {
  const first = await startProduct(ctx.dir);
  ctx.products.push(first);
  await ready(first);
  assert.is(instanceLog(first)?.reused, true);
  await first.kill();

  const second = await startProduct(ctx.dir);
  ctx.products.push(second);
  const started = Date.now();
  await ready(second);
  const ms = Date.now() - started;
  assert.ok(ms < 3000, `ready ${ms} ms after /health answered`);
  assert.is(instanceLog(second)?.reused, true, 'the same instance as the dead one');
  assert.is(instanceLog(second)?.lease, instanceLog(first)?.lease);
});

t('a second live server on the same DATA_DIR gets its own identity and does not take the leases', async (ctx) => {
  const running = ctx.products[1]!;
  const other = await startProduct(ctx.dir);
  ctx.products.push(other);
  assert.is(instanceLog(other)?.reused, false);
  assert.is.not(instanceLog(other)?.lease, instanceLog(running)?.lease);
  await new Promise((r) => setTimeout(r, 1000));
  const res = await timed(other, '/health/ready');
  assert.is(res.status, 503, 'the other server waits for the leases');
  assert.match(JSON.stringify(res.body), 'waiting_for_lease');
  assert.is((await timed(running, '/health/ready')).status, 200, 'the first keeps them');
  await other.stop();
  await running.stop();
});

t.run();
