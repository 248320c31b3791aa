import type { DomainError } from '../shared/errors.ts';
import { conflict, notFound, refuse } from '../shared/errors.ts';
import type { TenantCommand } from './commands.ts';
import type { TenantEvent } from './events.ts';
import type { TenantState } from './state.ts';
import { launchKey } from './state.ts';
import { decideCredentials, unlinkBlockedByCredentials } from './decideCredentials.ts';
import { decideAlerts } from './decideAlerts.ts';
import { AGENCY_SCOPE } from '../streams.ts';

// The tenant decides alone: it needs no other aggregate's state.
export type TenantContext = void;

export function decide(command: TenantCommand, tenant: TenantState): readonly TenantEvent[] | DomainError {
  if (command.type === 'tenant.create') {
    if (tenant.exists) return conflict('tenant.already_exists', `Tenant ${tenant.id} already exists`);
    // The agency's own streams (the scheduler's) are scoped by this id: a client tenant of that name would see them.
    if (command.tenantId === AGENCY_SCOPE) return refuse('tenant.reserved_id', `${AGENCY_SCOPE} names the agency itself and cannot be a tenant's id`);
    return [{ type: 'tenant.created', data: { tenantId: command.tenantId, ...command.data } }];
  }
  if (!tenant.exists) return notFound('tenant.not_found', `Tenant ${command.tenantId} does not exist`);

  switch (command.type) {
    case 'tenant.link_platform_account': {
      const { platform, accountId } = command.data;
      const linked = tenant.accounts[platform];
      if (linked) {
        const same = linked.accountId === accountId ? ' already' : '';
        return refuse(
          'tenant.platform_already_linked',
          `Tenant ${tenant.id} is${same} linked to ${platform} account ${linked.accountId} (${linked.accountName}); unlink it first`,
          { platform, accountId: linked.accountId },
        );
      }
      return [{ type: 'tenant.platform_account_linked', data: command.data }];
    }
    case 'tenant.unlink_platform_account': {
      const { platform } = command.data;
      const linked = tenant.accounts[platform];
      if (!linked) return refuse('tenant.platform_not_linked', `Tenant ${tenant.id} has no ${platform} account linked`);
      const credentialsStored = unlinkBlockedByCredentials(tenant, platform);
      if (credentialsStored) return credentialsStored;
      return [{ type: 'tenant.platform_account_unlinked', data: { platform, accountId: linked.accountId } }];
    }
    case 'tenant.report_tracking_health':
      return [{ type: 'tenant.tracking_health_reported', data: command.data }];
    case 'tenant.report_feed_health':
      return [{ type: 'tenant.feed_health_reported', data: command.data }];
    case 'tenant.set_approval_policy':
      return [{ type: 'tenant.approval_policy_set', data: command.data }];
    case 'tenant.set_execution_policy':
      return [{ type: 'tenant.execution_policy_set', data: command.data }];
    case 'tenant.set_guardrails':
      return [{ type: 'tenant.guardrails_set', data: command.data }];
    case 'tenant.set_kpi_targets':
      return [{ type: 'tenant.kpi_targets_set', data: command.data }];
    case 'tenant.set_consent_profile':
      return [{ type: 'tenant.consent_profile_set', data: command.data }];
    case 'tenant.record_launch': {
      // The launch saga may deliver this more than once; the second time is a no-op.
      const { planId, version } = command.data;
      if (tenant.launches.includes(launchKey(planId, version))) return [];
      return [{ type: 'tenant.launch_recorded', data: { planId, version } }];
    }
    case 'tenant.store_platform_credentials':
    case 'tenant.rotate_platform_credentials':
    case 'tenant.remove_platform_credentials':
    case 'tenant.record_credential_access':
      return decideCredentials(command, tenant);
    case 'tenant.raise_performance_alert':
    case 'tenant.acknowledge_performance_alert':
      return decideAlerts(command, tenant);
    case 'tenant.issue_performance_summary':
      // Issued once per period: a repeated slot, or a restart, adds nothing.
      return tenant.summaries.includes(command.data.summaryId) ? [] : [{ type: 'tenant.performance_summary_issued', data: command.data }];
  }
}
