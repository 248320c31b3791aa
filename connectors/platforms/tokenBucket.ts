import { z } from 'zod';

// `capacity` tokens per `intervalMs`, refilled continuously, starting full: a burst of up to
// `capacity`, then one token every intervalMs / capacity.
export const bucketSpecSchema = z.strictObject({
  capacity: z.number().int().positive(),
  intervalMs: z.number().int().positive(),
});
export type BucketSpec = z.infer<typeof bucketSpecSchema>;

export interface Bucket {
  readonly spec: BucketSpec;
  tokens: number;
  at: number; // when `tokens` was last brought up to date
}

// Refill arithmetic is in floats; a token that is a rounding error short of whole counts,
// so a timer set for the moment a token is due never wakes to find it missing.
const epsilon = 1e-9;

export const fullBucket = (spec: BucketSpec, now: number): Bucket => ({ spec, tokens: spec.capacity, at: now });

export function refill(bucket: Bucket, now: number): void {
  if (now <= bucket.at) return;
  const { capacity, intervalMs } = bucket.spec;
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / intervalMs);
  bucket.at = now;
}

export const hasToken = (bucket: Bucket): boolean => bucket.tokens >= 1 - epsilon;

export function take(bucket: Bucket): void {
  bucket.tokens = Math.max(0, bucket.tokens - 1);
}

// The first whole millisecond at which the bucket (already refilled to `now`) holds a token.
export function tokenDueAt(bucket: Bucket, now: number): number {
  if (hasToken(bucket)) return now;
  const { capacity, intervalMs } = bucket.spec;
  return now + Math.ceil(((1 - bucket.tokens) * intervalMs) / capacity - epsilon);
}
