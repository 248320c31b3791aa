import { useMemo, useRef, useState } from 'preact/hooks';
import { analysePerformance, fetchAggregated, fetchAnomalies, fetchApprovals, fetchFunnel, fetchKpis, fetchPacing, isApiError, syncPerformance, ApiError } from '../api.ts';
import { AlertsPanel } from '../components/performance/AlertsPanel.tsx';
import { AnomaliesPanel } from '../components/performance/AnomaliesPanel.tsx';
import { FunnelPanel } from '../components/performance/FunnelPanel.tsx';
import { KpiCards } from '../components/performance/KpiCards.tsx';
import { PacingPanel } from '../components/performance/PacingPanel.tsx';
import { PerformanceChart } from '../components/performance/PerformanceChart.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { newestFirst, useLiveList, useResource } from '../data.ts';
import { formatDate } from '../format.ts';
import { useLive } from '../live.ts';
import { parsePeriod, periodEndingYesterday, PERIODS } from '../performance.ts';
import { isAgency } from '../roles.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { ApprovalItemDoc } from '../types.ts';

const periodOptions = PERIODS.map((d) => ({ value: String(d), label: `${d} days` }));
const platformOptions = [
  { value: '', label: 'All platforms' },
  { value: 'google_ads', label: 'Google Ads' },
  { value: 'meta', label: 'Meta' },
];

// One tenant's performance: KPIs against the previous period, spend and ROAS per day, open
// alerts, anomalies, pacing and the funnel. The figures are re-read whenever a synced day
// reaches the warehouse (the `performance` channel).
export function PerformancePage({ tenantId }: { readonly tenantId: string }) {
  const session = useSession();
  const agency = isAgency(session?.user);
  const { tenantName } = useScope();
  const { query } = useLocation();
  const days = parsePeriod(query.get('days'));
  const platform = query.get('platform') ?? '';
  const range = useMemo(() => periodEndingYesterday(days), [days]);
  const q = { ...range, platform: platform || null };

  // A sync writes many days at once: re-read once they settle, not once per day.
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setTick((t) => t + 1), 400);
  };
  useLive('performance', tenantId, { onChange: refresh, onRefetch: refresh });

  const deps = [tenantId, range.from, range.to, platform, tick];
  const kpis = useResource(() => fetchKpis(tenantId, q), deps);
  const daily = useResource(() => fetchAggregated(tenantId, q), deps);
  const anomalies = useResource(() => fetchAnomalies(tenantId, { ...range, includeUnsettled: true }), [tenantId, range.from, range.to, tick]);
  const pacing = useResource(() => fetchPacing(tenantId), [tenantId, tick]);
  const funnel = useResource(() => fetchFunnel(tenantId, q), deps);

  const alerts = useLiveList<ApprovalItemDoc>({
    channel: 'approvals',
    collection: 'approvals_queue',
    tenantId,
    load: (cursor) => fetchApprovals({ tenantId, kind: 'performance_alert', ...(cursor ? { cursor } : {}) }),
    accept: (doc) => doc.kind === 'performance_alert' && doc.tenantId === tenantId,
    deps: [tenantId],
  });
  const openAlerts = useMemo(() => newestFirst(alerts.docs ?? [], (d) => d.submittedAt), [alerts.docs]);

  const notFound = kpis.error?.status === 404 || kpis.error?.status === 403;
  const empty = kpis.data !== undefined && kpis.data.current.rows === 0;

  return (
    <>
      <PageHeader
        title="Performance"
        subtitle={
          <>
            {tenantName(tenantId)} · {formatDate(range.from)} – {formatDate(range.to)} against the {days} days before
          </>
        }
        back={<Link href={`/tenants/${tenantId}`}>← {tenantName(tenantId)}</Link>}
        actions={
          <>
            <Segmented label="Period" options={periodOptions} value={String(days)} onChange={(v) => setQuery({ days: v === '30' ? null : v })} />
            <Segmented label="Platform" options={platformOptions} value={platform} onChange={(v) => setQuery({ platform: v })} />
            <Link href={`/reports/${encodeURIComponent(tenantId)}?period=week`} class="button" data-testid="report-link">
              Report
            </Link>
          </>
        }
      />
      {agency && !notFound ? <AgencyActions tenantId={tenantId} range={range} onDone={() => setTick((t) => t + 1)} /> : null}
      {kpis.error && notFound ? (
        <ErrorState error={kpis.error} />
      ) : kpis.error && !kpis.data ? (
        <ErrorState error={kpis.error} onRetry={kpis.reload} />
      ) : !kpis.data ? (
        <Loading label="Loading the figures…" />
      ) : (
        <>
          {empty ? (
            <Empty title="No performance synced yet for this period" testId="performance-empty">
              {agency ? 'Sync now reads the platforms’ daily numbers for these days.' : 'The figures appear here once the agency syncs them.'}
            </Empty>
          ) : (
            <>
              <KpiCards kpis={kpis.data} />
              <section class="panel" aria-label="Spend and ROAS per day">
                <h2 class="panel-title">Spend and ROAS per day</h2>
                {daily.error ? <ErrorState error={daily.error} onRetry={daily.reload} /> : !daily.data ? <Loading label="Loading the days…" /> : <PerformanceChart days={daily.data.days} currency={daily.data.currency} />}
              </section>
            </>
          )}
          <div class="grid-2">
            {alerts.error ? <ErrorState error={alerts.error} onRetry={alerts.reload} /> : <AlertsPanel items={openAlerts} tenantId={tenantId} />}
            <AnomaliesPanel data={anomalies.data} error={anomalies.error} />
            <PacingPanel tenantId={tenantId} data={pacing.data} error={pacing.error} />
            <FunnelPanel data={funnel.data} error={funnel.error} />
          </div>
        </>
      )}
    </>
  );
}

