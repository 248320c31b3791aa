import { useEffect, useState } from 'preact/hooks';
import { fetchPlans } from '../api.ts';
import { CreatePlanDialog } from '../components/CreatePlanDialog.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { newestFirst, useLiveList } from '../data.ts';
import { formatDate, formatMoney } from '../format.ts';
import { canEditPlans } from '../roles.ts';
import { navigate, setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { PlanDoc } from '../types.ts';
import { LoadMore } from '../components/LoadMore.tsx';

const statuses = [
  { value: '', label: 'All' },
  { value: 'draft', label: 'Draft' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

export function PlansPage() {
  const session = useSession();
  const scope = useScope();
  const { tenantId, tenantName } = scope;
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const [creating, setCreating] = useState(false);

  // `/plans?tenant=x` (from a tenant's page) looks at that tenant.
  const linkedTenant = query.get('tenant');
  useEffect(() => {
    if (linkedTenant && scope.canPickTenant) scope.setTenantId(linkedTenant);
    if (linkedTenant) setQuery({ tenant: null });
  }, [linkedTenant]);

  const list = useLiveList<PlanDoc>({
    channel: 'plans',
    collection: 'plans',
    tenantId,
    load: (cursor) => fetchPlans({ tenantId, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }),
    accept: (doc) => (!status || doc.status === status) && (!tenantId || doc.tenantId === tenantId),
    deps: [tenantId, status],
  });
  const plans = newestFirst(list.docs ?? [], (p) => p.updatedAt);

  return (
    <>
      <PageHeader
        title="Plans"
        subtitle={tenantId ? `Media plans of ${tenantName(tenantId)}` : 'Media plans across all tenants'}
        actions={
          <>
            <Segmented label="Status" options={statuses} value={status} onChange={(value) => setQuery({ status: value })} />
            {canEditPlans(session?.user) ? (
              <button type="button" class="button button-primary" onClick={() => setCreating(true)} data-testid="new-plan-button">
                New plan
              </button>
            ) : null}
          </>
        }
      />
      {list.error && !list.docs ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.docs ? (
        <Loading label="Loading plans…" />
      ) : plans.length === 0 ? (
        <Empty title={status ? `No ${status} plans` : 'No plans yet'}>{canEditPlans(session?.user) ? 'Create one with “New plan”.' : 'Plans appear here once the agency drafts them.'}</Empty>
      ) : (
        <div class="panel table-wrap">
          <table class="table" data-testid="plan-table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                {!tenantId ? <th scope="col">Tenant</th> : null}
                <th scope="col">Status</th>
                <th scope="col" class="num">Budget</th>
                <th scope="col" class="num">Allocated</th>
                <th scope="col">Period</th>
                <th scope="col" class="num">Versions</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} data-testid="plan-row" data-id={p.id}>
                  <td>
                    <Link href={`/plans/${p.tenantId}/${p.planId}`} class="strong-link">
                      {p.name}
                    </Link>
                    <div class="muted small">{p.planId}</div>
                  </td>
                  {!tenantId ? <td>{tenantName(p.tenantId)}</td> : null}
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td class="num">{formatMoney(p.budgetMicros, p.currency)}</td>
                  <td class="num">
                    {formatMoney(p.allocatedMicros, p.currency)}
                    <div class="muted small">{p.budgetMicros > 0 ? `${Math.round((p.allocatedMicros / p.budgetMicros) * 100)} %` : ''}</div>
                  </td>
                  <td>
                    <span class="nowrap">{formatDate(p.periodStart)} –</span> <span class="nowrap">{formatDate(p.periodEnd)}</span>
                  </td>
                  <td class="num">{p.latestVersion ?? '—'}</td>
                  <td>
                    <RelativeTime iso={p.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
      {creating ? (
        <CreatePlanDialog
          onClose={() => setCreating(false)}
          onCreated={(t, planId) => {
            setCreating(false);
            navigate(`/plans/${t}/${planId}`);
          }}
        />
      ) : null}
    </>
  );
}
