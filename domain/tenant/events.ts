import { z } from 'zod';
import type { EventUnion } from '../shared/decider.ts';
import { currencySchema, nameSchema, platformSchema } from '../shared/values.ts';
import { idSchema } from '../streams.ts';
import { approvalPolicySchema, consentSchema, executionPolicySchema, guardrailsSchema, kpiTargetsSchema, timezoneSchema, trackingStatusSchema } from './values.ts';
import { credentialEventSchemas } from './credentials.ts';
import { alertEventSchemas } from './alerts.ts';
import { summaryEventSchemas } from './summaries.ts';

export const tenantEventSchemas = {
  'tenant.created': z.strictObject({ tenantId: idSchema, name: nameSchema, currency: currencySchema, timezone: timezoneSchema }),
  'tenant.platform_account_linked': z.strictObject({
    platform: platformSchema,
    accountId: z.string().min(1).max(100),
    accountName: nameSchema,
  }),
  // Carries the account that was unlinked, so history reads without replaying the link.
  'tenant.platform_account_unlinked': z.strictObject({ platform: platformSchema, accountId: z.string().min(1).max(100) }),
  'tenant.tracking_health_reported': z.strictObject({
    status: trackingStatusSchema,
    source: z.literal('ga4'),
    detail: z.string().max(2000).optional(),
  }),
  'tenant.feed_health_reported': z.strictObject({
    criticalErrors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  }),
  'tenant.approval_policy_set': approvalPolicySchema,
  'tenant.execution_policy_set': executionPolicySchema,
  'tenant.guardrails_set': guardrailsSchema,
  'tenant.kpi_targets_set': kpiTargetsSchema,
  'tenant.consent_profile_set': consentSchema,
  'tenant.launch_recorded': z.strictObject({ planId: idSchema, version: z.number().int().positive() }),
  ...credentialEventSchemas,
  ...alertEventSchemas,
  ...summaryEventSchemas,
} satisfies Record<string, z.ZodType>;

export type TenantEventType = keyof typeof tenantEventSchemas;
export type TenantEvent = EventUnion<typeof tenantEventSchemas>;
