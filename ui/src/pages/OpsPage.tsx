import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchOps, isApiError, startRebuild, type ApiError } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useResource } from '../data.ts';
import { formatDuration, formatLagMs, formatNumber } from '../format.ts';
import { useLive, useLiveState } from '../live.ts';
import { canRebuild, isAgency } from '../roles.ts';
import { useSession } from '../session.ts';
import type { OpsStatus, ProjectionStatus } from '../types.ts';

const num = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n) : String(value);
};

function RebuildProgressRow({ p, columns }: { readonly p: ProjectionStatus; readonly columns: number }) {
  const r = p.rebuild;
  if (!r) return null;
  const done = Number(r.done);
  const total = Number(r.total);
  return (
    <tr class="rebuild-row" data-testid="rebuild-progress" data-projection={p.name} data-phase={r.phase}>
      <td colSpan={columns}>
        <div class="rebuild">
          <span class="rebuild-label">
            Rebuilding into generation {r.generation} · {r.phase}
          </span>
          <ProgressBar value={done} max={total} label={`Rebuild of ${p.name}`} />
          <span class="rebuild-numbers">
            {num(done)} / {num(total)} · {num(r.eventsPerSecond)} events/s · {r.etaSeconds === null ? 'estimating…' : `${formatDuration(r.etaSeconds)} left`}
          </span>
        </div>
      </td>
    </tr>
  );
}

