import type { ApprovalItemDoc } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { Link } from '../Link.tsx';
import { severityTone } from './severity.ts';

// The tenant's performance alerts that no one has acknowledged yet: the approvals queue's
// items of kind performance_alert, each linking to where it is acknowledged.
export function AlertsPanel({ items, tenantId }: { readonly items: readonly ApprovalItemDoc[]; readonly tenantId: string }) {
  return (
    <section class="panel" aria-labelledby="perf-alerts" data-testid="performance-alerts">
      <div class="panel-head">
        <h2 class="panel-title" id="perf-alerts">
          Open alerts
        </h2>
        <Link href={`/approvals?kind=performance_alert`} class="button button-small">
          Approvals
        </Link>
      </div>
      {items.length === 0 ? (
        <p class="muted" data-testid="performance-alerts-empty">
          No open performance alerts for {tenantId}.
        </p>
      ) : (
        <ul class="perf-list">
          {items.map((item) => {
            const a = item.performanceAlert;
            return (
              <li key={item.id} data-testid="performance-alert" data-severity={a?.severity}>
                <Badge tone={severityTone(a?.severity)}>{a?.severity ?? 'alert'}</Badge>{' '}
                {a?.provisional ? <><Badge tone="info">Provisional</Badge>{' '}</> : null}
                <Link href={`/approvals?kind=performance_alert&item=${encodeURIComponent(item.id)}`}>{a?.message ?? item.title}</Link>
                {a ? (
                  <span class="muted small">
                    {' '}
                    · {a.from} – {a.to}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
