// What a performance sync records: one event per (account, day), holding that day's ad-level
// measures as the platform reported them in one cross-platform shape. Ratios (CPC, CTR,
// ROAS…) are not stored: they follow from these by the spec's formulas wherever they are
// shown, so a correction of a formula never needs history rewritten.
import { z } from 'zod';
import type { CommandUnion, EventUnion } from '../shared/decider.ts';
import { currencySchema, isoDateSchema, microsSchema, platformSchema } from '../shared/values.ts';

const count = z.number().int().nonnegative();
const text = z.string().max(1000);

export const performanceRowSchema = z.strictObject({
  campaignId: z.string().min(1).max(100),
  campaignName: text,
  adGroupId: z.string().min(1).max(100), // Meta: the ad set
  adGroupName: text,
  adId: z.string().min(1).max(100),
  adName: text,
  impressions: count,
  reach: count,
  clicks: count,
  costMicros: microsSchema,
  conversions: z.number().nonnegative(), // fractional on Meta and with data-driven attribution
  conversionValueMicros: microsSchema,
});
export type PerformanceRow = z.infer<typeof performanceRowSchema>;

const account = { platform: platformSchema, accountId: z.string().min(1).max(100) };
const syncId = z.string().regex(/^[A-Za-z0-9_:.-]{8,100}$/);

const day = {
  ...account,
  date: isoDateSchema, // the account's reporting day
  currency: currencySchema,
  // As the platform gave them: conversion window and the date conversions are booked on.
  attribution: z.strictObject({ window: z.string().min(1).max(100), reportTime: z.string().min(1).max(100) }),
  rows: z.array(performanceRowSchema).max(20_000),
};

export const performanceEventSchemas = {
  'performance.synced': z.strictObject({ ...day, contentHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  // A later sync of the same day found other numbers (late conversions): the whole day anew.
  'performance.restated': z.strictObject({ ...day, contentHash: z.string().regex(/^[0-9a-f]{64}$/), previousHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  // The spec's audit of every sync (§9.3: data sync start, complete, error), per account.
  'performance.sync_started': z.strictObject({ ...account, syncId, from: isoDateSchema, to: isoDateSchema }),
  'performance.sync_completed': z.strictObject({ ...account, syncId, days: count, recorded: count, restated: count, unchanged: count }),
  'performance.sync_failed': z.strictObject({ ...account, syncId, code: z.string().min(1).max(200), message: z.string().min(1).max(2000) }),
} satisfies Record<string, z.ZodType>;
export type PerformanceEvent = EventUnion<typeof performanceEventSchemas>;

export const performanceCommandSchemas = {
  'performance.record_day': z.strictObject(day),
  'performance.start_sync': z.strictObject({ ...account, syncId, from: isoDateSchema, to: isoDateSchema }),
  'performance.finish_sync': z.strictObject({
    ...account,
    syncId,
    outcome: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), days: count, recorded: count, restated: count, unchanged: count }),
      z.strictObject({ ok: z.literal(false), code: z.string().min(1).max(200), message: z.string().min(1).max(2000) }),
    ]),
  }),
} satisfies Record<string, z.ZodType>;
export type PerformanceCommand = CommandUnion<typeof performanceCommandSchemas>;
