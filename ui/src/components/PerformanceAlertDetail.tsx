import { useState } from 'preact/hooks';
import { formatDateTime, platformName, words } from '../format.ts';
import { formatPct } from '../performance.ts';
import { isAgency } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { ApprovalItemDoc } from '../types.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { Badge } from './Badge.tsx';
import { KeyValues } from './KeyValues.tsx';
import { Link } from './Link.tsx';
import { severityTone } from './performance/severity.ts';

const kindLabel = { anomaly: 'Anomaly', pacing: 'Pacing', overspend: 'Overspend' } as const;
const figure = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

// A finding the analysis recorded (tenant.performance_alert_raised): what was judged and how it
// compares; an agency user acknowledges it with a note, which takes it off the queue.
export function PerformanceAlertDetail({ item, acknowledged, onAcknowledged }: { readonly item: ApprovalItemDoc; readonly acknowledged: boolean; readonly onAcknowledged: () => void }) {
  const session = useSession();
  const { tenantName } = useScope();
  const [open, setOpen] = useState(false);
  const a = item.performanceAlert;
  return (
    <article class="panel detail" data-testid="approval-detail" data-kind="performance_alert">
      <header class="detail-header">
        <div>
          <h2>{item.title}</h2>
          <p class="muted">
            {tenantName(item.tenantId)} · raised {formatDateTime(item.submittedAt)}
          </p>
        </div>
        <div class="detail-actions">
          <Link href={`/performance/${encodeURIComponent(item.tenantId)}`} class="button">
            Performance
          </Link>
          {isAgency(session?.user) && !acknowledged && a ? (
            <button type="button" class="button button-primary" onClick={() => setOpen(true)} data-testid="acknowledge-button">
              Acknowledge
            </button>
          ) : null}
        </div>
      </header>
      {acknowledged ? (
        <p class="alert alert-success" role="status">
          Acknowledged. The queue updates in a moment.
        </p>
      ) : null}
      {a ? (
        <>
          <p class={`alert ${a.severity === 'high' ? 'alert-error' : 'alert-warning'}`} data-testid="performance-alert-message">
            {a.message}
          </p>
          <KeyValues
            items={[
              ['Finding', <>{kindLabel[a.kind]} · {words(a.rule)} <Badge tone={severityTone(a.severity)}>{a.severity}</Badge></>],
              ['Where', `${a.platform ? platformName(a.platform) : 'All platforms'}${a.campaignId ? ` · campaign ${a.campaignId}` : ''}`],
              ['Period judged', `${a.from} – ${a.to}`],
              ['Current', figure(a.current)],
              ['Baseline', figure(a.baseline)],
              ['Change', formatPct(a.changePct)],
            ]}
          />
        </>
      ) : (
        <p class="muted">{item.message ?? 'No finding recorded on this item.'}</p>
      )}
      {open && a ? (
        <ActionDialog
          title="Acknowledge this alert"
          confirmLabel="Acknowledge"
          text={{ label: 'Note', minLength: 3, placeholder: 'What was done, or why it is fine', hint: 'Recorded with the acknowledgement, in the audit trail.' }}
          command={(note) => ({ type: 'tenant.acknowledge_performance_alert', tenantId: item.tenantId, data: { alertId: a.alertId, note } })}
          onDone={() => {
            setOpen(false);
            onAcknowledged();
          }}
          onClose={() => setOpen(false)}
        >
          <p>{a.message}</p>
        </ActionDialog>
      ) : null}
    </article>
  );
}
