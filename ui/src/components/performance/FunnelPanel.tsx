import { platformName, words } from '../../format.ts';
import type { FunnelAnswer } from '../../performance.ts';
import type { ApiError } from '../../api.ts';
import { Badge } from '../Badge.tsx';
import { ErrorState, Loading } from '../States.tsx';

const channelName = (c: string) => (c === 'google_search' ? 'Google Search' : platformName(c));
const figure = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

// Where each channel's funnel is weakest, against the industry benchmark the API names.
export function FunnelPanel({ data, error }: { readonly data: FunnelAnswer | undefined; readonly error: ApiError | undefined }) {
  return (
    <section class="panel" aria-labelledby="perf-funnel" data-testid="performance-funnel">
      <h2 class="panel-title" id="perf-funnel">
        Funnel{data?.industry ? <span class="muted small"> · benchmarks for {words(data.industry)}</span> : null}
      </h2>
      {error ? (
        <ErrorState error={error} />
      ) : !data ? (
        <Loading label="Loading the funnel…" />
      ) : data.channels.length === 0 ? (
        <p class="muted">No channel with numbers in this period.</p>
      ) : (
        <ul class="perf-list">
          {data.channels.map((c) => (
            <li key={c.channel} data-testid="funnel-channel" data-bottleneck={c.analysis.bottleneckStage ?? ''}>
              <strong>{channelName(c.channel)}</strong>{' '}
              {c.analysis.bottleneckStage ? <Badge tone="warning">Bottleneck: {c.analysis.bottleneckStage}</Badge> : <Badge tone="success">No weak stage</Badge>}
              {c.analysis.weak.length > 0 ? (
                <ul class="plain-list small">
                  {c.analysis.weak.map((w) => (
                    <li key={w.metric}>
                      {w.stage}: {w.metric.toUpperCase()} {figure(w.value)} is {w.direction} {figure(w.threshold)} <span class="muted">({w.source})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {c.analysis.skipped.length > 0 ? <p class="muted small">Not judged: {c.analysis.skipped.map((s) => `${s.metric} (${s.reason})`).join(', ')}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
