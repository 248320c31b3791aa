// A rebuild: new generations fill from the start of the log beside the live ones, one read of
// the log for all the projections rebuilt together, never past what the live projector has
// pushed to the feed. When they have caught up, each live projection stops at its X, its new
// generation is brought to exactly X, readers switch to it atomically (its indexes built
// then), the live projector resumes the new generation from X, and the old generation goes
// after a grace period: every change is pushed once, none replayed.
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { MemberOptions, Projector } from './projector.ts';
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
  readonly targets: readonly ProjectionTarget[];
  readonly live: Projector; // runs every one of the targets now
  start(members: readonly MemberOptions[]): Projector;
  onProgress(progress: RebuildProgress): void;
  // The old generation, once readers have switched away from it (retireGenerations.ts).
  retire(target: ProjectionTarget, generation: number): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SWITCH_WITHIN = 500n; // positions a new generation may trail by when the switch begins

export async function runRebuild(input: RebuildInput): Promise<RebuildProgress[]> {
  const { live, targets } = input;
  const generations = new Map(targets.map((t) => [t.name, live.status().find((s) => s.name === t.name)!.generation]));
  const next = (name: string) => generations.get(name)! + 1;
  for (const t of targets) await t.dropGeneration(next(t.name)).catch(() => undefined); // leftovers of an interrupted rebuild
  const total = await input.events.headPosition();
  const started = Date.now();
  const stoppedAt = new Map<string, bigint>(); // where each live projection stopped, once it has
  const ceilingOf = (name: string) => () => stoppedAt.get(name) ?? live.emittedUpTo(name);
  const fresh = input.start(targets.map((t) => ({ target: t, generation: next(t.name), ceiling: ceilingOf(t.name) })));
  const progress = (name: string, phase: RebuildProgress['phase']): RebuildProgress => {
    const done = fresh.position(name);
    const seconds = (Date.now() - started) / 1000;
    // Positions per second give the ETA (a ratio, whatever a position counts); events per
    // second come from the events read, since EventStoreDB's positions count bytes.
    const pace = seconds > 0 ? Number(done) / seconds : 0;
    const left = total > done ? Number(total - done) : 0;
    const eventsPerSecond = fresh.status().find((s) => s.name === name)?.rate ?? 0;
    return { name, generation: next(name), phase, done: String(done), total: String(total), eventsPerSecond, etaSeconds: pace > 0 ? Math.round(left / pace) : null };
  };
  const report = (phase: RebuildProgress['phase']) => targets.map((t) => progress(t.name, phase)).forEach((p) => input.onProgress(p));

  // Close enough, not equal: under a steady stream of appends a trailing projector may never
  // meet a moving live one; the switch below closes the last gap with the live one stopped.
  const behind = (t: ProjectionTarget) => fresh.position(t.name) + SWITCH_WITHIN < live.emittedUpTo(t.name) || fresh.position(t.name) < total;
  while (targets.some(behind)) {
    report('filling');
    await sleep(200);
  }
  report('switching');
  const switched = new Set<string>();
  let final: RebuildProgress[] = [];
  try {
    for (const t of targets) stoppedAt.set(t.name, await live.detach(t.name));
    fresh.wake();
    while (targets.some((t) => fresh.position(t.name) < stoppedAt.get(t.name)!)) await sleep(5);
    final = targets.map((t) => progress(t.name, 'done'));
    await fresh.stop();
    for (const t of targets) {
      await t.activate(next(t.name));
      switched.add(t.name);
      live.attach({ target: t, generation: next(t.name) });
    }
  } catch (error) {
    // Whatever was not switched goes on live in its old generation, from its checkpoint.
    await fresh.stop();
    for (const t of targets) if (stoppedAt.has(t.name) && !switched.has(t.name)) live.attach({ target: t, generation: generations.get(t.name)! });
    throw error;
  }
  for (const t of targets) input.retire(t, generations.get(t.name)!);
  final.forEach((p) => input.onProgress(p));
  return final;
}
