// The platform rate limiter on a fake clock: fairness between tenants, each bucket's rate,
// retry-after pauses, and timers only while someone waits.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RateLimiter, Timers } from '../../connectors/platforms/rateLimiter.ts';
import type { PlatformLimits } from '../../connectors/platforms/rateLimits.ts';
import { createRateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import type { Platform } from '../../domain/shared/values.ts';

interface FakeClock {
  readonly timers: Timers;
  advance(ms: number): Promise<void>;
  readonly pending: () => number;
  readonly fired: () => number;
}

// Runs due timers in time order and lets granted promises settle after each one.
function fakeClock(): FakeClock {
  let now = 0;
  let seq = 0;
  let fired = 0;
  const pending = new Map<number, { readonly at: number; readonly run: () => void }>();
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    timers: {
      now: () => now,
      setTimeout: (run, ms) => (pending.set(++seq, { at: now + Math.max(0, ms), run }), seq),
      clearTimeout: (handle) => void pending.delete(handle as number),
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...pending.entries()].sort(([, a], [, b]) => a.at - b.at)[0];
        if (!next || next[1].at > end) break;
        pending.delete(next[0]);
        now = next[1].at;
        fired += 1;
        next[1].run();
        await settle();
      }
      now = end;
      await settle();
    },
    pending: () => pending.size,
    fired: () => fired,
  };
}

// Sends n requests now and records when each was granted (enqueue time + waitedMs).
function send(limiter: RateLimiter, clock: FakeClock, tenantId: string, n: number, platform: Platform = 'google_ads'): number[] {
  const grantedAt: number[] = [];
  const since = clock.timers.now();
  for (let i = 0; i < n; i++) void limiter.acquire(tenantId, platform).then(({ waitedMs }) => grantedAt.push(since + waitedMs));
  return grantedAt;
}

const perSecond = (capacity: number) => ({ capacity, intervalMs: 1000 });
const limiterWith = (clock: FakeClock, google: PlatformLimits) => createRateLimiter({ timers: clock.timers, limits: { google_ads: google } });

const t = suite('rate limiter');

t('a tenant with 500 queued mutations delays another tenant\'s 5 by at most one bucket interval', async () => {
  const clock = fakeClock();
  // The global ceiling equals one tenant's rate, so the heavy tenant alone keeps it empty.
  const limiter = limiterWith(clock, { perTenant: [perSecond(10)], global: [perSecond(10)] });
  const heavy = send(limiter, clock, 'heavy', 500);
  await clock.advance(2000);
  const light = send(limiter, clock, 'light', 5);
  await clock.advance(1000);
  assert.is(light.length, 5, `light got ${light.length} of 5 within one interval`);
  assert.ok(Math.max(...light) - 2000 <= 1000, `light waited until ${JSON.stringify(light)}`);
  assert.ok(heavy.length < 100, `heavy still has most of its 500 queued (${heavy.length} sent), so the two competed`);
  const status = limiter.status().tenants.find((w) => w.tenantId === 'heavy');
  assert.ok(status && status.queued === 500 - heavy.length && status.oldestWaitingMs > 0, JSON.stringify(status));
});

t('with the default Google limits another tenant\'s 5 go out at once beside 500', async () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ timers: clock.timers });
  send(limiter, clock, 'heavy', 500);
  const light = send(limiter, clock, 'light', 5);
  await clock.advance(0);
  assert.equal(light, [0, 0, 0, 0, 0]);
});

t('waiting tenants take turns for the global tokens', async () => {
  const clock = fakeClock();
  const limiter = limiterWith(clock, { perTenant: [perSecond(100)], global: [perSecond(10)] });
  const order: string[] = [];
  for (const id of ['a', 'b', 'c', 'd']) for (let i = 0; i < 20; i++) void limiter.acquire(id, 'google_ads').then(() => order.push(id));
  await clock.advance(3000);
  // 'a' asked first and took the burst of 10; after that every four grants serve all four.
  assert.equal(order.slice(0, 10), Array(10).fill('a'));
  const turns = order.slice(10);
  assert.is(turns.length, 30);
  for (let i = 0; i + 4 <= turns.length; i++) assert.is(new Set(turns.slice(i, i + 4)).size, 4, `turns ${i}..${i + 3} of ${turns.join('')}`);
});

