// Retries with exponential backoff and full jitter, for a remote warehouse's transient faults
// (BigQuery's 5xx and 429 rate limits). Only what `transient` says is retried: a bad query
// fails at once. The clock and the dice are injectable so tests need not wait.
export interface RetryPolicy {
  readonly attempts: number; // in all, the first included
  readonly baseMs: number;
  readonly maxMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 250, maxMs: 8000 };

export async function withRetry<T>(work: () => Promise<T>, transient: (error: unknown) => boolean, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !transient(error)) throw error;
      await sleep(Math.floor(random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1))));
    }
  }
}
