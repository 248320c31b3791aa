import { useState } from 'preact/hooks';
import { fetchLaunch, fetchVersion } from '../api.ts';
import { useResource } from '../data.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { canApprove } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { ApprovalItemDoc } from '../types.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { BlockReasons } from './BlockReasons.tsx';
import { KeyValues } from './KeyValues.tsx';
import { LaunchAlertDetail } from './LaunchAlertDetail.tsx';
import { Link } from './Link.tsx';
import { PerformanceAlertDetail } from './PerformanceAlertDetail.tsx';
import { ErrorState, Loading } from './States.tsx';
import { VersionCompare } from './VersionCompare.tsx';

type Props = {
  readonly item: ApprovalItemDoc;
  readonly decided: 'approved' | 'rejected' | undefined;
  readonly onDecided: (decision: 'approved' | 'rejected') => void;
};

// The selected queue item: what is asked, what changed, and the decision buttons for those
// who may decide.
export function ApprovalDetail(props: Props) {
  // An alert is acted on from its launch page; there is nothing to approve here.
  if (props.item.kind === 'launch_alert') return <LaunchAlertDetail item={props.item} />;
  // A performance finding is acknowledged, not approved.
  if (props.item.kind === 'performance_alert') return <PerformanceAlertDetail item={props.item} acknowledged={props.decided !== undefined} onAcknowledged={() => props.onDecided('approved')} />;
  return <DecisionDetail {...props} />;
}

function DecisionDetail({ item, decided, onDecided }: Props) {
  const session = useSession();
  const { tenantName } = useScope();
  const user = session?.user;
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const isPlan = item.kind === 'plan_version';
  const version = useResource(isPlan ? () => fetchVersion(item.tenantId, item.planId, item.version) : null, [item.id]);
  const launch = useResource(!isPlan ? () => fetchLaunch(item.tenantId, item.planId, item.version) : null, [item.id, item.position]);
  const ownSubmission = user?.id === item.submittedBy;

  return (
    <article class="panel detail" data-testid="approval-detail">
      <header class="detail-header">
        <div>
          <h2>{item.title}</h2>
          <p class="muted">
            {tenantName(item.tenantId)} · asked by <strong>{item.submittedBy}</strong> on {formatDateTime(item.submittedAt)}
          </p>
        </div>
        {canApprove(user) && !decided ? (
          <div class="detail-actions">
            {isPlan ? (
              <button type="button" class="button button-danger-quiet" onClick={() => setDialog('reject')} data-testid="reject-button">
                Reject
              </button>
            ) : null}
            <button type="button" class="button button-primary" onClick={() => setDialog('approve')} data-testid="approve-button">
              Approve
            </button>
          </div>
        ) : null}
      </header>

      {decided ? (
        <p class="alert alert-success" role="status">
          {decided === 'approved' ? 'Approved.' : 'Rejected.'} The queue updates in a moment.
        </p>
      ) : null}
      {ownSubmission && canApprove(user) && !decided ? (
        <p class="alert alert-info">You asked for this yourself; where the tenant's policy requires four eyes, someone else has to approve it.</p>
      ) : null}

      {isPlan ? (
        <>
          <KeyValues
            items={[
              ['Plan', <Link href={`/plans/${item.tenantId}/${item.planId}`}>{item.planId}</Link>],
              ['Version', String(item.version)],
              ['Budget', formatMoney(item.budgetMicros, item.currency)],
              ['Content hash', <code title={item.contentHash}>{item.contentHash?.slice(0, 12)}…</code>],
            ]}
          />
          <h3 class="section-title">What changed</h3>
          {version.error ? (
            <ErrorState error={version.error} onRetry={version.reload} />
          ) : !version.data ? (
            <Loading label="Loading the version…" />
          ) : (
            <VersionCompare tenantId={item.tenantId} planId={item.planId} from={version.data.diffAgainst} to={item.version} />
          )}
        </>
      ) : (
        <>
          <KeyValues
            items={[
              ['Plan', <Link href={`/plans/${item.tenantId}/${item.planId}`}>{item.planId}</Link>],
              ['Version', <Link href={`/launches/${item.tenantId}/${item.planId}/${item.version}`}>Launch of version {item.version}</Link>],
            ]}
          />
          {(item.otherBlockReasons?.length ?? 0) > 0 ? (
            <>
              <h3 class="section-title">Approving alone will not launch it</h3>
              <BlockReasons reasons={item.otherBlockReasons ?? []} />
            </>
          ) : (
            <p class="muted">Approval is the only thing this launch waits for.</p>
          )}
          {launch.error ? <ErrorState error={launch.error} onRetry={launch.reload} /> : null}
          {launch.data && launch.data.approvals.length > 0 ? (
            <>
              <h3 class="section-title">Approvals so far</h3>
              <ul class="plain-list">
                {launch.data.approvals.map((a) => (
                  <li key={a.by + a.at}>
                    <strong>{a.by}</strong> on {formatDateTime(a.at)}
                    {a.comment ? <span class="muted"> — “{a.comment}”</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}

      {dialog === 'approve' ? (
        <ActionDialog
          title={isPlan ? `Approve version ${item.version}` : `Approve the launch of version ${item.version}`}
          confirmLabel="Approve"
          text={{ label: 'Comment', minLength: 0, placeholder: 'Anything the team should know' }}
          command={(comment) => ({
            type: isPlan ? 'plan.approve_version' : 'launch.approve',
            tenantId: item.tenantId,
            data: { planId: item.planId, version: item.version, ...(comment ? { comment } : {}) },
          })}
          onDone={() => {
            setDialog(null);
            onDecided('approved');
          }}
          onClose={() => setDialog(null)}
        >
          <p>{item.title}</p>
        </ActionDialog>
      ) : null}
      {dialog === 'reject' ? (
        <ActionDialog
          title={`Reject version ${item.version}`}
          confirmLabel="Reject"
          tone="danger"
          text={{ label: 'Reason', minLength: 3, placeholder: 'What needs to change', hint: 'The planner sees this reason.' }}
          command={(reason) => ({ type: 'plan.reject_version', tenantId: item.tenantId, data: { planId: item.planId, version: item.version, reason } })}
          onDone={() => {
            setDialog(null);
            onDecided('rejected');
          }}
          onClose={() => setDialog(null)}
        >
          <p>{item.title}</p>
        </ActionDialog>
      ) : null}
    </article>
  );
}