t('the per-tenant rate is respected: a burst of capacity, then one token per interval / capacity', async () => {
  const clock = fakeClock();
  const limiter = limiterWith(clock, { perTenant: [perSecond(5)], global: [perSecond(100)] });
  const got = send(limiter, clock, 'a', 15);
  await clock.advance(5000);
  assert.equal(got, [0, 0, 0, 0, 0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
});

t('the global ceiling is respected across tenants', async () => {
  const clock = fakeClock();
  const limiter = limiterWith(clock, { perTenant: [perSecond(100)], global: [perSecond(10), { capacity: 25, intervalMs: 60_000 }] });
  const all = ['a', 'b', 'c'].map((id) => send(limiter, clock, id, 20));

  await clock.advance(1000);
  assert.is(all.flat().length, 20, 'a burst of 10, then 10 a second');
  await clock.advance(1000);
  // 25 a minute refills 0.8 of a token in 2 s: the minute bucket holds everything past 25 back.
  const times = all.flat().sort((x, y) => x - y);
  assert.is(times.length, 25, `${times}`);
  assert.equal(times, [...Array(10).fill(0), ...Array.from({ length: 15 }, (_, i) => (i + 1) * 100)]);
});

t('a platform retry-after pauses every tenant on it, and a shorter one does not cut it short', async () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ timers: clock.timers });
  limiter.pause('meta', 5000);
  limiter.pause('meta', 1000);
  const meta = send(limiter, clock, 'a', 1, 'meta');
  const google = send(limiter, clock, 'a', 1, 'google_ads');
  await clock.advance(4999);
  assert.equal(meta, [], 'nothing goes to Meta before the retry-after');
  assert.equal(google, [0], 'another platform is not paused');
  assert.is(limiter.status().platforms.find((p) => p.platform === 'meta')?.pausedUntil, 5000);
  await clock.advance(1);
  assert.equal(meta, [5000]);
});

t('a retry-after that did not parse pauses nothing', async () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ timers: clock.timers });
  limiter.pause('meta', Number.NaN);
  const got = send(limiter, clock, 'a', 1, 'meta');
  await clock.advance(0);
  assert.equal(got, [0]);
});

t('a tenant retry-after pauses that tenant only', async () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ timers: clock.timers });
  limiter.pause('google_ads', 3000, 'a');
  const a = send(limiter, clock, 'a', 2);
  const b = send(limiter, clock, 'b', 2);
  await clock.advance(0);
  assert.equal(b, [0, 0]);
  assert.equal(limiter.status().tenants.find((w) => w.tenantId === 'a')?.pausedUntil, 3000);
  await clock.advance(3000);
  assert.equal(a, [3000, 3000]);
});

t('no busy loop: no timer while nobody waits, one per grant while someone does, one for a long pause', async () => {
  const clock = fakeClock();
  const limiter = limiterWith(clock, { perTenant: [perSecond(10)], global: [perSecond(100)] });
  const got = send(limiter, clock, 'a', 10);
  await clock.advance(0);
  assert.is(got.length, 10);
  assert.is(clock.pending(), 0, 'a burst within capacity sets no timer');
  send(limiter, clock, 'a', 20);
  assert.is(clock.pending(), 1, 'one timer for the lane, not one per request');
  await clock.advance(10_000);
  assert.is(clock.fired(), 20, 'one wake-up per grant that had to wait');
  assert.is(clock.pending(), 0, 'no timer left once the queue is empty');
  limiter.pause('google_ads', 600_000);
  send(limiter, clock, 'a', 1);
  await clock.advance(600_000);
  assert.is(clock.fired(), 21, 'a ten-minute pause is one timer, not polling');
});

t('status shows each tenant\'s waits', async () => {
  const clock = fakeClock();
  const limiter = limiterWith(clock, { perTenant: [perSecond(2)], global: [perSecond(100)] });
  send(limiter, clock, 'a', 4);
  await clock.advance(1000);
  const a = limiter.status().tenants.find((w) => w.tenantId === 'a');
  assert.equal(a, { tenantId: 'a', platform: 'google_ads', queued: 0, oldestWaitingMs: 0, granted: 4, totalWaitedMs: 1500, lastWaitedMs: 1000 });
});

t('a limit that could never grant is refused at start-up', () => {
  assert.throws(() => createRateLimiter({ limits: { meta: { perTenant: [{ capacity: 0, intervalMs: 1000 }], global: [] } } }));
});

t.run();