type Outcome = { readonly tone: 'success' | 'error'; readonly text: string } | { readonly error: ApiError };

// Sync now / Analyse now (agency roles): the API's answer, said plainly.
function AgencyActions({ tenantId, range, onDone }: { readonly tenantId: string; readonly range: { from: string; to: string }; readonly onDone: () => void }) {
  const [busy, setBusy] = useState<'sync' | 'analyse' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const act = async (what: 'sync' | 'analyse') => {
    setBusy(what);
    setOutcome(null);
    try {
      if (what === 'sync') {
        const { accounts } = await syncPerformance(tenantId, range);
        const failed = accounts.filter((a) => a.error);
        const recorded = accounts.reduce((n, a) => n + (a.recorded ?? 0) + (a.restated ?? 0), 0);
        setOutcome(
          failed.length > 0
            ? { tone: 'error', text: `Synced ${accounts.length - failed.length} of ${accounts.length} accounts; ${failed.map((a) => a.error!.message).join('; ')}` }
            : { tone: 'success', text: `Synced ${accounts.length} account${accounts.length === 1 ? '' : 's'}: ${recorded} day${recorded === 1 ? '' : 's'} recorded or restated.` },
        );
      } else {
        const { findings, raised } = await analysePerformance(tenantId);
        setOutcome({ tone: 'success', text: `Analysed: ${findings.length} finding${findings.length === 1 ? '' : 's'}, ${raised.length} new alert${raised.length === 1 ? '' : 's'} raised.` });
      }
      onDone();
    } catch (error) {
      setOutcome({ error: isApiError(error) ? error : new ApiError(0, 'client', String(error)) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="perf-actions">
      <button type="button" class="button" disabled={busy !== null} aria-busy={busy === 'sync'} onClick={() => void act('sync')} data-testid="sync-button">
        {busy === 'sync' ? 'Syncing…' : 'Sync now'}
      </button>
      <button type="button" class="button" disabled={busy !== null} aria-busy={busy === 'analyse'} onClick={() => void act('analyse')} data-testid="analyse-button">
        {busy === 'analyse' ? 'Analysing…' : 'Analyse now'}
      </button>
      {outcome === null ? null : 'error' in outcome ? (
        <ErrorMessage error={outcome.error} testId="perf-action-error" />
      ) : (
        <p class={`alert alert-${outcome.tone}`} role="status" data-testid="perf-action-result">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
