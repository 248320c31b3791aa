import { z } from 'zod';
import type { EventUnion } from '../shared/decider.ts';
import { currencySchema, microsSchema, objectiveSchema, platformSchema } from '../shared/values.ts';
import { idSchema } from '../streams.ts';
import { executionEventSchemas } from './executionEvents.ts';

const versionSchema = z.number().int().positive();

export const launchBlockReasonSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string().min(1),
  platform: platformSchema.optional(),
});
export type LaunchBlockReason = z.infer<typeof launchBlockReasonSchema>;

// One logical campaign per platform and objective; the execution saga keys its
// idempotency on (tenant, plan version, platform, logicalCampaignKey).
export const manifestCampaignSchema = z.strictObject({
  platform: platformSchema,
  logicalCampaignKey: z.string().min(1),
  name: z.string().min(1),
  objective: objectiveSchema,
  budgetMicros: microsSchema,
  lineItemIds: z.array(idSchema).min(1),
});
export type ManifestCampaign = z.infer<typeof manifestCampaignSchema>;

export const launchManifestSchema = z.strictObject({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  currency: currencySchema,
  platforms: z.array(platformSchema).min(1),
  campaigns: z.array(manifestCampaignSchema).min(1),
});
export type LaunchManifest = z.infer<typeof launchManifestSchema>;

export const launchEventSchemas = {
  'launch.approval_granted': z.strictObject({ planId: idSchema, version: versionSchema, comment: z.string().max(2000).optional() }),
  'launch.requested': launchManifestSchema.extend({ planId: idSchema, version: versionSchema }),
  // An event, not an error: the product must remember why a launch did not happen.
  'launch.blocked': z.strictObject({ planId: idSchema, version: versionSchema, reasons: z.array(launchBlockReasonSchema).min(1) }),
  'launch.rollback_requested': z.strictObject({ planId: idSchema, version: versionSchema, reason: z.string().trim().min(3).max(2000) }),
  ...executionEventSchemas,
} satisfies Record<string, z.ZodType>;

export type LaunchEventType = keyof typeof launchEventSchemas;
export type LaunchEvent = EventUnion<typeof launchEventSchemas>;
