import { z } from 'zod';
import type { CommandUnion } from '../shared/decider.ts';
import { credentialCommandSchemas } from './credentials.ts';
import { alertCommandSchemas } from './alerts.ts';
import { summaryCommandSchemas } from './summaries.ts';
import { tenantEventSchemas as events } from './events.ts';

// Most tenant commands record their data as given, so their schemas are the event's.
export const tenantCommandSchemas = {
  'tenant.create': events['tenant.created'].omit({ tenantId: true }),
  'tenant.link_platform_account': events['tenant.platform_account_linked'],
  'tenant.unlink_platform_account': events['tenant.platform_account_unlinked'].omit({ accountId: true }),
  'tenant.report_tracking_health': events['tenant.tracking_health_reported'],
  'tenant.report_feed_health': events['tenant.feed_health_reported'],
  'tenant.set_approval_policy': events['tenant.approval_policy_set'],
  'tenant.set_execution_policy': events['tenant.execution_policy_set'],
  'tenant.set_guardrails': events['tenant.guardrails_set'],
  'tenant.set_kpi_targets': events['tenant.kpi_targets_set'],
  'tenant.set_consent_profile': events['tenant.consent_profile_set'],
  'tenant.record_launch': events['tenant.launch_recorded'],
  ...credentialCommandSchemas,
  ...alertCommandSchemas,
  ...summaryCommandSchemas,
} satisfies Record<string, z.ZodType>;

export type TenantCommandType = keyof typeof tenantCommandSchemas;
export type TenantCommand = CommandUnion<typeof tenantCommandSchemas>;
