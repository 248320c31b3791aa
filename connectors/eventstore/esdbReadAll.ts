// Reading $all on EventStoreDB. v6's readAll sends no filter, so a filtered read would carry
// every event of the log to us to drop most of them here. A filtered read is therefore a
// server-filtered catch-up subscription from the checkpoint, taking events until it has
// `maxCount` or the server says it has caught up, then cancelled. Servers before 23.10 never
// say so; when such a subscription goes quiet, the rest is read in pages from the last
// checkpoint the server reported (it sends one at least every WINDOW events it scans), so
// only a short tail travels unfiltered. Either way the caller sees events strictly after
// `after`, in log order, each once.
import { START as ESDB_START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AllStreamSubscription, EventStoreDBClient, Filter, Position as EsdbPosition, StreamingRead } from '@eventstore/db-client';
import { classifyEsdbError, storeFault } from '../../domain/shared/storeFaults.ts';
import type { EventFilter, Position, RecordedEvent } from './port.ts';
import { fromRecorded, isAfter, toServerFilter, wanted } from './esdbMapping.ts';

const PAGE = 512;
const WINDOW = 512; // events the server may scan between two checkpoints
const QUIET_MS = 100; // no event and no checkpoint for this long: the server has nothing more for now
const HIGH_WATER = 256; // events buffered from the subscription before it is paused

export type Signal =
  | { readonly kind: 'event'; readonly resolved: AllStreamResolvedEvent }
  | { readonly kind: 'checkpoint'; readonly position: EsdbPosition }
  | { readonly kind: 'caughtUp' }
  | { readonly kind: 'quiet' };

// Where a paged read takes over: from `from` (inclusive), dropping anything not after `last`.
export interface Resume {
  readonly from: EsdbPosition;
  readonly last: EsdbPosition;
  readonly remaining: number;
}

export async function* takeFiltered(signals: AsyncIterable<Signal>, after: Position, maxCount: number, filter: EventFilter | undefined): AsyncGenerator<RecordedEvent, Resume | undefined> {
  let last: EsdbPosition = { commit: after, prepare: after };
  let checkpoint: EsdbPosition | undefined;
  let remaining = maxCount;
  if (remaining <= 0) return undefined;
  for await (const signal of signals) {
    if (signal.kind === 'caughtUp') return undefined;
    if (signal.kind === 'checkpoint') checkpoint = signal.position;
    if (signal.kind === 'quiet') return { from: checkpoint && isAfter(checkpoint, last) ? checkpoint : last, last, remaining };
    if (signal.kind !== 'event') continue;
    const event = signal.resolved.event;
    if (!event || !isAfter(event.position, last)) continue;
    last = event.position;
    if (!wanted(filter, event.streamId, event.type)) continue;
    yield fromRecorded(event);
    if ((remaining -= 1) <= 0) return undefined;
  }
  return { from: last, last, remaining }; // ended by the server without catching up: read the rest
}

// The subscription's events, checkpoints and catch-up notice as one ordered sequence, with a
// `quiet` signal after QUIET_MS of silence. Checkpoints are pushed from inside the client's
// transform, after every event before them was pushed, so they never overtake one.
async function* signalsOf(subscribe: (onCheckpoint: Filter['checkpointReached']) => AllStreamSubscription, quietMs: number): AsyncGenerator<Signal> {
  const queue: Signal[] = [];
  let wake: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let ended = false;
  const push = (signal: Signal) => {
    queue.push(signal);
    if (queue.length >= HIGH_WATER) subscription.pause();
    wake?.();
  };
  // Opened on the first call of next(), so a read never started leaves no subscription behind.
  const subscription = subscribe((_, position) => push({ kind: 'checkpoint', position }));
  subscription.on('data', (resolved: AllStreamResolvedEvent) => push({ kind: 'event', resolved }));
  subscription.on('caughtUp', () => push({ kind: 'caughtUp' }));
  subscription.on('error', (error: unknown) => {
    failure = { error };
    wake?.();
  });
  subscription.on('end', () => {
    ended = true;
    wake?.();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (queue.length < HIGH_WATER / 2 && subscription.isPaused()) subscription.resume();
        yield next;
        continue;
      }
      if (failure) throw classifyEsdbError(failure.error) ? storeFault('event store', failure.error) : failure.error;
      if (ended) return;
      const quiet = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), quietMs);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = undefined;
      if (quiet) yield { kind: 'quiet' };
    }
  } finally {
    await subscription.unsubscribe().catch(() => undefined);
  }
}

export async function* readAllFiltered(client: EventStoreDBClient, after: Position, maxCount: number, filter: EventFilter, quietMs = QUIET_MS): AsyncGenerator<RecordedEvent> {
  const signals = signalsOf(
    (checkpointReached) =>
      client.subscribeToAll({
        fromPosition: after <= 0n ? ESDB_START : { commit: after, prepare: after },
        filter: { ...toServerFilter(filter), checkpointInterval: 1, maxSearchWindow: WINDOW, checkpointReached },
      }),
    quietMs,
  );
  // takeFiltered's loop ends the signals (and so cancels the subscription) however it stops.
  const resume = yield* takeFiltered(signals, after, maxCount, filter);
  if (resume) yield* readAllPaged(client, resume.from, resume.last, resume.remaining, filter);
}

// Pages of $all from `from` (inclusive, as the server reads) with the filter applied here.
export async function* readAllPaged(client: EventStoreDBClient, from: EsdbPosition, last: EsdbPosition, maxCount: number, filter: EventFilter | undefined): AsyncGenerator<RecordedEvent> {
  let remaining = maxCount;
  let next = from;
  while (remaining > 0) {
    let seen = 0;
    for await (const resolved of drain(client.readAll({ fromPosition: next.commit <= 0n ? ESDB_START : next, maxCount: PAGE }))) {
      seen += 1;
      const event = resolved.event;
      if (!event || !isAfter(event.position, last)) continue;
      last = next = event.position;
      if (!wanted(filter, event.streamId, event.type)) continue;
      yield fromRecorded(event);
      if ((remaining -= 1) <= 0) return;
    }
    if (seen < PAGE) return;
  }
}

// Leaving a read early must cancel the gRPC call too; the Readable alone would keep it open.
// A lost connection or a leader change becomes a StoreFault (503 at the API, a retry in the projector).
export async function* drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } catch (error) {
    throw classifyEsdbError(error) ? storeFault('event store', error) : error;
  } finally {
    if (!finished) await read.cancel();
  }
}
