// The scheduler: runs each scheduled workflow once per slot of its cron, in its time zone.
// A slot is claimed in the workflow's stream, through the same command door people use,
// before its task starts; the claim's command id is the slot's, so a second instance or a
// restart is refused the claim (or told it is already made) and never runs the slot again.
// On start (with a lease: on winning it):
// - a slot claimed but never finished belonged to a process that died mid-run; it is
//   recorded as failed (schedule.interrupted), not run again (its work may be half done);
// - the latest slot at or before now runs once if it was never claimed (a missed slot);
//   older missed slots are passed over.
// A task's error, thrown or returned, is recorded as the slot's failure and never stops the loop.
// With several instances, one holds the scheduler's lease and runs slots; the claims still
// keep a slot single if leases ever overlap, and only the holder may call a slot interrupted.
import { scheduleAggregate, type WriteSide } from '../aggregates.ts';
import { INTERRUPTED } from '../../domain/schedule/index.ts';
import type { ProjectorCoordination } from '../../readmodels/documents/port.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { scheduleStream } from '../../domain/streams.ts';
import { loadStream } from '../loadStream.ts';
import { cronSlots, type CronSlots } from './cronSlots.ts';
import { systemClock, type SchedulerClock } from './schedulerClock.ts';
import { runOneSlot, sendAsScheduler, slotId, type SlotReports } from './runSlot.ts';
import type { ScheduledWorkflow } from './workflows.ts';

// setTimeout holds at most 2^31-1 ms (~24.8 days); a longer wait is taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;
export const SCHEDULER_LEASE = 'process_scheduler';
const LEASE_TTL_MS = 30_000; // renewed every 10 s, a third of it

export interface SchedulerOptions extends SlotReports {
  readonly w: WriteSide;
  readonly workflows: readonly ScheduledWorkflow[];
  readonly clock?: SchedulerClock;
  readonly retryMs?: number; // after the log could not take a claim, or the lease was held elsewhere; default 30 s
  // Without coordination this process is the only scheduler.
  readonly coordination?: Pick<ProjectorCoordination, 'acquireLease' | 'releaseLease'>;
  readonly holder?: string;
}

