import { useMemo } from 'preact/hooks';
import { fetchApprovals, fetchKpis, fetchPerformanceTenants, isApiError } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useLiveList, useResource } from '../data.ts';
import { formatMoney } from '../format.ts';
import { attentionReasons, formatPct, needsAttention, periodEndingYesterday, topPerformers, type TenantRow, toCents } from '../performance.ts';
import { isAgency } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { ApprovalItemDoc } from '../types.ts';
import { PerformancePage } from './PerformancePage.tsx';

type Loaded = { readonly rows: readonly TenantRow[]; readonly failed: readonly { tenantId: string; message: string }[] };

// Every tenant with synced numbers, the last 30 days against the 30 before: a table, the best
// ROAS, and who needs attention (open high-severity alerts, ROAS down more than 20 %).
export function PerformanceOverviewPage() {
  const session = useSession();
  const user = session?.user;
  if (!isAgency(user)) return user?.tenantId ? <PerformancePage tenantId={user.tenantId} /> : <Empty title="No tenant" />;
  return <Overview />;
}

function Overview() {
  const { tenantName } = useScope();
  const range = useMemo(() => periodEndingYesterday(30), []);
  const alerts = useLiveList<ApprovalItemDoc>({
    channel: 'approvals',
    collection: 'approvals_queue',
    tenantId: null,
    load: (cursor) => fetchApprovals({ kind: 'performance_alert', ...(cursor ? { cursor } : {}) }),
    accept: (doc) => doc.kind === 'performance_alert',
    deps: [],
  });
  const figures = useResource<Loaded>(async () => {
    const { tenants } = await fetchPerformanceTenants();
    const failed: { tenantId: string; message: string }[] = [];
    const rows = await Promise.all(
      tenants.map(async (t) => {
        try {
          const k = await fetchKpis(t.tenantId, range);
          return { tenantId: t.tenantId, currency: k.current.currency, spendMicros: k.current.spendMicros, revenueMicros: k.current.revenueMicros, roas: k.current.roas, roasChangePct: k.comparison.metrics.roas?.changePct ?? null };
        } catch (error) {
          failed.push({ tenantId: t.tenantId, message: isApiError(error) ? error.message : String(error) });
          return null;
        }
      }),
    );
    return { rows: rows.filter((r) => r !== null).map((r) => ({ ...r, openHighAlerts: 0 })), failed };
  }, [range.from]);

  const rows = useMemo<readonly TenantRow[]>(() => {
    const high = new Map<string, number>();
    for (const a of alerts.docs ?? []) if (a.performanceAlert?.severity === 'high') high.set(a.tenantId, (high.get(a.tenantId) ?? 0) + 1);
    return (figures.data?.rows ?? []).map((r) => ({ ...r, openHighAlerts: high.get(r.tenantId) ?? 0 })).sort((a, b) => b.spendMicros - a.spendMicros);
  }, [figures.data, alerts.docs]);

  const link = (id: string) => <Link href={`/performance/${encodeURIComponent(id)}`}>{tenantName(id)}</Link>;

  return (
    <>
      <PageHeader title="Performance" subtitle={`All tenants · the last 30 days (${range.from} – ${range.to}) against the 30 before`} />
      {figures.error ? (
        <ErrorState error={figures.error} onRetry={figures.reload} />
      ) : !figures.data ? (
        <Loading label="Loading every tenant’s figures…" />
      ) : rows.length === 0 && figures.data.failed.length === 0 ? (
        <Empty title="No performance synced yet for this period" testId="performance-empty" />
      ) : (
        <>
          <div class="grid-2">
            <section class="panel" aria-labelledby="top" data-testid="top-performers">
              <h2 class="panel-title" id="top">
                Top performers (ROAS)
              </h2>
              <ol class="plain-list">
                {topPerformers(rows).map((r) => (
                  <li key={r.tenantId}>
                    {link(r.tenantId)} · {r.roas!.toFixed(2)}×
                  </li>
                ))}
              </ol>
            </section>
            <section class="panel" aria-labelledby="attention" data-testid="attention-needed">
              <h2 class="panel-title" id="attention">
                Attention needed
              </h2>
              {needsAttention(rows).length === 0 ? (
                <p class="muted">No tenant has an open high-severity alert or a ROAS drop over 20 %.</p>
              ) : (
                <ul class="plain-list">
                  {needsAttention(rows).map((r) => (
                    <li key={r.tenantId} data-testid="attention-tenant">
                      {link(r.tenantId)} · {attentionReasons(r).join('; ')}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <div class="panel table-wrap">
            <table class="table report-table" data-testid="performance-tenants">
              <thead>
                <tr>
                  <th>Tenant</th>
                  <th class="num">Spend</th>
                  <th class="num">Revenue</th>
                  <th class="num">ROAS</th>
                  <th class="num">ROAS change</th>
                  <th>Open high alerts</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.tenantId} data-testid="performance-tenant-row">
                    <td>{link(r.tenantId)}</td>
                    <td class="num">{formatMoney(toCents(r.spendMicros), r.currency)}</td>
                    <td class="num">{formatMoney(toCents(r.revenueMicros), r.currency)}</td>
                    <td class="num">{r.roas === null ? '—' : `${r.roas.toFixed(2)}×`}</td>
                    <td class="num">{formatPct(r.roasChangePct)}</td>
                    <td>{r.openHighAlerts > 0 ? <Badge tone="danger">{r.openHighAlerts}</Badge> : '0'}</td>
                  </tr>
                ))}
                {figures.data.failed.map((f) => (
                  <tr key={f.tenantId}>
                    <td>{link(f.tenantId)}</td>
                    <td colSpan={5} class="text-danger">
                      {f.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
