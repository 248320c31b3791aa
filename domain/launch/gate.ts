import type { PlanState } from '../plan/state.ts';
import { findVersion } from '../plan/state.ts';
import type { TenantState } from '../tenant/state.ts';
import type { LaunchBlockReason } from './events.ts';
import type { LaunchState } from './state.ts';

// Every precondition is checked, never the first failure only: whoever fixes a blocked
// launch should see the whole list at once.
export function launchGate(version: number, tenant: TenantState, plan: PlanState, launch: LaunchState): LaunchBlockReason[] {
  const reasons: LaunchBlockReason[] = [];
  const planVersion = findVersion(plan, version);
  const lineItems = planVersion?.content.lineItems ?? [];

  if (planVersion?.status !== 'approved') {
    const state = planVersion ? `is ${planVersion.status}` : 'does not exist';
    reasons.push({ code: 'launch.version_not_approved', message: `Version ${version} of plan ${plan.planId} ${state}, not approved` });
  }
  if (tenant.tracking.status !== 'green') {
    reasons.push({
      code: 'launch.tracking_not_green',
      message: `GA4 tracking for tenant ${tenant.id} is ${tenant.tracking.status}; nothing may spend until it is verified green`,
    });
  }
  for (const platform of new Set(lineItems.map((li) => li.platform))) {
    if (!tenant.accounts[platform]) {
      reasons.push({ code: 'launch.platform_not_linked', platform, message: `Tenant ${tenant.id} has no ${platform} account linked` });
    }
  }
  if (tenant.feed.criticalErrors > 0 && lineItems.some((li) => li.objective === 'catalog_sales')) {
    reasons.push({
      code: 'launch.feed_critical_errors',
      message: `The product feed has ${tenant.feed.criticalErrors} critical error(s); catalog sales line items need none`,
    });
  }
  if (approvalRequired(tenant) && launch.approvals.length === 0) {
    reasons.push({
      code: 'launch.approval_required',
      message: `Tenant ${tenant.id}'s policy (${tenant.policy.launchApproval}) requires a launch approval for version ${version} of plan ${plan.planId}`,
    });
  }
  return reasons;
}

// `first_launch`: a tenant's first launch needs a human; after one is recorded, none do.
function approvalRequired(tenant: TenantState): boolean {
  switch (tenant.policy.launchApproval) {
    case 'always':
      return true;
    case 'first_launch':
      return tenant.launches.length === 0;
    case 'never':
      return false;
  }
}
