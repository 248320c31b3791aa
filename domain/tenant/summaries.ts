import { z } from 'zod';
import { currencySchema, isoDateSchema } from '../shared/values.ts';

// The spec's monthly executive summary (§7.3), computed, not written: a period's KPIs against
// the period before, issued once per period into the tenant's stream, so a client's report of
// November says what the log said on the day it was issued, and the audit shows when it was.
const ratio = z.number().finite().nullable();
export const performanceSummarySchema = z.strictObject({
  summaryId: z.string().regex(/^monthly:\d{4}-\d{2}$/, 'Expected a summary id such as monthly:2026-11'),
  from: isoDateSchema,
  to: isoDateSchema,
  currency: currencySchema.nullable(), // null: nothing was spent in the period
  spendMicros: z.number().int().nonnegative(),
  revenueMicros: z.number().int().nonnegative(),
  conversions: z.number().nonnegative(),
  roas: ratio,
  cpa: ratio,
  ctr: ratio,
  // % change against the period before, per metric; null where the period before had none.
  changePct: z.strictObject({ spend: ratio, revenue: ratio, conversions: ratio, roas: ratio, cpa: ratio, ctr: ratio }),
});
export type PerformanceSummary = z.infer<typeof performanceSummarySchema>;

export const summaryEventSchemas = {
  'tenant.performance_summary_issued': performanceSummarySchema,
} satisfies Record<string, z.ZodType>;

export const summaryCommandSchemas = {
  'tenant.issue_performance_summary': performanceSummarySchema,
} satisfies Record<string, z.ZodType>;
