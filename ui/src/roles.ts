// What each role may do, as the command registry allows it; the console shows an action
// only to those who may take it. The groups are the server's own (domain/shared/roles.ts).
import { isAgencyRole, isApproverRole, type UserRole } from '../../domain/shared/roles.ts';
import type { User } from './types.ts';

export const isAgency = (user: User | null | undefined): boolean => !!user && isAgencyRole(user.role);
export const canApprove = (user: User | null | undefined): boolean => !!user && isApproverRole(user.role);
export const canEditPlans = isAgency;
export const canLaunch = canEditPlans;
// Who administers people: the agency's admin (everyone) and a client's admin (their tenant's).
export const canAdministerUsers = (user: User | null | undefined): boolean => user?.role === 'agency-admin' || user?.role === 'client-admin';
export const canRebuild = (user: User | null | undefined): boolean => user?.role === 'agency-admin';
// A tenant's history export: agency admins, and a client's admins for their own tenant.
export const canExportHistory = (user: User | null | undefined): boolean => user?.role === 'agency-admin' || user?.role === 'client-admin';

export const roleLabels: Record<UserRole, string> = {
  'agency-admin': 'Agency admin',
  'agency-user': 'Agency user',
  'client-admin': 'Client admin',
  'client-viewer': 'Client viewer',
};
