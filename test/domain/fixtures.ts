// Named facts for specs: a tenant ready to launch, a plan with line items, and so on.
import type { ApprovalPolicy, TenantEvent } from '../../domain/tenant/index.ts';
import type { LineItem, PlanContent, PlanEvent } from '../../domain/plan/index.ts';
import { contentHash, freeze } from '../../domain/plan/index.ts';
import type { Platform } from '../../domain/shared/values.ts';
import type { GivenEvent } from './given.ts';
import { planState, tenantState, TENANT } from './given.ts';

export const M = 1_000_000; // one currency unit in micros

export const tenantCreated: TenantEvent = {
  type: 'tenant.created',
  data: { tenantId: TENANT, name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' },
};
export const linked = (platform: Platform, accountId = `${platform}-1`): TenantEvent => ({
  type: 'tenant.platform_account_linked',
  data: { platform, accountId, accountName: `Acme on ${platform}` },
});
export const tracking = (status: 'green' | 'amber' | 'red'): TenantEvent => ({
  type: 'tenant.tracking_health_reported',
  data: { status, source: 'ga4' },
});
export const feed = (criticalErrors: number, warnings = 0): TenantEvent => ({
  type: 'tenant.feed_health_reported',
  data: { criticalErrors, warnings },
});
export const policy = (p: Partial<ApprovalPolicy>): TenantEvent => ({
  type: 'tenant.approval_policy_set',
  data: { launchApproval: 'always', fourEyes: true, spendChangeThresholdPct: 20, ...p },
});
export const launchRecorded = (planId: string, version: number): TenantEvent => ({ type: 'tenant.launch_recorded', data: { planId, version } });

// Plan q3: 100 EUR from 1 July to 30 September 2026.
const q3 = { name: 'Q3 push', currency: 'EUR', periodStart: '2026-07-01', periodEnd: '2026-09-30', budgetMicros: 100 * M };
export const planCreated: PlanEvent = { type: 'plan.created', data: { planId: 'q3', ...q3 } };
export const item = (lineItemId: string, overrides: Partial<LineItem> = {}): LineItem => ({
  lineItemId,
  name: `Item ${lineItemId}`,
  platform: 'google_ads',
  objective: 'sales',
  budgetMicros: 30 * M,
  currency: 'EUR',
  flightStart: '2026-07-01',
  flightEnd: '2026-07-31',
  ...overrides,
});
export const itemAdded = (lineItemId: string, overrides: Partial<LineItem> = {}): PlanEvent => ({
  type: 'plan.line_item_added',
  data: item(lineItemId, overrides),
});

// The content a submit freezes for plan q3 with these items.
export const content = (...items: LineItem[]): PlanContent => freeze({ ...q3, lineItems: items });
export const submitted = (version: number, c: PlanContent, actor = 'ana'): GivenEvent => ({
  type: 'plan.version_submitted',
  data: { planId: 'q3', version, contentHash: contentHash(c), content: c },
  actor,
});
export const approved = (version: number, actor = 'ben'): GivenEvent => ({ type: 'plan.version_approved', data: { planId: 'q3', version }, actor });
export const rejected = (version: number, actor = 'ben'): GivenEvent => ({
  type: 'plan.version_rejected',
  data: { planId: 'q3', version, reason: 'Too much on search' },
  actor,
});

// A plan whose version 1 (submitted by ana, approved by ben) holds these items.
export const approvedPlan = (...items: LineItem[]) =>
  planState(planCreated, ...items.map((i) => ({ type: 'plan.line_item_added', data: i }) as const), submitted(1, content(...items)), approved(1));

// A tenant with every launch precondition met for Google Ads and Meta.
export const readyTenantEvents = (...extra: GivenEvent[]): GivenEvent[] => [
  tenantCreated,
  linked('google_ads'),
  linked('meta'),
  tracking('green'),
  policy({ launchApproval: 'never' }),
  ...extra,
];
export const readyTenant = (...extra: GivenEvent[]) => tenantState(...readyTenantEvents(...extra));
