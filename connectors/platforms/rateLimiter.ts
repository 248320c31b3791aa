// Rate limiting for platform calls (DESIGN §8, issue 11 item 11): a token bucket per
// (tenant, platform) and a global ceiling per platform. Waiting tenants take turns for the
// global tokens, so one tenant's 500 mutations never queue another tenant's 5 behind them.
// Timers run only while someone waits, one per platform, set for the moment a grant is due.
import type { Platform } from '../../domain/shared/values.ts';
import type { PlatformLimits, RateLimits } from './rateLimits.ts';
import { defaultRateLimits, platformLimitsSchema } from './rateLimits.ts';
import type { Bucket } from './tokenBucket.ts';
import { fullBucket, hasToken, refill, take, tokenDueAt } from './tokenBucket.ts';

// Injected so tests move time by hand; the default is the wall clock and Node's timers.
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Acquired {
  readonly waitedMs: number;
}

// What a launch's status shows: who is waiting on which platform, and for how long.
export interface TenantWait {
  readonly tenantId: string;
  readonly platform: Platform;
  readonly queued: number;
  readonly oldestWaitingMs: number; // how long the head of the queue has waited so far
  readonly granted: number;
  readonly totalWaitedMs: number;
  readonly lastWaitedMs: number;
  readonly pausedUntil?: number;
}
export interface RateLimiterStatus {
  readonly platforms: readonly { readonly platform: Platform; readonly pausedUntil?: number; readonly queued: number }[];
  readonly tenants: readonly TenantWait[];
}

export interface RateLimiter {
  acquire(tenantId: string, platform: Platform): Promise<Acquired>;
  // A platform's retry-after: for the whole platform, or for one tenant's account. A pause
  // only ever extends, so a shorter retry-after never cuts a longer one short.
  pause(platform: Platform, ms: number, tenantId?: string): void;
  status(): RateLimiterStatus;
}

interface Waiter {
  readonly since: number;
  readonly grant: (acquired: Acquired) => void;
}
interface TenantLane {
  readonly buckets: Bucket[];
  readonly queue: Waiter[];
  pausedUntil: number;
  granted: number;
  totalWaitedMs: number;
  lastWaitedMs: number;
}
interface PlatformLane {
  readonly limits: PlatformLimits;
  readonly global: Bucket[];
  readonly tenants: Map<string, TenantLane>;
  ring: string[]; // tenants with waiting requests, in turn order
  cursor: number; // whose turn is next
  pausedUntil: number;
  timer?: { readonly at: number; readonly handle: unknown };
}

export interface RateLimiterOptions {
  readonly limits?: Partial<RateLimits>;
  readonly timers?: Timers;
}

