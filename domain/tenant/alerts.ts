import { z } from 'zod';
import { isoDateSchema, platformSchema } from '../shared/values.ts';

// Performance alerts (spec 003 §5.2 anomaly detector and pacing planner; spec 002's budget
// overspend): what the analysis found, as facts in the tenant's stream, so each one is in the
// audit, in the approvals queue until a person acknowledges it, and pushed live. The analysis
// itself is pure (domain/performance); these events only record its findings.

export const alertKindSchema = z.enum(['anomaly', 'pacing', 'overspend']);
export type AlertKind = z.infer<typeof alertKindSchema>;
export const alertSeveritySchema = z.enum(['high', 'medium', 'low']);

// One id per finding, from what it is about, so the same finding found again (the weekly run
// repeated, a restart) is recognised and not raised twice: `anomaly:roas_drop:all:2026-11-23`.
export const alertIdSchema = z.string().regex(/^(anomaly|pacing|overspend):[A-Za-z0-9_.:-]{1,200}$/, 'Expected an alert id such as anomaly:roas_drop:all:2026-11-23');

export const performanceAlertSchema = z.strictObject({
  alertId: alertIdSchema,
  kind: alertKindSchema,
  severity: alertSeveritySchema,
  rule: z.string().regex(/^[a-z_]{1,60}$/), // roas_drop, under_pacing, daily_overspend…
  platform: platformSchema.optional(), // absent: across the tenant's platforms
  campaignId: z.string().min(1).max(100).optional(),
  from: isoDateSchema, // the days judged
  to: isoDateSchema,
  current: z.number().finite(),
  baseline: z.number().finite(), // the previous period, the plan to date, the daily budget
  changePct: z.number().finite().nullable(),
  message: z.string().min(1).max(500),
  // Judged on days the platform may still restate (asked for): late conversions may undo it.
  provisional: z.boolean().optional(),
});
export type PerformanceAlert = z.infer<typeof performanceAlertSchema>;

export const alertEventSchemas = {
  'tenant.performance_alert_raised': performanceAlertSchema,
  'tenant.performance_alert_acknowledged': z.strictObject({ alertId: alertIdSchema, note: z.string().trim().min(3).max(2000) }),
} satisfies Record<string, z.ZodType>;

export const alertCommandSchemas = {
  'tenant.raise_performance_alert': performanceAlertSchema,
  'tenant.acknowledge_performance_alert': alertEventSchemas['tenant.performance_alert_acknowledged'],
} satisfies Record<string, z.ZodType>;

// What the tenant remembers: every alert id raised (never raised again) and which are open.
export interface TenantAlerts {
  readonly raised: readonly string[];
  readonly open: readonly string[];
}
