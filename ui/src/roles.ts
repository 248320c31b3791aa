// What each role may do, as the command registry allows it; the console shows an action
// only to those who may take it.
import type { Role, User } from './types.ts';

const AGENCY: readonly Role[] = ['agency-admin', 'agency-user'];
const APPROVERS: readonly Role[] = ['agency-admin', 'client-admin'];

export const isAgency = (user: User | null | undefined): boolean => !!user && AGENCY.includes(user.role);
export const canApprove = (user: User | null | undefined): boolean => !!user && APPROVERS.includes(user.role);
export const canEditPlans = (user: User | null | undefined): boolean => !!user && AGENCY.includes(user.role);
export const canLaunch = canEditPlans;
export const canRebuild = (user: User | null | undefined): boolean => user?.role === 'agency-admin';

export const roleLabels: Record<Role, string> = {
  'agency-admin': 'Agency admin',
  'agency-user': 'Agency user',
  'client-admin': 'Client admin',
  'client-viewer': 'Client viewer',
};
