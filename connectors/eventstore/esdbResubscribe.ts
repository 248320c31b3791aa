// A live subscription that survives drops: when the source fails or ends on its own, open it
// again after the last delivered position, after a capped backoff. Positions are the
// dedupe key, so a source that replays (inclusive starts, server retries) never shows twice.
import type { Position, RecordedEvent, Subscription } from './port.ts';

// `signal` aborts when we are done with a source, so it can cancel its server call even while
// a read is pending (an async generator's return() would wait for that read to finish).
export type OpenSource = (after: Position, signal: AbortSignal) => AsyncIterable<RecordedEvent>;

export interface ResubscribeOptions {
  readonly backoffMs?: readonly number[]; // delay before attempt n+1 after n failures in a row; last value repeats
  readonly onDrop?: (error: unknown, after: Position) => void; // where the caller logs or counts drops
}

const DEFAULT_BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000] as const;
const CLOSED = Symbol('closed');

export function resubscribingIterator(open: OpenSource, after: Position, options: ResubscribeOptions = {}): Subscription {
  const backoff = options.backoffMs?.length ? options.backoffMs : DEFAULT_BACKOFF_MS;
  let closed = false;
  let attempt: AbortController | undefined;
  // Ends whatever run() is waiting on (a read, a backoff) when close() is called. One
  // resolver at a time, rather than racing a shared "closed" promise, which would gather
  // one reaction per event for the life of the subscription.
  let interrupt: (() => void) | undefined;
  const stop = () => {
    closed = true;
    attempt?.abort();
    interrupt?.();
  };
  const untilClosed = <T>(promise: Promise<T>): Promise<T | typeof CLOSED> =>
    closed
      ? Promise.resolve(CLOSED)
      : new Promise((resolve, reject) => {
          interrupt = () => resolve(CLOSED);
          promise.then(resolve, reject); // also keeps a read abandoned on close from going unhandled
        });
  // Cleared on close, so a closed subscription leaves no timer holding the process open.
  const pause = (ms: number) =>
    closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          interrupt = () => {
            clearTimeout(timer);
            resolve();
          };
        });

  async function* run(): AsyncGenerator<RecordedEvent, void, undefined> {
    let last = after;
    let failures = 0;
    try {
      while (!closed) {
        attempt = new AbortController();
        const source = open(last, attempt.signal)[Symbol.asyncIterator]();
        let drop: unknown = new Error('subscription ended by the server');
        try {
          for (;;) {
            const step = await untilClosed(source.next());
            if (step === CLOSED || step.done) break;
            if (step.value.position <= last) continue;
            last = step.value.position;
            failures = 0;
            yield step.value;
            if (closed) break;
          }
        } catch (error) {
          drop = error;
        } finally {
          attempt.abort();
          source.return?.().catch(() => undefined);
        }
        if (closed) return;
        options.onDrop?.(drop, last);
        const delay = backoff[Math.min(failures, backoff.length - 1)] ?? 0;
        failures += 1;
        await pause(delay);
      }
    } finally {
      stop();
    }
  }

  const events = run();
  return {
    [Symbol.asyncIterator]: () => events,
    async close() {
      stop();
      await events.return(undefined);
    },
  };
}

// The subscriptions a store has handed out and not yet seen end, so closing the store can
// end them all: a resubscribing one left open would meet the closed client, count it as a
// drop and try again, for ever. After closeAll(), track() hands back one already ended.
export function subscriptionSet() {
  const open = new Set<Subscription>();
  let closed = false;
  const ended: Subscription = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }), close: async () => {} };
  return {
    track(make: () => Subscription): Subscription {
      if (closed) return ended;
      const inner = make();
      const events = inner[Symbol.asyncIterator]();
      const subscription: Subscription = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const step = await events.next();
            if (step.done) open.delete(subscription);
            return step;
          },
          return: async () => {
            await subscription.close();
            return { done: true, value: undefined };
          },
        }),
        async close() {
          open.delete(subscription);
          await inner.close();
        },
      };
      open.add(subscription);
      return subscription;
    },
    get size(): number {
      return open.size;
    },
    async closeAll(): Promise<void> {
      closed = true;
      await Promise.all([...open].map((s) => s.close()));
    },
  };
}
