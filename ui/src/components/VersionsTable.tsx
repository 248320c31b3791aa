import { formatDateTime } from '../format.ts';
import type { VersionSummary } from '../types.ts';
import { Link } from './Link.tsx';
import { RelativeTime } from './RelativeTime.tsx';
import { StatusBadge } from './StatusBadge.tsx';

type Props = {
  readonly tenantId: string;
  readonly planId: string;
  readonly versions: readonly VersionSummary[];
  readonly canDecide: boolean;
  readonly onApprove: (version: number) => void;
  readonly onReject: (version: number) => void;
  readonly onCompare: (version: number) => void;
};

// Every submitted version, newest first, with its fate; the one waiting can be decided here.
export function VersionsTable({ tenantId, planId, versions, canDecide, onApprove, onReject, onCompare }: Props) {
  const rows = [...versions].sort((a, b) => b.version - a.version);
  if (rows.length === 0) return <p class="muted">No version submitted yet. Submitting freezes the draft as version 1 and asks for approval.</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="versions-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Submitted</th>
            <th scope="col">Decision</th>
            <th scope="col" class="actions-col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.version} data-testid="plan-version-row" data-version={v.version}>
              <td class="col-tight">
                <strong>v{v.version}</strong>
                <div class="muted small">
                  <code title={v.contentHash}>{v.contentHash.slice(0, 10)}</code>
                </div>
              </td>
              <td>
                <StatusBadge status={v.status} testId="plan-version-status" />
              </td>
              <td>
                {v.submittedBy}
                <div class="muted small">
                  <RelativeTime iso={v.submittedAt} />
                </div>
              </td>
              <td>
                {v.decidedBy ? (
                  <>
                    {v.decidedBy} <span class="muted small">· {formatDateTime(v.decidedAt)}</span>
                    {v.comment ? <div class="small">“{v.comment}”</div> : null}
                    {v.reason ? <div class="small text-danger">Reason: {v.reason}</div> : null}
                  </>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td class="actions-col">
                {v.version > 1 ? (
                  <button type="button" class="button button-small" onClick={() => onCompare(v.version)}>
                    Compare
                  </button>
                ) : null}
                {v.status === 'approved' ? (
                  <Link class="button button-small" href={`/launches/${tenantId}/${planId}/${v.version}`} data-testid="open-launch">
                    Launch…
                  </Link>
                ) : null}
                {v.status === 'submitted' && canDecide ? (
                  <>
                    <button type="button" class="button button-small button-danger-quiet" onClick={() => onReject(v.version)} data-testid="reject-button">
                      Reject
                    </button>
                    <button type="button" class="button button-small button-primary" onClick={() => onApprove(v.version)} data-testid="approve-button">
                      Approve
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
