// Old generations go a grace period after readers switched away from them: a reader may have
// read which generation is active just before the switch and be reading the old one still
// (a MongoDB read has maxTimeMS 10 s and reads a page in one reply, so 30 s covers any).
// A process stopped within the grace period leaves the old generation behind: every start
// retires the one before the active generation, which no rebuild writes (they write the next).
import type { ProjectionTarget } from './target.ts';

export const DROP_GRACE_MS = 30_000;

export interface GenerationRetirement {
  retire(target: ProjectionTarget, generation: number): void;
  stop(): void; // pending drops are left to the next start
}

export function generationRetirement(graceMs: number, onError: (target: string, error: unknown) => void): GenerationRetirement {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    retire(target, generation) {
      if (generation < 1) return;
      const timer = setTimeout(() => {
        pending.delete(timer);
        target.dropGeneration(generation).catch((error: unknown) => onError(target.name, error));
      }, graceMs);
      timer.unref();
      pending.add(timer);
    },
    stop() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
