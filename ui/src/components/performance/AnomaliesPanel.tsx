import { formatPct, isProvisional, type AnomaliesAnswer } from '../../performance.ts';
import { platformName, words } from '../../format.ts';
import type { ApiError } from '../../api.ts';
import { Badge } from '../Badge.tsx';
import { ErrorState, Loading } from '../States.tsx';
import { severityTone } from './severity.ts';

const scopeName = (scope: string) => (scope === 'all' ? 'All platforms' : platformName(scope));
const figure = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

// What the detector finds on the current numbers (computed on read, nothing recorded): a
// finding that includes days the platform may still restate is labelled provisional.
export function AnomaliesPanel({ data, error }: { readonly data: AnomaliesAnswer | undefined; readonly error: ApiError | undefined }) {
  const found = (data?.scopes ?? []).flatMap((s) => s.anomalies.map((a) => ({ scope: s, anomaly: a })));
  return (
    <section class="panel" aria-labelledby="perf-anomalies" data-testid="performance-anomalies">
      <h2 class="panel-title" id="perf-anomalies">
        Anomalies
      </h2>
      {error ? (
        <ErrorState error={error} />
      ) : !data ? (
        <Loading label="Looking for anomalies…" />
      ) : found.length === 0 ? (
        <p class="muted" data-testid="anomalies-empty">
          No anomalies in the days judged.
          {data.scopes.some((s) => s.unsettledDaysLeftOut > 0) ? ' Days the platforms may still restate were left out.' : ''}
        </p>
      ) : (
        <ul class="perf-list">
          {found.map(({ scope, anomaly }) => {
            const provisional = isProvisional(scope, data.today);
            return (
              <li key={scope.scope + anomaly.rule} data-testid="anomaly" data-provisional={provisional ? 'true' : 'false'}>
                <Badge tone={severityTone(anomaly.severity)}>{anomaly.severity}</Badge> {provisional ? <Badge tone="info" title="Includes days the platform may still restate">Provisional</Badge> : null}{' '}
                <strong>{words(anomaly.rule)}</strong> · {scopeName(scope.scope)}: {anomaly.metric} {figure(anomaly.current)} vs {figure(anomaly.previous)} ({formatPct(anomaly.changePct)}, threshold {anomaly.thresholdPct} %)
                {scope.judged ? (
                  <span class="muted small">
                    {' '}
                    · {scope.judged.current.from} – {scope.judged.current.to} vs {scope.judged.previous.from} – {scope.judged.previous.to}
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
