// The id of every read-model document, one function per collection, written once for the
// projection that owns the collection, the API that reads it and the console that follows
// it live. Imports nothing at run time, so the console can bundle it without the projections.
import type { ApprovalKind } from './approvalsQueue.ts';

export const tenantDocId = (tenantId: string): string => tenantId;
export const planDocId = (tenantId: string, planId: string): string => `${tenantId}:${planId}`;
export const planVersionId = (tenantId: string, planId: string, version: number): string => `${planDocId(tenantId, planId)}:v${version}`;
// A launch is of one plan version, so it carries that version's id (in its own collection).
export const launchDocId = planVersionId;
// A version can wait twice: for its own approval, then for its launch's.
export const approvalItemId = (tenantId: string, planId: string, version: number, kind: ApprovalKind): string =>
  `${planVersionId(tenantId, planId, version)}:${kind}`;
// A launch can wait for several things at once: one item per alert key (partial, touchpoint-tp1…).
export const launchAlertId = (tenantId: string, planId: string, version: number, key: string): string =>
  `${approvalItemId(tenantId, planId, version, 'launch_alert')}:${key}`;
// A performance alert is about the tenant, not a plan: one item per alert id.
export const performanceAlertItemId = (tenantId: string, alertId: string): string => `${tenantId}:performance_alert:${alertId}`;
// A campaign as it exists on a platform: the platform's own id, unique per platform.
export const campaignDocId = (tenantId: string, platform: string, platformCampaignId: string): string => `${tenantId}:${platform}:${platformCampaignId}`;
