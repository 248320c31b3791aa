// How fast each platform may be called: named defaults, and the shape configuration
// overrides them with (checked at start-up by createRateLimiter).
import { z } from 'zod';
import type { Platform } from '../../domain/shared/values.ts';
import { bucketSpecSchema } from './tokenBucket.ts';

// A grant needs a token from every bucket in both lists (e.g. per second and per day).
export const platformLimitsSchema = z.strictObject({
  perTenant: z.array(bucketSpecSchema),
  global: z.array(bucketSpecSchema),
});
export type PlatformLimits = z.infer<typeof platformLimitsSchema>;
export type RateLimits = Readonly<Record<Platform, PlatformLimits>>;

const SECOND = 1000;
const DAY = 86_400 * SECOND;

// Conservative starting values, not published quotas: Google does not publish per-account
// rates and Meta scores usage, so the retry-after a platform sends (pause) and Meta's usage
// headers are what slow us down for real. A tenant has one account per platform, so the
// per-tenant bucket is the per-account one (Google customer id, Meta ad account).
// A bucket lets through at most capacity + w * capacity / intervalMs in any window of w ms,
// so the daily bucket can pass up to twice the quota across two of Google's days; Google's
// RESOURCE_EXHAUSTED for the day, honoured through pause(), is the backstop, and halving
// the capacity would keep under the quota at the price of half the day's operations.
export const GOOGLE_ADS_OPS_PER_SECOND_PER_TENANT = 10;
export const GOOGLE_ADS_OPS_PER_SECOND_PER_TOKEN = 50; // all tenants share one developer token
export const GOOGLE_ADS_OPS_PER_DAY_BASIC_ACCESS = 15_000; // a Basic access developer token's daily operations
export const META_CALLS_PER_SECOND_PER_AD_ACCOUNT = 5;
export const META_CALLS_PER_SECOND_PER_APP = 50;
export const TIKTOK_CALLS_PER_SECOND_PER_ADVERTISER = 5;
export const TIKTOK_CALLS_PER_SECOND_PER_APP = 20;
export const DV360_CALLS_PER_SECOND_PER_ADVERTISER = 1;
export const DV360_CALLS_PER_SECOND_PER_PROJECT = 10;

const perSecond = (capacity: number) => ({ capacity, intervalMs: SECOND });
export const defaultRateLimits: RateLimits = {
  google_ads: {
    perTenant: [perSecond(GOOGLE_ADS_OPS_PER_SECOND_PER_TENANT)],
    global: [perSecond(GOOGLE_ADS_OPS_PER_SECOND_PER_TOKEN), { capacity: GOOGLE_ADS_OPS_PER_DAY_BASIC_ACCESS, intervalMs: DAY }],
  },
  meta: { perTenant: [perSecond(META_CALLS_PER_SECOND_PER_AD_ACCOUNT)], global: [perSecond(META_CALLS_PER_SECOND_PER_APP)] },
  tiktok: { perTenant: [perSecond(TIKTOK_CALLS_PER_SECOND_PER_ADVERTISER)], global: [perSecond(TIKTOK_CALLS_PER_SECOND_PER_APP)] },
  dv360: { perTenant: [perSecond(DV360_CALLS_PER_SECOND_PER_ADVERTISER)], global: [perSecond(DV360_CALLS_PER_SECOND_PER_PROJECT)] },
};
