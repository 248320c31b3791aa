import { z } from 'zod';

// Ids become parts of stream names, where `.` separates parts and `-` ends the category
// only at its first occurrence; so ids may hold `-` but never `.`.
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Expected an id of a-z, 0-9, _ or -, at most 63 characters');

export const tenantStream = (tenantId: string): string => `tenant-${tenantId}`;
export const planStream = (tenantId: string, planId: string): string => `plan-${tenantId}.${planId}`;
export const launchStream = (tenantId: string, planId: string, version: number): string =>
  `launch-${tenantId}.${planId}.v${version}`;

// One account's daily numbers; account ids of the platforms fit the id rule (123-456-7890, act_42).
export const performanceStream = (tenantId: string, platform: string, accountId: string): string => `performance-${tenantId}.${platform}.${accountId}`;

// The agency's own streams (the scheduler's) carry this in the tenant's place, so every stream
// still names a tenant scope: agency roles see it, no client does (no tenant may take the id).
export const AGENCY_SCOPE = 'agency';
// One scheduled workflow's slots: `schedule-agency.daily-sync-all-tenants`.
export const scheduleStream = (workflow: string): string => `schedule-${AGENCY_SCOPE}.${workflow}`;

// One tenant scope's access changes (the agency's people under AGENCY_SCOPE): `access-acme`.
export const accessStream = (scope: string): string => `access-${scope}`;

export type StreamName =
  | { readonly category: 'tenant'; readonly tenantId: string }
  | { readonly category: 'plan'; readonly tenantId: string; readonly planId: string }
  | { readonly category: 'launch'; readonly tenantId: string; readonly planId: string; readonly version: number }
  | { readonly category: 'performance'; readonly tenantId: string; readonly platform: string; readonly accountId: string }
  | { readonly category: 'schedule'; readonly tenantId: typeof AGENCY_SCOPE; readonly workflow: string }
  | { readonly category: 'access'; readonly tenantId: string };

const isId = (value: string | undefined): value is string => value !== undefined && idSchema.safeParse(value).success;

export function parseStreamName(stream: string): StreamName | undefined {
  const dash = stream.indexOf('-');
  if (dash < 0) return undefined;
  const category = stream.slice(0, dash);
  const [tenantId, planId, version, ...rest] = stream.slice(dash + 1).split('.');
  if (!isId(tenantId) || rest.length > 0) return undefined;
  if (category === 'tenant' || category === 'access') return planId === undefined ? { category, tenantId } : undefined;
  if (!isId(planId)) return undefined;
  if (category === 'performance') return isId(version) ? { category, tenantId, platform: planId, accountId: version } : undefined;
  if (category === 'schedule') return tenantId === AGENCY_SCOPE && version === undefined ? { category, tenantId, workflow: planId } : undefined;
  if (category === 'plan') return version === undefined ? { category, tenantId, planId } : undefined;
  if (category === 'launch' && version !== undefined && /^v[1-9]\d{0,8}$/.test(version)) {
    return { category, tenantId, planId, version: Number(version.slice(1)) };
  }
  return undefined;
}
