// Everything waiting for a human decision, and nothing else: an item appears when a
// decision becomes due and is deleted when it is made or no longer needed, so the console
// lists the collection as it is.
import type { LaunchBlockReason } from '../../domain/launch/events.ts';
import type { Stamp } from './docs.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { approvalItemId, performanceAlertItemId } from './ids.ts';
import type { PerformanceAlert } from '../../domain/tenant/alerts.ts';
import type { ProjectionChange } from './projection.ts';
import { projection } from './projection.ts';
import { money } from './text.ts';
import { launchAlertChanges, launchAlertEvents, type LaunchAlert } from './launchAlerts.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

// Later: kind 'proposal' for optimisation proposals outside the guardrails (proposal.*
// events), removed when applied, rejected or expired.
// launch_alert: a running launch needs a person (launchAlerts.ts); acted on from its launch page.
// performance_alert: an anomaly, pacing or overspend finding, until a person acknowledges it.
export type ApprovalKind = 'plan_version' | 'launch' | 'launch_alert' | 'performance_alert';

export type ApprovalItemDoc = {
  readonly id: string; // approvalItemId
  readonly kind: ApprovalKind;
  readonly planId: string; // '' for a performance alert (about the tenant, not a plan)
  readonly version: number; // 0 for a performance alert
  readonly title: string;
  readonly submittedBy: string; // who asked: the submitter, or who requested the launch
  readonly submittedAt: string; // when the wait began; a repeated launch block keeps it
  // plan_version only
  readonly contentHash?: string;
  readonly budgetMicros?: number;
  readonly currency?: string;
  // launch only: what else blocks it, so the approver knows approving is not enough
  readonly otherBlockReasons?: readonly LaunchBlockReason[];
  // launch_alert only: what the launch waits for, in a sentence
  readonly alert?: LaunchAlert;
  readonly message?: string;
  // performance_alert only: the finding as recorded
  readonly performanceAlert?: PerformanceAlert;
} & Stamp;

const APPROVAL_REQUIRED = 'launch.approval_required';

export const approvalsQueue = projection({
  name: 'approvals_queue',
  indexes: {
    fields: { tenantId: 'string', kind: 'string', submittedAt: 'string' },
    shapes: everyCombination({ optional: ['tenantId', 'kind'], sort: 'submittedAt' }),
  },
  handles: [
    'plan.version_submitted',
    'plan.version_approved',
    'plan.version_rejected',
    'launch.blocked',
    'launch.approval_granted',
    'launch.requested',
    ...launchAlertEvents,
    'tenant.performance_alert_raised',
    'tenant.performance_alert_acknowledged',
    // 'proposal.submitted', 'proposal.applied', 'proposal.rejected' when proposals exist
  ],
  async apply(event, view) {
    const e = event;
    const { tenantId, actor, recordedAt } = e.metadata;
    const existing = async (planId: string, version: number, kind: ApprovalKind) =>
      docAs<ApprovalItemDoc>(await view.get(approvalItemId(tenantId, planId, version, kind)));
    // Deleting only what is there keeps replays and live pushes free of no-op changes.
    const remove = (doc: ApprovalItemDoc | undefined): ProjectionChange[] => (doc ? [{ delete: doc.id }] : []);

    switch (e.type) {
      case 'plan.version_submitted': {
        const { planId, version, contentHash, content } = e.data;
        const item: ApprovalItemDoc = {
          id: approvalItemId(tenantId, planId, version, 'plan_version'),
          kind: 'plan_version',
          planId,
          version,
          title: `Version ${version} of plan ${content.name} (${money(content.budgetMicros, content.currency)})`,
          submittedBy: actor.id,
          submittedAt: recordedAt,
          contentHash,
          budgetMicros: content.budgetMicros,
          currency: content.currency,
          ...stamp(event),
        };
        // A newer submission supersedes the version waiting before it; that holds on a
        // replay too, where the older item may have been put back by its own submission.
        const superseded = version > 1 ? remove(await existing(planId, version - 1, 'plan_version')) : [];
        if (alreadyApplied(await existing(planId, version, 'plan_version'), event)) return superseded;
        return [...superseded, { upsert: item }];
      }
      case 'plan.version_approved':
      case 'plan.version_rejected':
        return remove(await existing(e.data.planId, e.data.version, 'plan_version'));
      case 'launch.approval_granted':
      case 'launch.requested':
        return remove(await existing(e.data.planId, e.data.version, 'launch'));
      case 'launch.blocked': {
        const { planId, version, reasons } = e.data;
        const before = await existing(planId, version, 'launch');
        if (alreadyApplied(before, event)) return [];
        // Blocked for other reasons only: nothing for a human to approve (any longer).
        if (!reasons.some((r) => r.code === APPROVAL_REQUIRED)) return remove(before);
        const item: ApprovalItemDoc = {
          id: approvalItemId(tenantId, planId, version, 'launch'),
          kind: 'launch',
          planId,
          version,
          title: `Launch of version ${version} of plan ${planId}`,
          submittedBy: before?.submittedBy ?? actor.id,
          submittedAt: before?.submittedAt ?? recordedAt,
          otherBlockReasons: reasons.filter((r) => r.code !== APPROVAL_REQUIRED),
          ...stamp(event),
        };
        return [{ upsert: plain(item) }];
      }
      case 'tenant.performance_alert_raised': {
        const id = performanceAlertItemId(tenantId, e.data.alertId);
        if (alreadyApplied(docAs<ApprovalItemDoc>(await view.get(id)), event)) return [];
        const item: ApprovalItemDoc = {
          id, kind: 'performance_alert', planId: '', version: 0, title: e.data.message,
          submittedBy: actor.id, submittedAt: recordedAt, performanceAlert: e.data, ...stamp(event),
        };
        return [{ upsert: plain(item) }];
      }
      case 'tenant.performance_alert_acknowledged':
        return remove(docAs<ApprovalItemDoc>(await view.get(performanceAlertItemId(tenantId, e.data.alertId))));
      default:
        return launchAlertChanges(e, view);
    }
  },
});
