// The newest position, asked of EventStoreDB at most once per `maxAgeMs`: every idle
// projector batch and every `?after=` query asks for it, and each answer from the server is
// a backwards $all read. Between reads the answer is the last one read, raised by every
// position this process has seen since (its own appends, its subscriptions), so it never
// falls below a position an append of this process has already returned: `?after=` of
// that position reads the write.
import type { Position } from './port.ts';

export interface HeadCache {
  head(): Promise<Position>;
  saw(position: Position): void;
}

export interface HeadCacheOptions {
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export const HEAD_MAX_AGE_MS = 150;

export function headCache(readHead: () => Promise<Position>, options: HeadCacheOptions = {}): HeadCache {
  const maxAgeMs = options.maxAgeMs ?? HEAD_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  let floor: Position | undefined;
  let read: { readonly position: Position; readonly startedAt: number } | undefined;
  let inFlight: Promise<Position> | undefined;
  const raised = (position: Position): Position => (floor !== undefined && floor > position ? floor : position);

  // Concurrent askers share one server read; its age counts from when it was sent, since
  // anything written after that may be missing from it.
  const fetch = (): Promise<Position> => {
    if (inFlight) return inFlight;
    const startedAt = now();
    inFlight = readHead().then(
      (position) => {
        read = { position, startedAt };
        inFlight = undefined;
        return position;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };

  return {
    async head() {
      if (read && now() - read.startedAt < maxAgeMs) return raised(read.position);
      return raised(await fetch());
    },
    saw(position) {
      if (floor === undefined || position > floor) floor = position;
    },
  };
}
