// What a running launch needs from a person, as approvals-queue items: a partial launch to
// resolve (roll back or fix), a touchpoint (a disapproved ad, a missing creative), an
// escalation past its SLA, a payer problem for the agency's master billing account. Each
// appears when the launch records it and goes when the log says it no longer waits.
import type { ApprovalItemDoc } from './approvalsQueue.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { launchAlertId } from './ids.ts';
import type { ProjectedEvent, ProjectionChange, ProjectionView } from './projection.ts';
import { words } from './text.ts';

export const launchAlertEvents = [
  'launch.completed',
  'launch.touchpoint_opened',
  'launch.touchpoint_resolved',
  'launch.escalated',
  'launch.payer_problem_flagged',
  'launch.rollback_requested',
] as const;

export type LaunchAlert = 'partial' | 'touchpoint' | 'escalation' | 'payer_problem';

export async function launchAlertChanges(e: ProjectedEvent, view: ProjectionView): Promise<ProjectionChange[]> {
  const { tenantId, actor, recordedAt } = e.metadata;
  const item = async (planId: string, version: number, key: string) => docAs<ApprovalItemDoc>(await view.get(launchAlertId(tenantId, planId, version, key)));
  const raise = async (planId: string, version: number, key: string, alert: LaunchAlert, title: string, message: string): Promise<ProjectionChange[]> => {
    const before = await item(planId, version, key);
    if (alreadyApplied(before, e)) return [];
    const doc: ApprovalItemDoc = {
      id: launchAlertId(tenantId, planId, version, key),
      kind: 'launch_alert',
      planId,
      version,
      title,
      submittedBy: before?.submittedBy ?? actor.id,
      submittedAt: before?.submittedAt ?? recordedAt,
      alert,
      message,
      ...stamp(e),
    };
    return [{ upsert: plain(doc) }];
  };
  const clear = async (planId: string, version: number, ...keys: string[]): Promise<ProjectionChange[]> => {
    const found = await Promise.all(keys.map((k) => item(planId, version, k)));
    return found.filter((d) => d !== undefined).map((d) => ({ delete: d.id }));
  };
  const of = (version: number, planId: string) => `version ${version} of plan ${planId}`;

  switch (e.type) {
    case 'launch.completed': {
      const { planId, version, outcome, campaigns } = e.data;
      const settled = await clear(planId, version, 'escalation-launch_sla');
      if (outcome !== 'partial') return settled;
      const up = campaigns.filter((c) => c.status === 'live' || c.status === 'scheduled').length;
      const message = `${up} of ${campaigns.length} campaigns went live; the others did not. Roll the version back, or fix what failed and launch a new version.`;
      return [...settled, ...(await raise(planId, version, 'partial', 'partial', `Partial launch of ${of(version, planId)}`, message))];
    }
    case 'launch.touchpoint_opened': {
      const { planId, version, touchpointId, kind, message } = e.data;
      return raise(planId, version, `touchpoint-${touchpointId}`, 'touchpoint', `Launch of ${of(version, planId)} waits: ${words(kind)}`, message);
    }
    case 'launch.touchpoint_resolved':
      return clear(e.data.planId, e.data.version, `touchpoint-${e.data.touchpointId}`);
    case 'launch.escalated': {
      const { planId, version, kind, message } = e.data;
      return raise(planId, version, `escalation-${kind}`, 'escalation', `Escalated: ${of(version, planId)}`, message);
    }
    case 'launch.payer_problem_flagged': {
      const { planId, version, platform, accountId, message } = e.data;
      const text = `${words(platform)} account ${accountId} refused the payment: ${message}. Billing runs through the agency's master account, not the client's.`;
      return raise(planId, version, `payer-${platform}`, 'payer_problem', `Payer problem on ${words(platform)} for ${of(version, planId)}`, text);
    }
    case 'launch.rollback_requested':
      // Taking the version back resolves what its launch was waiting for.
      return clear(e.data.planId, e.data.version, 'partial', 'escalation-partial_sla', 'escalation-launch_sla', 'payer-google_ads', 'payer-meta', 'payer-tiktok', 'payer-dv360');
    default:
      return [];
  }
}
