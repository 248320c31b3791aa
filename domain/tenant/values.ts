import { z } from 'zod';
import { microsSchema, percentSchema } from '../shared/values.ts';

// Tenant value shapes used by both commands and events (a setting is recorded as given).

export const trackingStatusSchema = z.enum(['green', 'amber', 'red']);
export type TrackingStatus = z.infer<typeof trackingStatusSchema>;

export const timezoneSchema = z.string().min(1).refine(isIanaTimeZone, 'Expected an IANA time zone such as Europe/Istanbul');

export const approvalPolicySchema = z.strictObject({
  launchApproval: z.enum(['always', 'first_launch', 'never']),
  fourEyes: z.boolean(),
  spendChangeThresholdPct: percentSchema,
});
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

// How a launch behaves when part of it fails, and what taking a version back does (spec 004:
// "roll back successful platform if atomic launch required"; rollback "pauses or removes").
export const executionPolicySchema = z.strictObject({
  atomicLaunch: z.boolean(),
  rollbackAction: z.enum(['pause', 'remove']),
});
export type ExecutionPolicy = z.infer<typeof executionPolicySchema>;

export const guardrailsSchema = z.strictObject({
  maxBudgetChangePctPerDay: percentSchema,
  maxBidChangePct: percentSchema,
  hardDailyCapMicros: microsSchema,
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

// Setting KPI targets replaces all of them; an omitted target is no target.
export const kpiTargetsSchema = z.strictObject({
  targetCpaMicros: microsSchema.optional(),
  targetRoas: z.number().nonnegative().optional(),
  targetCtrPct: percentSchema.max(100).optional(),
});
export type KpiTargets = z.infer<typeof kpiTargetsSchema>;

export const consentSchema = z.strictObject({
  profile: z.enum(['strict', 'balanced', 'marketing']),
  regions: z.array(z.string().regex(/^[A-Z]{2,4}$/, 'Expected a region code such as EEA, UK or TR')).optional(),
});
export type Consent = z.infer<typeof consentSchema>;

// Building a DateTimeFormat is costly, and every tenant event replayed asks again about the
// same few zones: each answer is kept (bounded: a zone list is short, a junk flood is not).
const knownZones = new Map<string, boolean>();
function isIanaTimeZone(value: string): boolean {
  const known = knownZones.get(value);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    valid = false;
  }
  if (knownZones.size < 1000) knownZones.set(value, valid);
  return valid;
}
