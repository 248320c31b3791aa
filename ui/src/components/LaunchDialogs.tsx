import type { LaunchDoc } from '../types.ts';
import { ActionDialog } from './ActionDialog.tsx';

export type LaunchAction = 'request' | 'approve' | 'rollback' | 'resume' | null;

type Props = { readonly action: LaunchAction; readonly tenantId: string; readonly planId: string; readonly version: number; readonly doc: LaunchDoc | undefined; readonly rollbackAction: 'pause' | 'remove' | undefined; readonly onClose: () => void };

// The confirmations behind the launch page's buttons, each sending one command.
export function LaunchDialogs({ action, tenantId, planId, version, doc, rollbackAction, onClose }: Props) {
  const created = Object.values(doc?.execution?.campaigns ?? {}).filter((c) => c.platformCampaignId).length;
  const common = { onDone: onClose, onClose };
  switch (action) {
    case 'request':
      return (
        <ActionDialog title={`Launch version ${version}`} confirmLabel="Launch" command={() => ({ type: 'launch.request', tenantId, data: { planId, version } })} {...common}>
          <p>The launch gate checks approval, tracking, linked accounts and the feed. If anything fails, the launch is blocked and the reasons are listed.</p>
        </ActionDialog>
      );
    case 'approve':
      return (
        <ActionDialog
          title={`Approve the launch of version ${version}`}
          confirmLabel="Approve launch"
          text={{ label: 'Comment', minLength: 0 }}
          command={(comment) => ({ type: 'launch.approve', tenantId, data: { planId, version, ...(comment ? { comment } : {}) } })}
          {...common}
        />
      );
    case 'rollback':
      return (
        <ActionDialog
          title={`Roll back version ${version}?`}
          confirmLabel={`Roll back version ${version}`}
          tone="danger"
          text={{ label: 'Reason', minLength: 3, placeholder: 'Why this version must come down', hint: 'Recorded in the audit trail.' }}
          command={(reason) => ({ type: 'launch.request_rollback', tenantId, data: { planId, version, reason } })}
          {...common}
        >
          <p class="alert alert-warning">
            The launch saga will {rollbackAction === 'remove' ? 'remove' : 'pause'} the {created} campaign{created === 1 ? '' : 's'} version {version} created, and record each platform's answer. The history stays.
          </p>
        </ActionDialog>
      );
    case 'resume':
      return (
        <ActionDialog
          title={`Resume version ${version}?`}
          confirmLabel={`Resume version ${version}`}
          text={{ label: 'Reason', minLength: 3, placeholder: 'Why this version should spend again', hint: 'Recorded in the audit trail.' }}
          command={(reason) => ({ type: 'launch.request_resume', tenantId, data: { planId, version, reason } })}
          {...common}
        >
          <p class="alert alert-warning">The launch saga will enable the paused campaigns of version {version} again, one platform at a time.</p>
        </ActionDialog>
      );
    default:
      return null;
  }
}
