// The launch saga: a process manager fed by the log. Every launch event wakes its launch's
// worker (launchWorker.ts); launches run side by side, each platform's campaigns in order.
// Its checkpoint is the log position before which every launch it saw is at rest, kept in
// the document store beside the projections' (collection `process_launch_saga`), so a
// restart reads again only what may still need work. Everything it does outside our walls
// is keyed (idempotency labels), so a replayed event repeats nothing on a platform.
import type { Position, Subscription } from '../../connectors/eventstore/port.ts';
import { launchEventSchemas } from '../../domain/launch/events.ts';
import { parseStreamName } from '../../domain/streams.ts';
import type { DocumentStore, ProjectorCoordination } from '../../readmodels/documents/port.ts';
import { NO_INDEXES } from '../../readmodels/documents/indexSpec.ts';
import { workLaunch, type LaunchRef, type WorkerDeps } from './launchWorker.ts';
import { checkpointLedger } from './checkpointLedger.ts';

export const SAGA_COLLECTION = 'process_launch_saga';

export interface LaunchSagaOptions extends WorkerDeps {
  readonly checkpoints: Pick<DocumentStore, 'prepare' | 'checkpoint' | 'applyBatch'>;
  readonly coordination?: Pick<ProjectorCoordination, 'acquireLease' | 'releaseLease'>;
  readonly holder?: string;
  readonly retryMs?: number;
  readonly leaseRenewMs?: number; // default 10 s, a third of the lease
}

export interface LaunchSaga {
  stop(): Promise<void>;
  // Wakes every launch waiting for a time now (tests that moved the clock).
  wakeWaiting(): void;
  // Resolves once the saga has read the log up to `position` and every launch it saw is at
  // rest or waiting for time (tests, benchmarks).
  idle(position?: Position): Promise<void>;
  readonly done: Promise<void>;
}

const noLaunch: LaunchRef = { tenantId: '-', planId: '-', version: 0 };
const keyOf = (r: LaunchRef) => `${r.tenantId}/${r.planId}/${r.version}`;

export function startLaunchSaga(options: LaunchSagaOptions): LaunchSaga {
  const o: LaunchSagaOptions = { accountReads: new Map(), ...options, mayCallPlatforms: () => leased };
  const retryMs = o.retryMs ?? 1000;
  const holder = o.holder ?? `saga-${process.pid}-${Date.now()}`;
  let stopped = false;
  let renewal: ReturnType<typeof setInterval> | undefined;
  let leased = !options.coordination; // without coordination this process is the only saga
  let subscription: Subscription | undefined;
  const ledger = checkpointLedger();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let idleWaiters: { position: Position; resolve: () => void }[] = [];
  let saved: Position = 0n;
  let after: Position = 0n;

  const settleIdle = () => {
    if (running.size > 0) return;
    const ready = idleWaiters.filter((w) => w.position <= after);
    idleWaiters = idleWaiters.filter((w) => w.position > after);
    for (const w of ready) w.resolve();
  };

  // Saves one at a time, so a slower save of an older position never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();
  function saveCheckpoint(): Promise<void> {
    saving = saving.then(async () => {
      const at = ledger.safePosition();
      if (at === undefined || at <= saved) return;
      await o.checkpoints.applyBatch(SAGA_COLLECTION, 1, [], at).then(
        () => void (saved = at),
        (error: unknown) => o.onError?.(error, noLaunch),
      );
    });
    return saving;
  }

  function wake(ref: LaunchRef): void {
    const key = keyOf(ref);
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
    if (running.has(key)) {
      dirty.add(key);
      return;
    }
    const run = (async () => {
      let again = true;
      while (again && !stopped) {
        dirty.delete(key);
        const outcome = await workLaunch(o, ref).catch((error: unknown) => {
          o.onError?.(error, ref);
          return { wakeAt: o.w.now().getTime() + retryMs };
        });
        again = dirty.has(key);
        if (!again && outcome.wakeAt !== undefined && !stopped) {
          // Deadlines are in the write side's time (tests move it); timers wait in real time.
          // (setTimeout holds at most ~24.8 days; a longer wait simply wakes early and waits again.)
          const delay = Math.min(Math.max(0, outcome.wakeAt - o.w.now().getTime()), 2 ** 31 - 1);
          timers.set(key, setTimeout(() => wake(ref), delay));
        }
        if (!again && outcome.wakeAt === undefined) ledger.rest(key);
      }
    })().finally(() => {
      running.delete(key);
      void saveCheckpoint();
      settleIdle();
    });
    running.set(key, run);
  }

  const done = (async () => {
    if (o.coordination) {
      while (!stopped && !(await o.coordination.acquireLease(SAGA_COLLECTION, holder, 30_000).catch(() => false))) {
        await new Promise((r) => setTimeout(r, retryMs));
      }
      leased = true;
    }
    await o.checkpoints.prepare([{ name: SAGA_COLLECTION, indexes: NO_INDEXES }]).catch((error: unknown) => o.onError?.(error, noLaunch));
    after = (await o.checkpoints.checkpoint(SAGA_COLLECTION, 1).catch(() => undefined)) ?? 0n;
    saved = after;
    if (o.coordination) {
      const lease = o.coordination;
      renewal = setInterval(() => {
        // Renewed well inside its 30 s; a lease that cannot be renewed (another instance took
        // it, or the store cannot say) stops every platform call here until it is ours again:
        // two sagas ensuring one campaign at once could both find no key and both create.
        void lease.acquireLease(SAGA_COLLECTION, holder, 30_000).then(
          (held) => {
            if (!held && leased) o.onError?.(new Error('the launch saga lost its lease; another instance runs launches now'), noLaunch);
            leased = held;
          },
          (error: unknown) => {
            leased = false;
            o.onError?.(error, noLaunch);
          },
        );
      }, o.leaseRenewMs ?? 10_000);
    }
    const eventTypes = Object.keys(launchEventSchemas);
    while (!stopped) {
      try {
        subscription = o.w.store.subscribeAll({ after, filter: { eventTypes } });
        for await (const event of subscription) {
          after = event.position;
          const stream = parseStreamName(event.streamId);
          if (stream?.category !== 'launch') continue;
          const ref = { tenantId: stream.tenantId, planId: stream.planId, version: stream.version };
          ledger.saw(event.position, keyOf(ref));
          wake(ref);
          settleIdle();
        }
        return;
      } catch (error) {
        o.onError?.(error, noLaunch);
        await subscription?.close().catch(() => undefined);
        if (!stopped) await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      if (renewal) clearInterval(renewal);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await subscription?.close().catch(() => undefined);
      await Promise.allSettled([...running.values()]);
      await saveCheckpoint();
      await o.coordination?.releaseLease(SAGA_COLLECTION, holder).catch(() => undefined);
    },
    wakeWaiting() {
      for (const key of [...timers.keys()]) {
        const [tenantId = '', planId = '', version = '0'] = key.split('/');
        wake({ tenantId, planId, version: Number(version) });
      }
    },
    idle: (position = 0n) =>
      new Promise<void>((resolve) => {
        idleWaiters.push({ position, resolve });
        settleIdle();
      }),
    done,
  };
}
