import { fetchTenants } from '../api.ts';
import { FeedBadge, TrackingBadge } from '../components/HealthBadges.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useLiveList } from '../data.ts';
import { platformName } from '../format.ts';
import { isAgency } from '../roles.ts';
import { useSession } from '../session.ts';
import type { TenantDoc } from '../types.ts';
import { LoadMore } from '../components/LoadMore.tsx';

export function TenantsPage() {
  const session = useSession();
  const agency = isAgency(session?.user);
  const list = useLiveList<TenantDoc>({
    channel: 'tenants',
    collection: 'tenants',
    tenantId: agency ? null : (session?.user.tenantId ?? null),
    load: (cursor) => fetchTenants(cursor ? { cursor } : {}),
    deps: [],
  });
  const tenants = [...(list.docs ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader title="Tenants" subtitle="Clients, their linked ad accounts, tracking and feed health" />
      {list.error && !list.docs ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.docs ? (
        <Loading label="Loading tenants…" />
      ) : tenants.length === 0 ? (
        <Empty title="No tenants yet">An agency admin creates tenants with the tenant.create command.</Empty>
      ) : (
        <div class="panel table-wrap">
          <table class="table" data-testid="tenant-table">
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Tracking</th>
                <th scope="col">Feed</th>
                <th scope="col">Platform accounts</th>
                <th scope="col">Currency</th>
                <th scope="col" class="num">Launches</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.id} data-testid="tenant-row" data-id={t.id}>
                  <td>
                    <Link href={`/tenants/${t.id}`} class="strong-link">
                      {t.name}
                    </Link>
                    <div class="muted small">
                      {t.id} · {t.timezone}
                    </div>
                  </td>
                  <td>
                    <TrackingBadge status={t.tracking.status} />
                  </td>
                  <td>
                    <FeedBadge criticalErrors={t.feed.criticalErrors} warnings={t.feed.warnings} />
                  </td>
                  <td>{Object.keys(t.accounts).length > 0 ? Object.keys(t.accounts).map(platformName).join(', ') : <span class="muted">None linked</span>}</td>
                  <td>{t.currency}</td>
                  <td class="num">{t.launchCount}</td>
                  <td>
                    <RelativeTime iso={t.updatedAt} />
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
