import { useMemo, useState } from 'preact/hooks';
import { fetchApprovals } from '../api.ts';
import { ApprovalCard } from '../components/ApprovalCard.tsx';
import { ApprovalDetail } from '../components/ApprovalDetail.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { newestFirst, useLiveList } from '../data.ts';
import { liveState } from '../live.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import type { ApprovalItemDoc } from '../types.ts';

const kinds = [
  { value: '', label: 'All' },
  { value: 'plan_version', label: 'Plan versions' },
  { value: 'launch', label: 'Launches' },
  { value: 'launch_alert', label: 'Launch alerts' },
  { value: 'performance_alert', label: 'Performance alerts' },
];

// The home page: everything waiting for a decision, newest first, and the selected item
// beside the list with its diff and the approve / reject actions.
export function ApprovalsPage() {
  const { tenantId, tenantName } = useScope();
  const { query } = useLocation();
  const kind = query.get('kind') ?? '';
  const selectedId = query.get('item');
  // Items the user decided here and that the live feed has not removed yet.
  const [decided, setDecided] = useState<Record<string, 'approved' | 'rejected'>>({});

  const list = useLiveList<ApprovalItemDoc>({
    channel: 'approvals',
    collection: 'approvals_queue',
    tenantId,
    load: (cursor) => fetchApprovals({ tenantId, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }),
    accept: (doc) => (!kind || doc.kind === kind) && (!tenantId || doc.tenantId === tenantId),
    deps: [tenantId, kind],
  });

  const items = useMemo(() => newestFirst(list.docs ?? [], (d) => d.submittedAt), [list.docs]);
  const selected = items.find((i) => i.id === selectedId);

  const onDecided = (item: ApprovalItemDoc, decision: 'approved' | 'rejected') => {
    setDecided((d) => ({ ...d, [item.id]: decision }));
    // The queue changes through the live feed; without one, read it again (past our write).
    if (liveState() !== 'connected') list.reload();
  };

  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle={tenantId ? `Waiting for a decision at ${tenantName(tenantId)}` : 'Waiting for a decision, across all tenants'}
        actions={<Segmented label="Kind" options={kinds} value={kind} onChange={(value) => setQuery({ kind: value, item: null })} />}
      />
      {list.error && !list.docs ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.docs ? (
        <Loading label="Loading the queue…" />
      ) : items.length === 0 ? (
        <Empty title="Nothing waits for you" testId="approvals-empty">
          New plan versions and launches that need approval appear here as soon as they are submitted.
        </Empty>
      ) : (
        <div class="split">
          <section class="split-list" aria-label="Queue">
            <p class="list-count" aria-live="polite">
              {items.length} waiting
            </p>
            <ul class="cards" data-testid="approval-list">
              {items.map((item) => (
                <li key={item.id}>
                  <ApprovalCard
                    item={item}
                    selected={item.id === selectedId}
                    decided={decided[item.id]}
                    showTenant={!tenantId}
                    tenantName={tenantName(item.tenantId)}
                    onSelect={() => setQuery({ item: item.id })}
                  />
                </li>
              ))}
            </ul>
          </section>
          <section class="split-detail" aria-label="Selected item">
            {selected ? (
              <ApprovalDetail key={selected.id} item={selected} decided={decided[selected.id]} onDecided={(d) => onDecided(selected, d)} />
            ) : selectedId ? (
              <Empty title="This item is no longer waiting">It was decided, or superseded by a newer version. Pick another item from the queue.</Empty>
            ) : (
              <Empty title="Pick an item">Select an item in the queue to see the version, what changed, and to approve or reject it.</Empty>
            )}
          </section>
        </div>
      )}
    </>
  );
}
