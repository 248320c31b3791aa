import { formatMoney } from '../format.ts';
import type { ApprovalItemDoc } from '../types.ts';
import { Badge } from './Badge.tsx';
import { RelativeTime } from './RelativeTime.tsx';
import { severityTone } from './performance/severity.ts';

type Props = {
  readonly item: ApprovalItemDoc;
  readonly selected: boolean;
  readonly decided: 'approved' | 'rejected' | undefined;
  readonly showTenant: boolean;
  readonly tenantName: string;
  readonly onSelect: () => void;
};

export function ApprovalCard({ item, selected, decided, showTenant, tenantName, onSelect }: Props) {
  const blockers = item.otherBlockReasons?.length ?? 0;
  return (
    <button
      type="button"
      class={`card approval-card${selected ? ' selected' : ''}${decided ? ' decided' : ''}`}
      aria-pressed={selected}
      onClick={onSelect}
      data-testid="approval-item"
      data-id={item.id}
      data-kind={item.kind}
    >
      <span class="approval-card-top">
        {item.kind === 'performance_alert' ? (
          <>
            <Badge tone="accent">Performance alert</Badge>
            {item.performanceAlert ? <Badge tone={severityTone(item.performanceAlert.severity)}>{item.performanceAlert.severity}</Badge> : null}
          </>
        ) : item.kind === 'launch_alert' ? (
          <Badge tone="warning">Launch needs attention</Badge>
        ) : item.kind === 'launch' ? (
          <Badge tone="accent">Launch</Badge>
        ) : (
          <Badge tone="info">Plan version</Badge>
        )}
        {showTenant ? <span class="approval-tenant">{tenantName}</span> : null}
        {item.budgetMicros !== undefined ? <span class="approval-budget">{formatMoney(item.budgetMicros, item.currency)}</span> : null}
      </span>
      <span class="approval-title">{item.title}</span>
      <span class="approval-meta">
        {item.kind === 'launch_alert' || item.kind === 'performance_alert' ? 'Since' : <>Asked by <strong>{item.submittedBy}</strong> ·</>} <RelativeTime iso={item.submittedAt} />
      </span>
      {blockers > 0 ? (
        <span class="approval-warning">
          Also blocked by {blockers} other reason{blockers === 1 ? '' : 's'}
        </span>
      ) : null}
      {decided ? (
        <span class="approval-decided" role="status">
          {item.kind === 'performance_alert' ? 'Acknowledged' : decided === 'approved' ? 'Approved' : 'Rejected'} — updating…
        </span>
      ) : null}
    </button>
  );
}
