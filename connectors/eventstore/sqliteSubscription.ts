import type { EventFilter, Position, RecordedEvent, Subscription } from './port.ts';
import { matchesFilter } from './port.ts';

// Woken after every commit of this process; `closed` ends every subscription.
export interface CommitSignal {
  waiters: Set<() => void>;
  closed?: boolean;
}

// Another process (the CLI, a second server) may append to the same file: a slow poll
// catches those; commits in this process wake subscribers at once.
const POLL_MS = 250;

// Catch-up and live are the same loop: always read the table after the last position
// delivered, so nothing appended while catching up can be missed or doubled.
export function sqliteSubscription(
  readAfter: (after: Position) => RecordedEvent[],
  signal: CommitSignal,
  after: Position,
  filter: EventFilter | undefined,
): Subscription {
  let closed = false;
  let wakeMe: (() => void) | undefined;

  async function* iterate(): AsyncGenerator<RecordedEvent> {
    let last = after;
    try {
      while (!closed && !signal.closed) {
        const page = readAfter(last);
        for (const event of page) {
          last = event.position;
          if (matchesFilter(filter, event.streamId, event.type)) yield event;
          if (closed) return;
        }
        if (page.length > 0) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, POLL_MS);
          function done() {
            clearTimeout(timer);
            signal.waiters.delete(done);
            wakeMe = undefined;
            resolve();
          }
          wakeMe = done;
          signal.waiters.add(done);
        });
      }
    } finally {
      closed = true;
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      wakeMe?.();
      await iterator.return(undefined);
    },
  };
}
