// Runs one projection into one generation: holds the lease, subscribes from the
// checkpoint, applies whatever has arrived as one batch, and starts over from the
// checkpoint by itself when the subscription fails.
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { BatchOutcome } from './applyBatch.ts';
import { handlesEvent, type ProjectionTarget } from './target.ts';
import { eventBuffer } from './eventBuffer.ts';
import type { LiveFeed } from './liveFeed.ts';
import { rateMeter } from './rate.ts';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';

export type ProjectorState = 'starting' | 'waiting_for_lease' | 'catching_up' | 'live' | 'rebuilding' | 'stopped' | 'retrying';

export interface ProjectorOptions {
  readonly events: EventStore;
  readonly docs: ReadModelBackend; // holds the lease, whatever the target
  readonly target: ProjectionTarget;
  readonly generation: number;
  readonly holder: string;
  readonly rebuild?: boolean; // a rebuild emits nothing
  readonly feed?: LiveFeed;
  readonly batchSize?: number;
  readonly leaseTtlMs?: number;
  readonly ceiling?: () => bigint; // never apply past this position (a rebuild trails the live generation)
  readonly onBatch?: () => void;
  readonly onError?: (error: unknown) => void; // for the log; the projector retries by itself
}

export interface ProjectorStatus {
  readonly name: string;
  readonly generation: number;
  readonly state: ProjectorState;
  readonly position: string;
  readonly head: string;
  readonly lagEvents: number | null; // null where positions are not event counts
  readonly lagMs: number;
  readonly rate: number;
  readonly parked: number;
  readonly retries: number; // failures retried since start (store errors, mostly)
  readonly lastError?: string;
  readonly lastErrorCode?: string; // e.g. store.unavailable (SQLITE_BUSY)
}

