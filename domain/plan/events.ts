import { z } from 'zod';
import type { EventUnion } from '../shared/decider.ts';
import { currencySchema, isoDateSchema, microsSchema, nameSchema, objectiveSchema, platformSchema } from '../shared/values.ts';
import { idSchema } from '../streams.ts';

export const creativeAssetIdSchema = z.string().trim().min(1).max(200);
export const landingUrlSchema = z.url({ protocol: /^https$/, error: 'Expected an https:// landing page URL' }).max(2000);

const lineItemFields = {
  lineItemId: idSchema,
  name: nameSchema,
  platform: platformSchema,
  objective: objectiveSchema,
  budgetMicros: microsSchema,
  currency: currencySchema,
  flightStart: isoDateSchema,
  flightEnd: isoDateSchema,
  // What the ads of this line item show and where they lead. Optional while planning; a
  // launch without them waits for a person to supply them (spec 004: human touchpoints).
  creativeAssetId: creativeAssetIdSchema.optional(),
  landingUrl: landingUrlSchema.optional(),
};
export const lineItemSchema = z.strictObject(lineItemFields);
export type LineItem = z.infer<typeof lineItemSchema>;

const planFields = {
  name: nameSchema,
  currency: currencySchema,
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  budgetMicros: microsSchema,
};

// What a submitted version freezes; line items sorted by id so equal plans hash equally.
export const planContentSchema = z.strictObject({ ...planFields, lineItems: z.array(lineItemSchema) });
export type PlanContent = z.infer<typeof planContentSchema>;

const versionSchema = z.number().int().positive();

export const planEventSchemas = {
  'plan.created': z.strictObject({ planId: idSchema, ...planFields }),
  'plan.draft_updated': z.strictObject({
    name: nameSchema.optional(),
    budgetMicros: microsSchema.optional(),
    periodStart: isoDateSchema.optional(),
    periodEnd: isoDateSchema.optional(),
  }),
  // Schema v2. Currency is optional because v1 events (upcast) never stored one; evolve
  // falls back to the plan currency, which the currency rule made every item's anyway.
  'plan.line_item_added': z.strictObject({ ...lineItemFields, currency: currencySchema.optional() }),
  // Only the fields that changed.
  'plan.line_item_updated': z.strictObject({
    lineItemId: idSchema,
    name: nameSchema.optional(),
    platform: platformSchema.optional(),
    objective: objectiveSchema.optional(),
    budgetMicros: microsSchema.optional(),
    currency: currencySchema.optional(),
    flightStart: isoDateSchema.optional(),
    flightEnd: isoDateSchema.optional(),
    creativeAssetId: creativeAssetIdSchema.optional(),
    landingUrl: landingUrlSchema.optional(),
  }),
  'plan.line_item_removed': z.strictObject({ lineItemId: idSchema }),
  // Version facts carry planId so approval queues need not parse stream names.
  'plan.version_submitted': z.strictObject({
    planId: idSchema,
    version: versionSchema,
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    content: planContentSchema,
  }),
  'plan.version_approved': z.strictObject({ planId: idSchema, version: versionSchema, comment: z.string().max(2000).optional() }),
  'plan.version_rejected': z.strictObject({ planId: idSchema, version: versionSchema, reason: z.string().trim().min(3).max(2000) }),
} satisfies Record<string, z.ZodType>;

export type PlanEventType = keyof typeof planEventSchemas;
export type PlanEvent = EventUnion<typeof planEventSchemas>;
