// Attempts per key (a client address, a login code) from a token bucket each: the platforms'
// bucket arithmetic, refusing instead of waiting. Buckets that have refilled are forgotten,
// so memory follows the keys seen in the last interval.
import { fullBucket, hasToken, refill, take, tokenDueAt, type Bucket, type BucketSpec } from '../../connectors/platforms/tokenBucket.ts';

export interface AttemptLimiter {
  // undefined: go ahead (one attempt taken); a number: milliseconds until the next is allowed.
  attempt(key: string): number | undefined;
}

export function attemptLimiter(spec: BucketSpec, now: () => number = Date.now, maxKeys = 10_000): AttemptLimiter {
  const buckets = new Map<string, Bucket>();
  const forgetFull = (t: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= spec.capacity) buckets.delete(key);
    }
  };
  return {
    attempt(key) {
      const t = now();
      if (buckets.size >= maxKeys) forgetFull(t);
      const bucket = buckets.get(key) ?? fullBucket(spec, t);
      buckets.set(key, bucket);
      refill(bucket, t);
      if (!hasToken(bucket)) return Math.max(1, tokenDueAt(bucket, t) - t);
      take(bucket);
      return undefined;
    },
  };
}