export interface Scheduler {
  // Each workflow's next slot (ISO), for the start-up log.
  nextSlots(): Readonly<Record<string, string | undefined>>;
  // Resolves when no slot is running (tests).
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Loop {
  readonly workflow: ScheduledWorkflow;
  readonly slots: CronSlots;
  lastSeen: string | undefined; // the latest slot claimed, by us or anyone, or passed to a run
  running: Promise<void> | undefined;
  runningSlot: string | undefined;
  timer: unknown;
}

export async function startScheduler(o: SchedulerOptions): Promise<Scheduler> {
  const clock = o.clock ?? systemClock;
  let stopped = false;
  const send = sendAsScheduler(o.w);
  const runSlot = (workflow: ScheduledWorkflow, slot: string) => runOneSlot(send, workflow, slot, o);

  const retryMs = o.retryMs ?? 30_000;
  const holder = o.holder ?? `scheduler-${process.pid}-${Date.now()}`;
  const loops: Loop[] = o.workflows.map((workflow) => ({
    workflow,
    slots: cronSlots(workflow.cron, workflow.timezone),
    lastSeen: undefined,
    running: undefined,
    runningSlot: undefined,
    timer: undefined,
  }));
  let leased = false;
  let leaseTimer: unknown;

  // Taking over (at start, or on winning the lease): what the log says was claimed, and the
  // slots a dead process left open failed as interrupted; then each workflow looks for due work.
  async function takeOver(): Promise<void> {
    for (const loop of loops) {
      const name = loop.workflow.name;
      const loaded = await loadStream(o.w.store, scheduleStream(name), scheduleAggregate, o.w.folds.schedule);
      if (isDomainError(loaded)) throw new Error(`scheduler: ${name}: ${loaded.message}`);
      for (const slot of loaded.state.open.filter((open) => open !== loop.runningSlot)) {
        const failed = await send('schedule.fail_slot', `${slotId(name, slot)}:interrupted`, { workflow: name, slot, code: INTERRUPTED, message: 'The process running this slot stopped before it finished; the slot is not run again' });
        if (isDomainError(failed)) o.onError?.(failed, name);
        else o.onSlot?.(name, slot, 'failed', INTERRUPTED);
      }
      loop.lastSeen = loaded.state.latestClaimed;
    }
    for (const loop of loops) tick(loop);
  }

  // Held: renewed every 10 s. Not held: asked again every retryMs; slots wait meanwhile.
  async function holdLease(coordination: NonNullable<SchedulerOptions['coordination']>): Promise<void> {
    const held = await coordination.acquireLease(SCHEDULER_LEASE, holder, LEASE_TTL_MS).catch((error: unknown) => (o.onError?.(error, SCHEDULER_LEASE), false));
    if (stopped) return;
    const won = held && !leased;
    if (!held && leased) o.onError?.(new Error('the scheduler lost its lease; another instance runs the workflows now'), SCHEDULER_LEASE);
    leased = held;
    leaseTimer = clock.setTimer(() => void holdLease(coordination), held ? LEASE_TTL_MS / 3 : retryMs);
    // A take-over that cannot read the log is tried again at the next renewal.
    if (won) await takeOver().catch((error: unknown) => ((leased = false), o.onError?.(error, SCHEDULER_LEASE)));
  }

  function arm(loop: Loop, ms?: number): void {
    if (stopped) return;
    if (loop.timer !== undefined) clock.clearTimer(loop.timer);
    const now = clock.now();
    const next = loop.slots.nextAfter(now);
    const wait = ms ?? (next ? next.getTime() - now.getTime() : undefined);
    loop.timer = wait === undefined ? undefined : clock.setTimer(() => tick(loop), Math.min(Math.max(wait, 0), MAX_TIMER_MS));
  }

  // Runs the latest due slot if no one has claimed it yet, then waits for the next one.
  function tick(loop: Loop): void {
    loop.timer = undefined;
    if (stopped || loop.running) return; // a running slot ticks again when it ends
    if (!leased) return arm(loop); // the holder of the lease runs slots; this one keeps time
    const due = loop.slots.latestAtOrBefore(clock.now())?.toISOString();
    if (due === undefined || (loop.lastSeen !== undefined && due <= loop.lastSeen)) return arm(loop);
    const before = loop.lastSeen;
    loop.lastSeen = due;
    loop.runningSlot = due;
    loop.running = runSlot(loop.workflow, due)
      .then((retry) => {
        if (retry) loop.lastSeen = before; // the claim did not reach the log: try the slot again
        return retry;
      })
      .catch((error: unknown) => (o.onError?.(error, loop.workflow.name), false))
      .then((retry) => {
        loop.running = undefined;
        loop.runningSlot = undefined;
        if (retry) arm(loop, retryMs);
        else tick(loop);
      });
  }

  if (o.coordination) await holdLease(o.coordination);
  else {
    leased = true;
    await takeOver();
  }

  return {
    nextSlots: () => Object.fromEntries(loops.map((l) => [l.workflow.name, l.slots.nextAfter(clock.now())?.toISOString()])),
    idle: async () => {
      // A finished slot may start the next (a slot that fell due meanwhile), so look again.
      while (loops.some((l) => l.running)) await Promise.all(loops.map((l) => l.running));
    },
    async stop() {
      stopped = true;
      for (const l of loops) if (l.timer !== undefined) clock.clearTimer(l.timer);
      if (leaseTimer !== undefined) clock.clearTimer(leaseTimer);
      await Promise.all(loops.map((l) => l.running));
      if (o.coordination && leased) await o.coordination.releaseLease(SCHEDULER_LEASE, holder).catch(() => undefined);
    },
  };
}
