// `npm start` while another connection holds `BEGIN IMMEDIATE` on one of its databases:
// writes answer 503 within a bounded time, the event loop stays responsive (/health under
// 200 ms throughout), the process lives, and it recovers without a restart once released.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { killAll, startProduct, type Product } from './processes.ts';
import { tempDir } from '../support/tempDir.ts';
import { assertUnavailable, createTenant, eventually, signIn, timed } from './storageFaults.ts';

const t = suite<{ dir: string; product: Product; auth: Record<string, string> }>('e2e: a lock held on the databases');
const HOLD_MS = 3000;

t.before(async (ctx) => {
  ctx.dir = tempDir('lock');
  ctx.product = await startProduct(ctx.dir, 30_000, { embedded: true });
  ctx.auth = await signIn(ctx.product);
});
t.after(async (ctx) => {
  await ctx.product?.stop();
  killAll();
});

// Holds the write lock of `file` for HOLD_MS while `during` runs, sampling /health every
// 50 ms; returns the slowest /health answer.
async function holding(ctx: { dir: string; product: Product }, file: string, during: () => Promise<void>): Promise<number> {
  const other = new Database(join(ctx.dir, file));
  other.exec('BEGIN IMMEDIATE');
  const until = Date.now() + HOLD_MS;
  let slowest = 0;
  const sampling = (async () => {
    while (Date.now() < until) {
      const health = await timed(ctx.product, '/health');
      assert.is(health.status, 200);
      slowest = Math.max(slowest, health.ms);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    await during();
    await sampling;
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  return slowest;
}

let n = 0;
const tenant = (ctx: { product: Product; auth: Record<string, string> }) => createTenant(ctx.product, ctx.auth, `locked${++n}`, `held-lock-${n}-cmd`);

t('events.db locked: commands answer 503 within a bounded time (~1.5 s of retries), /health stays fast, then commands succeed once released', async (ctx) => {
  const slowest = await holding(ctx, 'events.db', async () => {
    const sent = await tenant(ctx);
    assertUnavailable(sent, 'event store');
    assert.ok(sent.ms < 4000, `answered after ${Math.round(sent.ms)} ms`);
  });
  assert.ok(slowest < 200, `/health took ${Math.round(slowest)} ms while the lock was held`);
  assert.ok(ctx.product.alive());
  assert.is((await tenant(ctx)).status, 201);
});

t('readmodels.db locked: commands still succeed, readiness names the document store, projections catch up once released', async (ctx) => {
  let position = '0';
  const slowest = await holding(ctx, 'readmodels.db', async () => {
    const sent = await tenant(ctx);
    assert.is(sent.status, 201, sent.text);
    position = String((sent.body as { position?: string }).position);
    await new Promise((r) => setTimeout(r, 1100)); // past the probe's cache
    const ready = await timed(ctx.product, '/health/ready');
    assert.is(ready.status, 503, JSON.stringify(ready.body));
    const checks = (ready.body as { checks: Record<string, { ok: boolean; detail: string }> }).checks;
    assert.equal([checks.eventStore!.ok, checks.documentStore!.ok], [true, false], JSON.stringify(checks));
    assert.match(checks.documentStore!.detail, 'SQLITE_BUSY');
    // The projectors back off and say so, in their status and in the metrics.
    const metrics = await fetch(`${ctx.product.url}/metrics`, { headers: ctx.auth }).then((r) => r.text());
    assert.match(metrics, /adledger_projection_retrying\{projection="[a-z_]+"\} 1/);
    assert.match(metrics, /adledger_projection_retries\{projection="[a-z_]+"\} [1-9]/);
  });
  assert.ok(slowest < 200, `/health took ${Math.round(slowest)} ms while the lock was held`);
  assert.ok(ctx.product.alive(), 'the process lives');
  const tenants = await eventually('the projections to pass the command', async () => {
    const res = await ctx.product.get<{ docs: { id: string }[] }>(`/api/tenants?after=${position}&limit=500`, ctx.auth);
    return res.status === 200 ? res.body : undefined;
  });
  assert.ok(tenants.docs.some((d) => d.id === `locked${n}`));
  await eventually('/health/ready 200', async () => ((await timed(ctx.product, '/health/ready')).status === 200 ? true : undefined));
});

t('auth.db locked: a sign-in answers 503 at once, /health stays fast', async (ctx) => {
  const slowest = await holding(ctx, 'auth.db', async () => {
    const started = performance.now();
    const res = await fetch(`${ctx.product.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(32) }) });
    const text = await res.text();
    assert.is(res.status, 503, text);
    assert.equal(JSON.parse(text).details, { port: 'user directory' });
    assert.ok(performance.now() - started < 500, `answered after ${Math.round(performance.now() - started)} ms`);
  });
  assert.ok(slowest < 200, `/health took ${Math.round(slowest)} ms while the lock was held`);
});

t.run();
