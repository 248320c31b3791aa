// A scheduler on the launch rig's log and clock, with timers the test fires by moving the
// clock: `moveTo` steps through every timer due on the way, as a running process would
// live through them, and waits for the slots they started.
import { startScheduler, type Scheduler } from '../../commands/processes/scheduler.ts';
import type { SchedulerClock } from '../../commands/processes/schedulerClock.ts';
import type { ScheduledWorkflow, SlotRun } from '../../commands/processes/workflows.ts';
import type { DomainError } from '../../domain/shared/errors.ts';
import { scheduleStream } from '../../domain/streams.ts';
import { launchRig, types, type Rig } from './launchRig.ts';

interface Timer {
  readonly at: number;
  readonly fire: () => void;
}

export interface SchedulerRig {
  readonly rig: Rig;
  readonly clock: SchedulerClock;
  readonly errors: unknown[];
  scheduler?: Scheduler;
  start(workflows: readonly ScheduledWorkflow[]): Promise<Scheduler>;
  moveTo(iso: string): Promise<void>;
  slotEvents(workflow: string): Promise<string[]>; // `type slot` per event, in log order
  close(): Promise<void>;
}

export async function schedulerRig(startAt: string): Promise<SchedulerRig> {
  const rig = await launchRig();
  rig.clock = new Date(startAt);
  let timers: Timer[] = [];
  const clock: SchedulerClock = {
    now: () => rig.clock,
    setTimer(fire, ms) {
      const timer = { at: rig.clock.getTime() + ms, fire };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => void (timers = timers.filter((t) => t !== handle)),
  };
  const s: SchedulerRig = {
    rig,
    clock,
    errors: [],
    async start(workflows) {
      s.scheduler = await startScheduler({ w: rig.w, workflows, clock, retryMs: 60_000, onError: (e) => void s.errors.push(e) });
      await s.scheduler.idle();
      return s.scheduler;
    },
    async moveTo(iso) {
      const end = new Date(iso).getTime();
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        rig.clock = new Date(Math.max(due.at, rig.clock.getTime()));
        due.fire();
        await s.scheduler?.idle();
      }
      rig.clock = new Date(end);
    },
    async slotEvents(workflow) {
      const events = await rig.events(scheduleStream(workflow));
      return types(events).map((type, i) => `${type.replace('schedule.slot_', '')} ${(events[i]!.data as { slot: string }).slot}`);
    },
    async close() {
      await s.scheduler?.stop();
      await rig.close();
    },
  };
  return s;
}

// A task that records the slots it ran (and can be told to fail), for specs of the loop itself.
export function recordingTask(name: string, cron: string, timezone: string, fail?: (slot: string) => DomainError | Error | undefined) {
  const ran: string[] = [];
  const workflow: ScheduledWorkflow = {
    name,
    cron,
    timezone,
    async run({ slot }: SlotRun) {
      ran.push(slot.toISOString());
      const failure = fail?.(slot.toISOString());
      if (failure instanceof Error) throw failure;
      return failure ?? { summary: `ran ${slot.toISOString()}` };
    },
  };
  return { workflow, ran };
}
