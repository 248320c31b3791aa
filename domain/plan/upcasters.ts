import { z } from 'zod';
import { isoDateSchema, nameSchema, objectiveSchema, platformSchema } from '../shared/values.ts';
import { idSchema } from '../streams.ts';

// plan.line_item_added v1 held the budget as a decimal in major units and no currency.
export const lineItemAddedV1Schema = z.strictObject({
  lineItemId: idSchema,
  name: nameSchema,
  platform: platformSchema,
  objective: objectiveSchema,
  budget: z.number().nonnegative(),
  flightStart: isoDateSchema,
  flightEnd: isoDateSchema,
});

// v1 -> v2: major units to micros. The currency stays absent rather than guessed: this
// event alone cannot know the plan's currency, and evolve supplies it from the plan
// (v1 plans were single-currency, so that is the currency the item was entered in).
// Data that is not valid v1 passes through unchanged so that parsing it as v2 reports
// the problem instead of the upcaster inventing values.
export function lineItemAddedV1ToV2(data: unknown): unknown {
  const v1 = lineItemAddedV1Schema.safeParse(data);
  if (!v1.success) return data;
  const { budget, ...rest } = v1.data;
  return { ...rest, budgetMicros: Math.round(budget * 1_000_000) };
}