export function OpsPage() {
  const session = useSession();
  const user = session?.user;
  const live = useLiveState();
  const ops = useResource<OpsStatus>(isAgency(user) ? fetchOps : null, []);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [rebuildError, setRebuildError] = useState<ApiError | null>(null);
  const [finished, setFinished] = useState<Record<string, string>>({});
  const [pushedAt, setPushedAt] = useState<string | null>(null);
  const previous = useRef<readonly ProjectionStatus[]>([]);

  // The ops channel pushes every projection's status each second.
  useLive(isAgency(user) ? 'ops' : null, null, {
    onOps: (projections) => {
      ops.setData((data) => ({ projections, parked: data?.parked ?? [] }));
      setPushedAt(new Date().toISOString());
    },
  });

  // A rebuild that was running and is no longer: say so for a while.
  useEffect(() => {
    const now = ops.data?.projections ?? [];
    const ended = previous.current.filter((p) => p.rebuild && !now.find((n) => n.name === p.name)?.rebuild);
    if (ended.length > 0) {
      setFinished((f) => ({ ...f, ...Object.fromEntries(ended.map((p) => [p.name, new Date().toISOString()])) }));
      // Parked events may have changed with the new generation.
      ops.reload();
    }
    previous.current = now;
  }, [ops.data?.projections]);

  // Without the live channel, poll.
  useEffect(() => {
    if (live === 'connected' || !isAgency(user)) return undefined;
    const timer = setInterval(ops.reload, 5000);
    return () => clearInterval(timer);
  }, [live]);

  if (!isAgency(user)) return <Empty title="Ops is for the agency">Projection status and rebuilds are available to agency roles.</Empty>;

  const rebuild = async (name: string) => {
    setStarting(true);
    setRebuildError(null);
    try {
      await startRebuild(name);
      setConfirming(null);
      setFinished(({ [name]: _done, ...rest }) => rest);
      if (live !== 'connected') ops.reload();
    } catch (err) {
      if (isApiError(err)) setRebuildError(err);
    } finally {
      setStarting(false);
    }
  };

  const admin = canRebuild(user);
  const columns = admin ? 10 : 9;

  return (
    <>
      <PageHeader
        title="Ops"
        subtitle={
          <>
            Projections: where each stands in the log, how far behind, how fast.
            {pushedAt ? (
              <>
                {' '}
                Live status, last update <RelativeTime iso={pushedAt} />.
              </>
            ) : null}
          </>
        }
        actions={
          <button type="button" class="button" onClick={ops.reload}>
            Refresh
          </button>
        }
      />
      {ops.error && !ops.data ? (
        <ErrorState error={ops.error} onRetry={ops.reload} />
      ) : !ops.data ? (
        <Loading label="Loading projection status…" />
      ) : (
        <>
          <section class="panel table-wrap" aria-labelledby="projections-title">
            <h2 id="projections-title" class="panel-title">
              Projections
            </h2>
            <table class="table table-middle" data-testid="projection-table">
              <thead>
                <tr>
                  <th scope="col">Projection</th>
                  <th scope="col">State</th>
                  <th scope="col" class="num">Generation</th>
                  <th scope="col" class="num">Position</th>
                  <th scope="col" class="num">Head</th>
                  <th scope="col" class="num">Lag</th>
                  <th scope="col" class="num">Lag time</th>
                  <th scope="col" class="num">Rate</th>
                  <th scope="col" class="num">Parked</th>
                  {admin ? (
                    <th scope="col" class="actions-col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {ops.data.projections.map((p) => (
                  <Fragment key={p.name}>
                    <tr data-testid="projection-row" data-projection={p.name} data-state={p.state}>
                      <td>
                        <code class="strong">{p.name}</code>
                        {p.lastError ? <div class="small text-danger">{p.lastError}</div> : null}
                        {finished[p.name] ? (
                          <div class="small text-success" role="status">
                            Rebuilt <RelativeTime iso={finished[p.name]} />
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <StatusBadge status={p.state} />
                      </td>
                      <td class="num">{p.generation}</td>
                      <td class="num">{num(p.position)}</td>
                      <td class="num">{num(p.head)}</td>
                      <td class={`num${(p.lagEvents ?? 0) > 0 ? ' text-warning' : ''}`}>{p.lagEvents === null ? '—' : `${num(p.lagEvents)} ev`}</td>
                      <td class="num">{formatLagMs(p.lagMs)}</td>
                      <td class="num">{num(p.rate)}/s</td>
                      <td class={`num${p.parked > 0 ? ' text-danger' : ''}`}>{num(p.parked)}</td>
                      {admin ? (
                        <td class="actions-col">
                          <button
                            type="button"
                            class="button button-small"
                            disabled={!!p.rebuild}
                            onClick={() => {
                              setRebuildError(null);
                              setConfirming(p.name);
                            }}
                            data-testid="rebuild-button"
                            aria-label={`Rebuild ${p.name}`}
                          >
                            {p.rebuild ? 'Rebuilding…' : 'Rebuild'}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                    <RebuildProgressRow p={p} columns={columns} />
                  </Fragment>
                ))}
              </tbody>
            </table>
          </section>

          <section class="panel" aria-labelledby="parked-title">
            <h2 id="parked-title" class="panel-title">
              Parked events
            </h2>
            {ops.data.parked.length === 0 ? (
              <p class="muted" data-testid="parked-empty">
                None. Every event applied cleanly.
              </p>
            ) : (
              <div class="table-wrap">
                <table class="table" data-testid="parked-table">
                  <thead>
                    <tr>
                      <th scope="col">Projection</th>
                      <th scope="col">Event</th>
                      <th scope="col" class="num">Position</th>
                      <th scope="col">Error</th>
                      <th scope="col">Parked</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ops.data.parked.map((e) => (
                      <tr key={`${e.collection}:${e.generation}:${e.eventId}`}>
                        <td>
                          <code>{e.collection}</code> <span class="muted small">g{e.generation}</span>
                        </td>
                        <td>
                          <code>{e.type}</code>
                          <div class="muted small">{e.eventId}</div>
                        </td>
                        <td class="num">{num(e.position)}</td>
                        <td class="text-danger small">{e.error}</td>
                        <td>
                          <RelativeTime iso={e.parkedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      {confirming ? (
        <Dialog
          title={`Rebuild ${confirming}?`}
          onClose={() => setConfirming(null)}
          testId="rebuild-dialog"
          footer={
            <>
              <button type="button" class="button" onClick={() => setConfirming(null)} data-testid="dialog-cancel">
                Cancel
              </button>
              <button type="button" class="button button-primary" disabled={starting} onClick={() => void rebuild(confirming)} data-testid="dialog-confirm">
                {starting ? 'Starting…' : 'Rebuild'}
              </button>
            </>
          }
        >
          <p>
            A new generation is built from the start of the log beside the live one; readers switch over when it has caught up. Nothing is pushed or
            sent to platforms again, and the console keeps working meanwhile.
          </p>
          {rebuildError ? <ErrorMessage error={rebuildError} testId="dialog-error" /> : null}
        </Dialog>
      ) : null}
    </>
  );
}
