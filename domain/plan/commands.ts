import { z } from 'zod';
import type { CommandUnion } from '../shared/decider.ts';
import { lineItemSchema, planEventSchemas as events } from './events.ts';

const hasAField = (data: object, except?: string): boolean =>
  Object.entries(data).some(([key, value]) => key !== except && value !== undefined);

export const planCommandSchemas = {
  'plan.create': events['plan.created'],
  'plan.update_draft': events['plan.draft_updated'].refine((d) => hasAField(d), 'Give at least one field to change'),
  'plan.add_line_item': lineItemSchema,
  'plan.update_line_item': events['plan.line_item_updated'].refine(
    (d) => hasAField(d, 'lineItemId'),
    'Give at least one field of the line item to change',
  ),
  'plan.remove_line_item': events['plan.line_item_removed'],
  'plan.submit_version': z.strictObject({}),
  'plan.approve_version': events['plan.version_approved'].omit({ planId: true }),
  'plan.reject_version': events['plan.version_rejected'].omit({ planId: true }),
} satisfies Record<string, z.ZodType>;

export type PlanCommandType = keyof typeof planCommandSchemas;
export type PlanCommand = CommandUnion<typeof planCommandSchemas>;
