import type { StateChange, StateRow } from '../stateView.ts';
import { KeyValues } from './KeyValues.tsx';

// A stream's state, field by field, formatted as the rest of the console shows it.
export function StateView({ rows }: { readonly rows: readonly StateRow[] }) {
  if (rows.length === 0) return <p class="muted">Nothing recorded yet.</p>;
  return (
    <div data-testid="asof-state">
      <KeyValues items={rows.map((r) => [r.label, r.value] as const)} />
    </div>
  );
}

// What changed between then and now, one field a row; marked in words, not only colour.
export function StateChanges({ changes }: { readonly changes: readonly StateChange[] }) {
  if (changes.length === 0) return <p class="muted small" data-testid="asof-unchanged">Nothing has changed since then.</p>;
  return (
    <table class="table state-changes" data-testid="asof-changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Then</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} class={`state-change-${c.kind}`} data-testid="asof-change" data-kind={c.kind}>
            <th scope="row">
              {c.label} <span class="muted small">({c.kind})</span>
            </th>
            <td>{c.before}</td>
            <td class="diff-mark">{c.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
