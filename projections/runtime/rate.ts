// Events per second over the last few seconds.
export function rateMeter(windowMs = 5000) {
  const samples: { at: number; count: number }[] = [];
  return {
    add(count: number, at = Date.now()): void {
      samples.push({ at, count });
      while (samples.length > 0 && samples[0]!.at < at - windowMs) samples.shift();
    },
    perSecond(at = Date.now()): number {
      const recent = samples.filter((s) => s.at >= at - windowMs);
      if (recent.length === 0) return 0;
      const span = Math.max(1000, at - recent[0]!.at);
      return Math.round((recent.reduce((sum, s) => sum + s.count, 0) * 1000) / span);
    },
  };
}
