// Slot instants of a cron pattern in a time zone, computed by croner (a maintained cron
// library), never by hand: daylight-saving days are croner's to get right, and the specs
// in test/commands/scheduler.dst.test.ts hold it to that.
import { Cron } from 'croner';

export interface CronSlots {
  // The latest slot at or before `now`; undefined when the pattern has none before it.
  latestAtOrBefore(now: Date): Date | undefined;
  // The first slot strictly after `now`.
  nextAfter(now: Date): Date | undefined;
}

export function cronSlots(pattern: string, timezone: string): CronSlots {
  // paused: croner computes times only; our scheduler owns the timers (and the clock).
  const cron = new Cron(pattern, { timezone, paused: true });
  return {
    // previousRuns excludes a run exactly at its reference, so the reference is a millisecond on.
    latestAtOrBefore: (now) => cron.previousRuns(1, new Date(now.getTime() + 1))[0],
    nextAfter: (now) => cron.nextRun(now) ?? undefined,
  };
}
