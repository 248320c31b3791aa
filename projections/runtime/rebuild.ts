// A rebuild: a new generation fills from the start of the log beside the live one, never
// past what the live projector has pushed to the feed. When it has caught up, the live
// projector stops at X, the new generation is brought to exactly X, readers switch to it
// atomically, the old generation goes, and a live projector resumes the new generation
// from X: every change is pushed once, none replayed.
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Projector } from './projector.ts';
import type { ProjectionTarget } from './target.ts';

export interface RebuildProgress {
  readonly name: string;
  readonly generation: number;
  readonly phase: 'filling' | 'switching' | 'done';
  readonly done: string; // position reached
  readonly total: string; // head when the rebuild started
  readonly eventsPerSecond: number;
  readonly etaSeconds: number | null;
}

interface RebuildInput {
  readonly events: EventStore;
  readonly target: ProjectionTarget;
  readonly live: Projector;
  start(generation: number, ceiling: () => bigint): Projector;
  onProgress(progress: RebuildProgress): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SWITCH_WITHIN = 500n; // positions the new generation may trail by when the switch begins

export async function runRebuild(input: RebuildInput): Promise<RebuildProgress> {
  const { target, live } = input;
  const oldGeneration = live.status().generation;
  const generation = oldGeneration + 1;
  await target.dropGeneration(generation).catch(() => undefined); // leftovers of an interrupted rebuild
  const total = await input.events.headPosition();
  const started = Date.now();
  const next = input.start(generation, () => live.emittedUpTo());
  const progress = (phase: RebuildProgress['phase']): RebuildProgress => {
    const done = next.position();
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Number(done) / seconds : 0;
    const left = total > done ? Number(total - done) : 0;
    return {
      name: target.name,
      generation,
      phase,
      done: String(done),
      total: String(total),
      eventsPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round(left / rate) : null,
    };
  };

  // Close enough, not equal: under a steady stream of appends a trailing projector may never
  // meet a moving live one; the switch below closes the last gap with the live one stopped.
  while (next.position() + SWITCH_WITHIN < live.emittedUpTo() || next.position() < total) {
    input.onProgress(progress('filling'));
    await sleep(200);
  }
  input.onProgress(progress('switching'));
  await live.stop();
  const pushed = live.emittedUpTo();
  next.wake();
  while (next.position() < pushed) await sleep(5);
  const final = progress('done');
  await next.stop();
  await target.activate(generation);
  await target.dropGeneration(oldGeneration);
  input.onProgress(final);
  return final;
}