export interface Projector {
  readonly ready: Promise<void>; // its checkpoint has been read
  readonly position: () => bigint;
  readonly emittedUpTo: () => bigint;
  status(): ProjectorStatus;
  wake(): void;
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 5000;
const CHECKPOINT_EVERY_MS = 1000;

const nothingApplied = (batch: readonly RecordedEvent[]): BatchOutcome => {
  const last = batch[batch.length - 1];
  return { applied: 0, parked: 0, feed: [], lastRecordedAt: last ? String(last.metadata.recordedAt ?? last.created) : undefined };
};

export function startProjector(options: ProjectorOptions): Projector {
  const { events, docs, target, generation, holder } = options;
  const batchSize = target.batchSize ?? options.batchSize ?? 2000;
  const ttl = options.leaseTtlMs ?? 10_000;
  const leaseKey = options.rebuild ? `${target.name}#g${generation}` : target.name;
  const handles = new Set(target.handles === 'all' ? [] : target.handles);
  const wanted = (type: string) => handlesEvent(target, type, handles);
  const rate = rateMeter();
  let state: ProjectorState = 'starting';
  let position = START;
  let head = START;
  let emitted = START;
  let parked = 0;
  let lastError: string | undefined;
  let lastRecordedAt: string | undefined;
  let stopped = false;
  let wake: () => void = () => {};

  async function holdLease(): Promise<boolean> {
    while (!stopped) {
      if (await docs.acquireLease(leaseKey, holder, ttl)) return true;
      state = 'waiting_for_lease';
      await pause(ttl / 3);
    }
    return false;
  }

  // Applies one batch and commits it with its checkpoint; false when the lease was lost.
  // Live, most batches hold no event this projection handles: nothing to write, so no
  // transaction. Their checkpoint goes with the next real batch, within CHECKPOINT_EVERY_MS,
  // or at stop; a crash before then only makes a restart re-read events it ignores anyway.
  async function commit(batch: readonly RecordedEvent[], idle: boolean, scannedTo?: bigint, mayDefer = false): Promise<boolean> {
    const defer = mayDefer && Date.now() - savedAt < CHECKPOINT_EVERY_MS && !batch.some((e) => wanted(e.type));
    const outcome = defer ? nothingApplied(batch) : await target.apply(generation, batch, scannedTo);
    unsaved = defer;
    if (!defer) savedAt = Date.now();
    const last = batch[batch.length - 1]?.position ?? position;
    position = scannedTo !== undefined && scannedTo > last ? scannedTo : last;
    if (position > head || idle) head = await events.headPosition();
    parked += outcome.parked;
    lastRecordedAt = outcome.lastRecordedAt ?? lastRecordedAt;
    rate.add(batch.length);
    if (!options.rebuild) options.feed?.publish(outcome.feed);
    emitted = position;
    attempt = 0;
    options.onBatch?.();
    if (Date.now() - leaseCheckedAt <= ttl / 3) return true;
    leaseCheckedAt = Date.now();
    return docs.acquireLease(leaseKey, holder, ttl);
  }
  let leaseCheckedAt = Date.now();
  let savedAt = Date.now();
  let unsaved = false; // the checkpoint lags `position` over deferred batches

  // Catch-up reads the log page by page, only the event types this projection handles
  // (full batches, no per-event hand-off, nothing parsed that it ignores); once a page comes
  // back short, the log was read to its head, and a subscription takes over for live events.
  async function catchUp(): Promise<boolean> {
    state = options.rebuild ? 'rebuilding' : 'catching_up';
    const filter = target.handles === 'all' ? undefined : { eventTypePrefixes: [...handles] };
    for (;;) {
      const ceiling = options.ceiling?.();
      const top = await events.headPosition();
      const end = ceiling !== undefined && ceiling < top ? ceiling : top;
      const page: RecordedEvent[] = [];
      for await (const e of events.readAll({ after: position, maxCount: batchSize, ...(filter ? { filter } : {}) })) {
        if (e.position > end) break;
        page.push(e);
      }
      const short = page.length < batchSize;
      if (stopped || (page.length === 0 && end <= position)) return true;
      if (!(await commit(page, short, short ? end : undefined))) return false;
      if (short) return true;
    }
  }

  async function follow(): Promise<void> {
    const subscription = events.subscribeAll({ after: position });
    const buffer = eventBuffer(subscription, batchSize * 4);
    wake = buffer.wake;
    try {
      while (!stopped) {
        state = options.rebuild ? 'rebuilding' : position < head ? 'catching_up' : 'live';
        const batch = await buffer.take(batchSize, options.ceiling?.());
        if (batch.length === 0) {
          if (buffer.failure) throw buffer.failure;
          continue;
        }
        if (!(await commit(batch, buffer.idle, undefined, true))) return; // someone else took over
      }
    } finally {
      await subscription.close();
      if (unsaved) await target.saveCheckpoint(generation, position);
      unsaved = false;
    }
  }

  // Nothing a store throws ends this loop (nor the process): the lease, the checkpoint, the
  // log and the batch are all retried with backoff, and the status says `retrying` and why.
  async function run(): Promise<void> {
    while (!stopped) {
      try {
        if (!readied) {
          position = (await target.checkpoint(generation)) ?? START;
          head = await events.headPosition();
          readied = true;
          markReady();
        }
        if (!(await holdLease())) break;
        position = (await target.checkpoint(generation)) ?? START;
        if (emitted < position) emitted = position; // what came before the checkpoint is history, not news
        leaseCheckedAt = Date.now();
        head = await events.headPosition();
        if (await catchUp()) await follow();
      } catch (error) {
        failed(error);
        await pause(Math.min(MAX_BACKOFF_MS, 50 * 2 ** attempt++));
      }
    }
    state = 'stopped';
    await docs.releaseLease(leaseKey, holder).catch(() => undefined);
  }
  let readied = false;
  let attempt = 0; // failures since the last committed batch
  let retries = 0;
  let lastErrorCode: string | undefined;
  const failed = (error: unknown) => {
    retries++;
    state = 'retrying';
    const codeOf = (e: unknown) => ((e as { code?: unknown } | undefined)?.code === undefined ? undefined : String((e as { code?: unknown }).code));
    const cause = isStoreFault(error) ? codeOf(error.cause) : undefined;
    lastErrorCode = isStoreFault(error) ? `${error.code}${cause ? ` (${cause})` : ''}` : (codeOf(error) ?? 'projector.failed');
    lastError = isStoreFault(error) ? lastErrorCode : error instanceof Error ? error.message : String(error);
    options.onError?.(error);
  };
  // A backoff that stop() cuts short.
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = () => {};
        resolve();
      }
      wake = done;
    });

  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const done = run();
  return {
    ready,
    position: () => position,
    emittedUpTo: () => emitted,
    status: () => ({
      name: target.name,
      generation,
      state,
      position: String(position),
      head: String(head),
      lagEvents: events.gapFreePositions ? Number(head > position ? head - position : 0n) : null,
      lagMs: head > position && lastRecordedAt ? Math.max(0, Date.now() - Date.parse(lastRecordedAt)) : 0,
      rate: rate.perSecond(),
      parked,
      retries,
      ...(lastError ? { lastError } : {}),
      ...(lastErrorCode ? { lastErrorCode } : {}),
    }),
    wake: () => wake(),
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
