// The query every reporting route takes: a range of the tenant's days (both ends included, at
// most a year and a day, so a chart's range fits one warehouse read) and an optional platform.
// A bad date, from after to, a range too long or an unknown platform is a 400 query.invalid
// naming the field, before any warehouse is asked.
import { z } from 'zod';
import { lengthOf } from '../../domain/performance/days.ts';
import { isoDateSchema, platformSchema } from '../../domain/shared/values.ts';
import { idSchema } from '../../domain/streams.ts';

export const MAX_RANGE_DAYS = 366;
export const MAX_REPORT_LIMIT = 10_000; // the warehouse's own ceiling (readmodels/warehouse/rows.ts)

const range = { from: isoDateSchema, to: isoDateSchema, platform: platformSchema.optional() };

export const limitSchema = z.coerce.number().int().min(1).max(MAX_REPORT_LIMIT).default(1000);

function checkRange({ from, to }: { readonly from: string; readonly to: string }, ctx: z.RefinementCtx): void {
  if (from > to) ctx.addIssue({ code: 'custom', path: ['to'], message: `Expected a day on or after from (${from})` });
  else if (lengthOf({ from, to }) > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A report covers at most ${MAX_RANGE_DAYS} days` });
}

export function reportQuery<S extends z.ZodRawShape>(extra: S) {
  // Runs only once every field parsed, so from and to are real dates here.
  return z.strictObject({ ...range, ...extra }).superRefine((q, ctx) => checkRange(q as { from: string; to: string }, ctx));
}

export const tenantParams = z.strictObject({ tenantId: idSchema });