// Limits are checked here, at start-up: a bucket of no capacity would never grant.
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const timers = options.timers ?? realTimers;
  const limits: RateLimits = { ...defaultRateLimits, ...options.limits };
  for (const l of Object.values(limits)) platformLimitsSchema.parse(l);
  const lanes = new Map<Platform, PlatformLane>();

  const laneOf = (platform: Platform): PlatformLane => {
    let lane = lanes.get(platform);
    if (!lane) {
      const l = limits[platform];
      lane = { limits: l, global: l.global.map((s) => fullBucket(s, timers.now())), tenants: new Map(), ring: [], cursor: 0, pausedUntil: 0 };
      lanes.set(platform, lane);
    }
    return lane;
  };
  const tenantOf = (lane: PlatformLane, tenantId: string): TenantLane => {
    let t = lane.tenants.get(tenantId);
    if (!t) {
      t = { buckets: lane.limits.perTenant.map((s) => fullBucket(s, timers.now())), queue: [], pausedUntil: 0, granted: 0, totalWaitedMs: 0, lastWaitedMs: 0 };
      lane.tenants.set(tenantId, t);
    }
    return t;
  };

  // Grants all it can now, one request per tenant per turn, then sets the lane's one timer
  // for the earliest moment another grant can happen (or none when nobody waits).
  function pump(platform: Platform): void {
    const lane = laneOf(platform);
    const now = timers.now();
    for (const b of lane.global) refill(b, now);
    const ready = (t: TenantLane): boolean => {
      for (const b of t.buckets) refill(b, now);
      return t.pausedUntil <= now && t.buckets.every(hasToken);
    };
    while (lane.ring.length > 0 && lane.pausedUntil <= now && lane.global.every(hasToken)) {
      const turn = lane.ring.map((_, i) => (lane.cursor + i) % lane.ring.length).find((i) => ready(lane.tenants.get(lane.ring[i]!)!));
      if (turn === undefined) break;
      const t = lane.tenants.get(lane.ring[turn]!)!;
      const waiter = t.queue.shift()!;
      for (const b of [...t.buckets, ...lane.global]) take(b);
      const waitedMs = now - waiter.since;
      t.granted += 1;
      t.totalWaitedMs += waitedMs;
      t.lastWaitedMs = waitedMs;
      // Leaving the ring slides the next tenant into this slot, so the turn passes to it either way.
      if (t.queue.length === 0) lane.ring.splice(turn, 1);
      lane.cursor = lane.ring.length === 0 ? 0 : (t.queue.length === 0 ? turn : turn + 1) % lane.ring.length;
      waiter.grant({ waitedMs });
    }
    schedule(platform, lane, now);
  }

  function schedule(platform: Platform, lane: PlatformLane, now: number): void {
    const at = lane.ring.length === 0 ? undefined : nextGrantAt(lane, now);
    if (lane.timer && lane.timer.at === at) return;
    if (lane.timer) timers.clearTimeout(lane.timer.handle);
    lane.timer = undefined;
    if (at === undefined) return;
    const wake = (): void => {
      lane.timer = undefined;
      pump(platform);
    };
    lane.timer = { at, handle: timers.setTimeout(wake, at - now) };
  }

  function nextGrantAt(lane: PlatformLane, now: number): number {
    const globalAt = Math.max(lane.pausedUntil, ...lane.global.map((b) => tokenDueAt(b, now)));
    // A reduce, not Math.min(...ring): spreading thousands of waiting tenants as arguments can overflow the stack.
    const tenantAt = lane.ring.reduce((soonest, id) => {
      const t = lane.tenants.get(id)!;
      return Math.min(soonest, Math.max(t.pausedUntil, ...t.buckets.map((b) => tokenDueAt(b, now))));
    }, Infinity);
    return Math.max(globalAt, tenantAt, now + 1);
  }

  return {
    acquire(tenantId, platform) {
      const lane = laneOf(platform);
      const t = tenantOf(lane, tenantId);
      return new Promise<Acquired>((grant) => {
        if (t.queue.length === 0) {
          // A newcomer takes its turn after everyone already waiting.
          lane.ring.splice(lane.cursor, 0, tenantId);
          lane.cursor = (lane.cursor + 1) % lane.ring.length;
        }
        t.queue.push({ since: timers.now(), grant });
        pump(platform);
      });
    },
    pause(platform, ms, tenantId) {
      const lane = laneOf(platform);
      // A retry-after that did not parse must not pause the platform forever.
      const until = timers.now() + (Number.isFinite(ms) ? Math.max(0, ms) : 0);
      if (tenantId === undefined) lane.pausedUntil = Math.max(lane.pausedUntil, until);
      else {
        const t = tenantOf(lane, tenantId);
        t.pausedUntil = Math.max(t.pausedUntil, until);
      }
      pump(platform);
    },
    status() {
      const now = timers.now();
      const paused = (until: number) => (until > now ? { pausedUntil: until } : {});
      const all = [...lanes.entries()];
      return {
        platforms: all.map(([platform, lane]) => ({ platform, queued: lane.ring.reduce((n, id) => n + lane.tenants.get(id)!.queue.length, 0), ...paused(lane.pausedUntil) })),
        tenants: all.flatMap(([platform, lane]) =>
          [...lane.tenants.entries()].map(([tenantId, t]) => ({
            tenantId,
            platform,
            queued: t.queue.length,
            oldestWaitingMs: t.queue[0] ? now - t.queue[0].since : 0,
            granted: t.granted,
            totalWaitedMs: t.totalWaitedMs,
            lastWaitedMs: t.lastWaitedMs,
            ...paused(t.pausedUntil),
          })),
        ),
      };
    },
  };
}
