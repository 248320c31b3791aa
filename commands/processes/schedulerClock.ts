// The scheduler's clock, injected: tests move time by hand instead of waiting.
export interface SchedulerClock {
  now(): Date;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (fire, ms) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

