// What the projections have committed, as the document store says: the active generation and
// its checkpoint. Any instance answers `?after=` and reports lag from here, whichever process
// runs the projectors (an API instance runs none; a second server waits for the leases).
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import type { DocumentStore } from '../../readmodels/documents/port.ts';
import { projectorFailure, type ProjectorStatus } from './projectorStatus.ts';
import { pauseFor } from './pause.ts';

export interface CommittedProgress {
  readonly ready: Promise<void>; // the first read is in (or failed)
  position(name: string): bigint | undefined; // undefined: not read yet
  waitFor(position: bigint, timeoutMs: number, names: readonly string[]): Promise<boolean>;
  status(): ProjectorStatus[];
  stop(): Promise<void>;
}

export interface CommittedProgressOptions {
  readonly docs: Pick<DocumentStore, 'activeGeneration' | 'checkpoint'>;
  readonly events: Pick<EventStore, 'headPosition' | 'gapFreePositions'>;
  readonly names: readonly string[];
  readonly idleMs?: number; // how often it reads with nobody waiting (status, lag)
  readonly waitingMs?: number; // how often while a request waits for a position
  // A projection behind the log whose checkpoint has not moved for this long is run by no one.
  readonly stalledMs?: number;
  readonly onError?: (error: unknown) => void;
}

interface Seen {
  generation: number;
  position: bigint;
  movedAt: number;
  behind: { readonly since: number; readonly head: bigint } | undefined;
}

export function committedProgress(options: CommittedProgressOptions): CommittedProgress {
  const { docs, events, names } = options;
  const idleMs = options.idleMs ?? 1000;
  const waitingMs = options.waitingMs ?? 25;
  const stalledMs = options.stalledMs ?? 15_000;
  const seen = new Map<string, Seen>();
  const waiters = new Set<() => void>();
  const failure = projectorFailure();
  let head = START;
  let stopped = false;
  let wake: () => void = () => {};

  async function read(): Promise<void> {
    const now = Date.now();
    head = await events.headPosition();
    for (const name of names) {
      const generation = await docs.activeGeneration(name);
      const position = (await docs.checkpoint(name, generation)) ?? START;
      const before = seen.get(name);
      const moved = !before || before.generation !== generation || before.position !== position;
      // Behind since when: reset once the checkpoint passes the head seen when it fell behind,
      // so a projection that keeps up with a busy log never looks lagging.
      const caughtUp = !before?.behind || position >= before.behind.head;
      seen.set(name, {
        generation,
        position,
        movedAt: moved ? now : before.movedAt,
        behind: position >= head ? undefined : caughtUp ? { since: now, head } : before!.behind,
      });
    }
    failure.recovered();
  }

  const everyPast = (position: bigint, wanted: readonly string[]) => wanted.every((n) => (seen.get(n)?.position ?? -1n) >= position);

  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const loop = (async () => {
    while (!stopped) {
      try {
        await read();
      } catch (error) {
        failure.failed(error);
        options.onError?.(error);
      }
      markReady();
      for (const w of waiters) w();
      // A background read: it never keeps a process alive by itself (a waiter's timer does).
      await pauseFor(waiters.size > 0 ? waitingMs : idleMs, (w) => (wake = w), true);
    }
  })();
  return {
    ready,
    position: (name) => seen.get(name)?.position,
    async waitFor(position, timeoutMs, wanted) {
      if (everyPast(position, wanted)) return true;
      return new Promise<boolean>((resolve) => {
        const check = () => {
          if (everyPast(position, wanted)) finish(true);
        };
        // Unref'd: a caller that stopped caring (its own wait ended) must not keep the process up.
        const timer = setTimeout(() => finish(false), timeoutMs).unref();
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(ok);
        };
        waiters.add(check);
        wake(); // read now rather than at the next idle tick
      });
    },
    status() {
      const now = Date.now();
      return names.map((name) => {
        const s = seen.get(name);
        const position = s?.position ?? START;
        const behind = head > position;
        const stalled = s !== undefined && behind && now - s.movedAt > stalledMs;
        const state = !s ? 'starting' : failure.attempt() >= 0 ? 'retrying' : !behind ? 'live' : stalled ? 'waiting_for_lease' : 'catching_up';
        return {
          name,
          generation: s?.generation ?? 1,
          state,
          position: String(position),
          head: String(head),
          lagEvents: events.gapFreePositions ? Number(behind ? head - position : 0n) : null,
          lagMs: s?.behind === undefined ? 0 : now - s.behind.since,
          rate: 0,
          parked: 0,
          runBy: 'another process',
          ...failure.describe(),
        } satisfies ProjectorStatus;
      });
    },
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
