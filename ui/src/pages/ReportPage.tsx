import { useMemo } from 'preact/hooks';
import { fetchApprovals, fetchKpis, fetchPerfCampaigns } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { severityTone } from '../components/performance/severity.ts';
import { Segmented } from '../components/Segmented.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { useResource } from '../data.ts';
import { formatDate, formatMoney, platformName } from '../format.ts';
import { changeTone, formatPct, periodEndingYesterday, toCsv, type CampaignTotals, type KpiAnswer, type MetricName, toCents } from '../performance.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';

const cents = (units: number | null, currency: string | null) => (units === null ? '—' : formatMoney(Math.round(units * 100) * 10_000, currency));
const rows: readonly [MetricName, string, (v: number | null, c: string | null) => string][] = [
  ['spend', 'Spend', cents],
  ['impressions', 'Impressions', (v) => (v === null ? '—' : v.toLocaleString())],
  ['clicks', 'Clicks', (v) => (v === null ? '—' : v.toLocaleString())],
  ['conversions', 'Conversions', (v) => (v === null ? '—' : v.toLocaleString(undefined, { maximumFractionDigits: 1 }))],
  ['revenue', 'Revenue', cents],
  ['roas', 'ROAS', (v) => (v === null ? '—' : `${v.toFixed(2)}×`)],
  ['cpa', 'CPA', cents],
  ['ctr', 'CTR', (v) => (v === null ? '—' : `${v.toFixed(2)} %`)],
  ['cpc', 'CPC', cents],
];

// A printable summary of one tenant's week or month (the 7 or 30 days ending yesterday, against
// the same length before): KPIs, top campaigns (also as CSV), and the alerts still open.
export function ReportPage({ tenantId }: { readonly tenantId: string }) {
  const { tenantName } = useScope();
  const { query } = useLocation();
  const period = query.get('period') === 'month' ? 'month' : 'week';
  const range = useMemo(() => periodEndingYesterday(period === 'month' ? 30 : 7), [period]);
  const kpis = useResource(() => fetchKpis(tenantId, range), [tenantId, range.from]);
  const campaigns = useResource(() => fetchPerfCampaigns(tenantId, { ...range, limit: 10 }), [tenantId, range.from]);
  const alerts = useResource(() => fetchApprovals({ tenantId, kind: 'performance_alert' }), [tenantId]);

  return (
    <div class="report" data-testid="report">
      <PageHeader
        title={`${period === 'month' ? 'Monthly' : 'Weekly'} report · ${tenantName(tenantId)}`}
        subtitle={`${formatDate(range.from)} – ${formatDate(range.to)}, against the ${period === 'month' ? 30 : 7} days before`}
        back={
          <Link href={`/performance/${encodeURIComponent(tenantId)}`} class="no-print">
            ← Performance
          </Link>
        }
        actions={
          <span class="no-print page-actions">
            <Segmented label="Period" options={[{ value: 'week', label: 'Week' }, { value: 'month', label: 'Month' }]} value={period} onChange={(v) => setQuery({ period: v })} />
            <button type="button" class="button button-primary" onClick={() => window.print()}>
              Print / PDF
            </button>
          </span>
        }
      />
      {kpis.error ? <ErrorState error={kpis.error} /> : !kpis.data ? <Loading /> : <KpiTable kpis={kpis.data} />}
      <section class="panel">
        <div class="panel-head">
          <h2 class="panel-title">Top campaigns by spend</h2>
          {campaigns.data && campaigns.data.campaigns.length > 0 ? (
            <button type="button" class="button button-small no-print" onClick={() => downloadCsv(`${tenantId}-campaigns-${range.from}-${range.to}.csv`, campaigns.data!.campaigns)} data-testid="download-csv">
              Download CSV
            </button>
          ) : null}
        </div>
        {campaigns.error ? (
          <ErrorState error={campaigns.error} />
        ) : !campaigns.data ? (
          <Loading />
        ) : campaigns.data.campaigns.length === 0 ? (
          <p class="muted">No campaign spent in this period.</p>
        ) : (
          <table class="table report-table" data-testid="report-campaigns">
            <thead>
              <tr>
                <th>Campaign</th>
                <th>Platform</th>
                <th class="num">Spend</th>
                <th class="num">Conversions</th>
                <th class="num">Revenue</th>
                <th class="num">ROAS</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.campaigns.map((c) => (
                <tr key={c.platform + c.campaignId}>
                  <td>{c.campaignName ?? c.campaignId}</td>
                  <td>{platformName(c.platform)}</td>
                  <td class="num">{formatMoney(toCents(c.spendMicros), c.currency)}</td>
                  <td class="num">{c.conversions.toLocaleString(undefined, { maximumFractionDigits: 1 })}</td>
                  <td class="num">{formatMoney(toCents(c.revenueMicros), c.currency)}</td>
                  <td class="num">{c.roas === null ? '—' : `${c.roas.toFixed(2)}×`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel">
        <h2 class="panel-title">Open performance alerts</h2>
        {alerts.error ? (
          <ErrorState error={alerts.error} />
        ) : !alerts.data ? (
          <Loading />
        ) : alerts.data.docs.length === 0 ? (
          <p class="muted">None open.</p>
        ) : (
          <ul class="perf-list">
            {alerts.data.docs.map((d) => (
              <li key={d.id}>
                <Badge tone={severityTone(d.performanceAlert?.severity)}>{d.performanceAlert?.severity ?? 'alert'}</Badge> {d.performanceAlert?.message ?? d.title}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function KpiTable({ kpis }: { readonly kpis: KpiAnswer }) {
  const currency = kpis.current.currency;
  return (
    <section class="panel">
      <h2 class="panel-title">Key figures</h2>
      <table class="table report-table" data-testid="report-kpis">
        <thead>
          <tr>
            <th>Metric</th>
            <th class="num">This period</th>
            <th class="num">Previous</th>
            <th class="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([metric, label, show]) => {
            const m = kpis.comparison.metrics[metric];
            const tone = changeTone(metric, m?.change);
            return (
              <tr key={metric}>
                <td>{label}</td>
                <td class="num">{show(m?.current ?? null, currency)}</td>
                <td class="num">{show(m?.previous ?? null, currency)}</td>
                <td class={`num kpi-${tone}`}>{formatPct(m?.changePct)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function downloadCsv(name: string, campaigns: readonly CampaignTotals[]): void {
  const csv = toCsv(
    ['platform', 'account_id', 'campaign_id', 'campaign_name', 'currency', 'impressions', 'clicks', 'spend', 'conversions', 'revenue', 'ctr', 'cpc', 'cpa', 'roas'],
    campaigns.map((c) => [c.platform, c.accountId, c.campaignId, c.campaignName ?? '', c.currency, c.impressions, c.clicks, c.spend, c.conversions, c.revenue, c.ctr, c.cpc, c.cpa, c.roas]),
  );
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
