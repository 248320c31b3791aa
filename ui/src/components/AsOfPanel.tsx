import { useEffect, useState } from 'preact/hooks';
import { fetchStreamState, isApiError, type ApiError } from '../api.ts';
import { formatDateTime } from '../format.ts';
import type { StreamState } from '../types.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { JsonView } from './JsonView.tsx';
import { StateChanges, StateView } from './StateView.tsx';
import { stateChanges, stateRows } from '../stateView.ts';
import { Segmented } from './Segmented.tsx';

type Props = { readonly stream: string; readonly onStreamChange: (stream: string) => void; readonly knownStreams: readonly string[] };

// `datetime-local` value for now, in the browser's time zone: "2026-11-22T10:30:05".
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 19);
}

// The state of one stream as it was at a chosen time (or revision), folded from the log.
export function AsOfPanel({ stream, onStreamChange, knownStreams }: Props) {
  const [mode, setMode] = useState<'time' | 'revision'>('time');
  const [time, setTime] = useState(localNow);
  const [revision, setRevision] = useState('');
  const [streamText, setStreamText] = useState(stream);
  const [result, setResult] = useState<{ then: StreamState; now: StreamState } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setStreamText(stream), [stream]);

  const asOf = (): string | undefined => {
    if (mode === 'revision') return revision.trim() || undefined;
    if (!time) return undefined;
    const date = new Date(time); // a local time, as the user picked it
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const name = streamText.trim();
    if (!name) return;
    onStreamChange(name);
    setBusy(true);
    setError(null);
    try {
      // Then and now side by side: what the system knew, and what changed since.
      const [then, now] = await Promise.all([fetchStreamState(name, asOf()), fetchStreamState(name)]);
      setResult({ then, now });
    } catch (err) {
      setResult(null);
      if (isApiError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" id="asof-panel" aria-labelledby="asof-title">
      <h2 id="asof-title" class="panel-title">
        State as of
      </h2>
      <p class="muted small">Folds a stream's events up to a moment: what the system knew then.</p>
      <form class="stack" onSubmit={submit}>
        <Field label="Stream" hint="tenant-{tenant}, plan-{tenant}.{plan} or launch-{tenant}.{plan}.v{n}">
          <input value={streamText} list="known-streams" onInput={(e) => setStreamText((e.target as HTMLInputElement).value)} placeholder="plan-demo.winter-2026" data-testid="asof-stream" spellcheck={false} />
          <datalist id="known-streams">
            {knownStreams.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </Field>
        <Segmented
          label="As of"
          options={[
            { value: 'time', label: 'A time' },
            { value: 'revision', label: 'A revision' },
          ]}
          value={mode}
          onChange={(v) => setMode(v as 'time' | 'revision')}
        />
        {mode === 'time' ? (
          <Field label="Time (your time zone)">
            <input type="datetime-local" step={1} value={time} onInput={(e) => setTime((e.target as HTMLInputElement).value)} data-testid="asof-time" />
          </Field>
        ) : (
          <Field label="Revision" hint="0 is the stream's first event">
            <input inputMode="numeric" pattern="[0-9]*" value={revision} onInput={(e) => setRevision((e.target as HTMLInputElement).value)} data-testid="asof-revision" />
          </Field>
        )}
        <div>
          <button type="submit" class="button button-primary" disabled={busy || !streamText.trim()} data-testid="asof-submit">
            {busy ? 'Loading…' : 'Show state'}
          </button>
        </div>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {result ? (
        <div class="asof-result" data-testid="asof-result">
          <p class="small">
            <strong>{result.then.stream}</strong> at revision <strong>{String(result.then.revision)}</strong>
            {typeof result.then.recordedAt === 'string' ? <> · last event {formatDateTime(result.then.recordedAt, true)}</> : null}
          </p>
          {String(result.then.revision) === '-1' ? <p class="muted">The stream had no events yet at that moment.</p> : <StateView rows={stateRows(result.then.state)} />}
          <h3 class="section-title">
            Changed since then <span class="muted small">(now at revision {String(result.now.revision)})</span>
          </h3>
          <StateChanges changes={stateChanges(String(result.then.revision) === '-1' ? {} : result.then.state, result.now.state)} />
          <details class="small">
            <summary>As stored (JSON)</summary>
            <JsonView value={result.then.state} testId="asof-json" />
          </details>
        </div>
      ) : null}
    </section>
  );
}
