// What the soak measures as it runs: each operation's latencies, and every answer's status
// per route, so a 5xx is reported where it happened.
export interface OperationFigures {
  readonly count: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface Recorder {
  record(operation: string, route: string, status: number, ms: number): void;
  failed(operation: string, route: string, error: unknown): void; // no answer at all
  operations(seconds: number): Record<string, OperationFigures>;
  serverErrors(): Record<string, number>; // "METHOD /route": count of 5xx
  statuses(): Record<string, Record<string, number>>; // route: status: count
  transportErrors(): Record<string, { count: number; lastError: string }>; // route: requests that got no answer
}

// Nearest-rank percentile of sorted values.
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const round = (ms: number) => Math.round(ms * 10) / 10;

export function recorder(): Recorder {
  const latencies = new Map<string, number[]>();
  const byRoute = new Map<string, Map<number, number>>();
  const noAnswer = new Map<string, number>();
  const lastErrors = new Map<string, string>();
  return {
    record(operation, route, status, ms) {
      const list = latencies.get(operation) ?? [];
      list.push(ms);
      latencies.set(operation, list);
      const statuses = byRoute.get(route) ?? new Map<number, number>();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      byRoute.set(route, statuses);
    },
    failed(_operation, route, error) {
      noAnswer.set(route, (noAnswer.get(route) ?? 0) + 1);
      lastErrors.set(route, (error as Error).message);
    },
    operations(seconds) {
      return Object.fromEntries(
        [...latencies].sort(([a], [b]) => a.localeCompare(b)).map(([operation, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return [operation, { count: sorted.length, perSecond: round(sorted.length / seconds), p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0) }];
        }),
      );
    },
    serverErrors() {
      const out: Record<string, number> = {};
      for (const [route, statuses] of byRoute) for (const [status, n] of statuses) if (status >= 500) out[route] = (out[route] ?? 0) + n;
      return out;
    },
    statuses() {
      return Object.fromEntries([...byRoute].sort(([a], [b]) => a.localeCompare(b)).map(([route, s]) => [route, Object.fromEntries([...s].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]))]));
    },
    transportErrors() {
      return Object.fromEntries([...noAnswer].map(([route, count]) => [route, { count, lastError: lastErrors.get(route) ?? '' }]));
    },
  };
}
