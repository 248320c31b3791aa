import { fetchLaunches } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { newestFirst, useLiveList } from '../data.ts';
import { formatMoney, platformName } from '../format.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import type { LaunchDoc } from '../types.ts';
import { LoadMore } from '../components/LoadMore.tsx';

const statuses = [
  { value: '', label: 'All' },
  { value: 'requested', label: 'Requested' },
  { value: 'blocked', label: 'Blocked' },
  { value: 'rollback_requested', label: 'Rollback requested' },
  { value: 'none', label: 'Approved only' },
];

export function LaunchesPage() {
  const { tenantId, tenantName } = useScope();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const list = useLiveList<LaunchDoc>({
    channel: 'launches',
    collection: 'launches',
    tenantId,
    load: (cursor) => fetchLaunches({ tenantId, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }),
    accept: (doc) => (!status || doc.status === status) && (!tenantId || doc.tenantId === tenantId),
    deps: [tenantId, status],
  });
  const launches = newestFirst(list.docs ?? [], (l) => l.updatedAt);

  return (
    <>
      <PageHeader
        title="Launches"
        subtitle={tenantId ? `Launches of ${tenantName(tenantId)}` : 'Launches across all tenants'}
        actions={<Segmented label="Status" options={statuses} value={status} onChange={(value) => setQuery({ status: value })} />}
      />
      {list.error && !list.docs ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.docs ? (
        <Loading label="Loading launches…" />
      ) : launches.length === 0 ? (
        <Empty title="No launches here">An approved plan version is launched from its plan page.</Empty>
      ) : (
        <div class="panel table-wrap">
          <table class="table" data-testid="launch-table">
            <thead>
              <tr>
                <th scope="col">Plan version</th>
                {!tenantId ? <th scope="col">Tenant</th> : null}
                <th scope="col">Status</th>
                <th scope="col">Platforms</th>
                <th scope="col" class="num">Budget</th>
                <th scope="col">Requested</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {launches.map((l) => (
                <tr key={l.id} data-testid="launch-row" data-id={l.id}>
                  <td>
                    <Link href={`/launches/${l.tenantId}/${l.planId}/${l.version}`} class="strong-link">
                      {l.planId} v{l.version}
                    </Link>
                  </td>
                  {!tenantId ? <td>{tenantName(l.tenantId)}</td> : null}
                  <td>
                    <StatusBadge status={l.status} />
                    {l.status === 'blocked' && l.blockReasons.length > 0 ? (
                      <div class="muted small">
                        {l.blockReasons.length} reason{l.blockReasons.length === 1 ? '' : 's'}
                      </div>
                    ) : null}
                  </td>
                  <td>{l.manifest ? l.manifest.platforms.map((p) => platformName(p.platform)).join(', ') : <span class="muted">—</span>}</td>
                  <td class="num">{l.manifest ? formatMoney(l.manifest.budgetMicros, l.manifest.currency) : '—'}</td>
                  <td>
                    {l.requested ? (
                      <>
                        {l.requested.by}
                        <div class="muted small">
                          <RelativeTime iso={l.requested.at} />
                        </div>
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td>
                    <RelativeTime iso={l.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
    </>
  );
}
