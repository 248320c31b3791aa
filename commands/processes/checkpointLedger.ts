// Which log position a process manager may record as done: the last one before which every
// event it saw belongs to work that is at rest. Events of a launch still at work (or waiting
// for a retry or a deadline) hold the checkpoint back, so a restart sees them again.
import type { Position } from '../../connectors/eventstore/port.ts';

export interface CheckpointLedger {
  saw(position: Position, key: string): void;
  rest(key: string): void; // everything seen so far for `key` needs nothing more
  safePosition(): Position | undefined;
}

export function checkpointLedger(): CheckpointLedger {
  // In log order; `done` entries at the front are dropped as the checkpoint passes them.
  let entries: { position: Position; key: string; done: boolean }[] = [];
  let safe: Position | undefined;
  return {
    saw: (position, key) => void entries.push({ position, key, done: false }),
    rest(key) {
      for (const e of entries) if (e.key === key) e.done = true;
      let i = 0;
      while (i < entries.length && entries[i]!.done) safe = entries[i++]!.position;
      if (i > 0) entries = entries.slice(i);
    },
    safePosition: () => safe,
  };
}
