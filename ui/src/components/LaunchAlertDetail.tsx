import { formatDateTime } from '../format.ts';
import { useScope } from '../scope.tsx';
import type { ApprovalItemDoc } from '../types.ts';
import { KeyValues } from './KeyValues.tsx';
import { Link } from './Link.tsx';

const whatItIs = { partial: 'Partial launch', touchpoint: 'Waits for a person', escalation: 'Past its deadline', payer_problem: 'Payer problem' } as const;

// A running launch that needs a person: nothing is approved here; the launch page is where
// it is acted on (resolve a touchpoint, roll back), so this says what waits and links there.
export function LaunchAlertDetail({ item }: { readonly item: ApprovalItemDoc }) {
  const { tenantName } = useScope();
  const launch = `/launches/${item.tenantId}/${item.planId}/${item.version}`;
  return (
    <article class="panel detail" data-testid="approval-detail" data-kind="launch_alert">
      <header class="detail-header">
        <div>
          <h2>{item.title}</h2>
          <p class="muted">
            {tenantName(item.tenantId)} · since {formatDateTime(item.submittedAt)}
          </p>
        </div>
        <div class="detail-actions">
          <Link href={launch} class="button button-primary">
            Open the launch
          </Link>
        </div>
      </header>
      <p class="alert alert-warning" data-testid="launch-alert-message">
        {item.message}
      </p>
      <KeyValues
        items={[
          ['What', item.alert ? whatItIs[item.alert] : 'Launch'],
          ['Plan', <Link href={`/plans/${item.tenantId}/${item.planId}`}>{item.planId}</Link>],
          ['Version', <Link href={launch}>Launch of version {item.version}</Link>],
        ]}
      />
    </article>
  );
}
