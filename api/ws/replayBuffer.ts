import type { FeedItem } from '../../projections/runtime/liveFeed.ts';

// The hub numbers every feed item (seq 1, 2, …) and keeps the last `capacity` of them so a
// client that reconnects can be sent exactly what it missed. Memory is bounded by the ring.
export interface Sequenced {
  readonly seq: number;
  readonly item: FeedItem;
}

export interface ReplayBuffer {
  push(item: FeedItem): Sequenced;
  // Everything after `seq`, oldest first; undefined when we cannot prove nothing after
  // `seq` was evicted (or `seq` was never handed out).
  after(seq: number): Iterable<Sequenced> | undefined;
  lastSeq(): number;
  size(): number;
}

export function replayBuffer(capacity: number): ReplayBuffer {
  const slots: Sequenced[] = [];
  let last = 0;
  let count = 0;
  return {
    push(item) {
      const entry = { seq: ++last, item };
      if (capacity > 0) {
        slots[last % capacity] = entry;
        count = Math.min(count + 1, capacity);
      }
      return entry;
    },
    after(seq) {
      if (!Number.isSafeInteger(seq) || seq > last || seq < last - count) return undefined;
      const end = last;
      return (function* () {
        for (let s = seq + 1; s <= end; s++) yield slots[s % capacity]!;
      })();
    },
    lastSeq: () => last,
    size: () => count,
  };
}
