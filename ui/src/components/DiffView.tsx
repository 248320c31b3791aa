import { useState } from 'preact/hooks';
import { fieldLabel, formatDate, formatMoney, platformName, words } from '../format.ts';
import type { LineItem, PlanDiff, Value } from '../types.ts';

// The frozen content of a version, as plan_versions stores it.
export type Content = {
  readonly name: string;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly budgetMicros: number;
  readonly lineItems: readonly LineItem[];
};

type Props = {
  readonly diff: PlanDiff;
  readonly fromLabel: string; // "Version 1"
  readonly toLabel: string;
  readonly from?: Content | null; // null: there is no earlier version
  readonly to?: Content;
};

const planFields = ['name', 'currency', 'periodStart', 'periodEnd', 'budgetMicros'] as const;
const itemFields = ['platform', 'objective', 'budgetMicros', 'currency', 'flightStart', 'flightEnd'] as const;

function show(field: string, value: Value | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'budgetMicros' && typeof value === 'number') return formatMoney(value, currency);
  if ((field.endsWith('Start') || field.endsWith('End')) && typeof value === 'string') return formatDate(value);
  if (field === 'platform' && typeof value === 'string') return platformName(value);
  if (field === 'objective' && typeof value === 'string') return words(value);
  return String(value);
}

function signed(micros: number, currency: string): string {
  if (micros === 0) return 'no change';
  return `${micros > 0 ? '+' : '−'}${formatMoney(Math.abs(micros), currency)}`;
}

// Two versions side by side: plan fields, then line items (added, removed, changed field by
// field; unchanged fields and items folded away), then the budget totals. Changes are marked by colour and
// by words, so they read without colour too.
export function DiffView({ diff, fromLabel, toLabel, from, to }: Props) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [showSameFields, setShowSameFields] = useState(false);
  const currency = to?.currency ?? from?.currency ?? String(diff.fields.find((f) => f.field === 'currency')?.to ?? '');
  const changedPlan = new Map(diff.fields.map((f) => [f.field, f]));
  const fieldRows = to
    ? planFields.map((field) => ({ field, from: from ? (from[field] as Value) : null, to: to[field] as Value, changed: changedPlan.has(field) }))
    : diff.fields.map((f) => ({ field: f.field, from: f.from, to: f.to, changed: true }));
  const sameFields = fieldRows.filter((row) => !row.changed).length;

  const fromItems = new Map((from?.lineItems ?? []).map((li) => [li.lineItemId, li]));
  const toItems = new Map((to?.lineItems ?? []).map((li) => [li.lineItemId, li]));
  const changedItems = new Map(diff.lineItems.changed.map((c) => [c.lineItemId, c]));
  type Row = { id: string; kind: 'added' | 'removed' | 'changed' | 'unchanged'; before?: LineItem; after?: LineItem; changed: Set<string> };
  const rows: Row[] = [
    ...diff.lineItems.added.map((li): Row => ({ id: li.lineItemId, kind: 'added', after: li, changed: new Set() })),
    ...diff.lineItems.removed.map((li): Row => ({ id: li.lineItemId, kind: 'removed', before: li, changed: new Set() })),
    ...diff.lineItems.changed.map((c): Row => {
      const before = fromItems.get(c.lineItemId);
      const after = toItems.get(c.lineItemId);
      return { id: c.lineItemId, kind: 'changed', ...(before ? { before } : {}), ...(after ? { after } : {}), changed: new Set(c.changes.map((x) => x.field)) };
    }),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const unchanged = diff.lineItems.unchanged.map((id): Row => {
    const before = fromItems.get(id);
    const after = toItems.get(id);
    return { id, kind: 'unchanged', ...(before ? { before } : {}), ...(after ? { after } : {}), changed: new Set() };
  });

  const totals = diff.totals.lineItemBudgetMicros;
  const nothingChanged = diff.fields.length === 0 && rows.length === 0;

  const itemCell = (row: Row, side: 'before' | 'after') => {
    const item = row[side];
    if (!item) {
      // Field-level changes without the full content: show what the diff carries.
      const change = changedItems.get(row.id);
      if (change && row.kind === 'changed') {
        return (
          <ul class="diff-fields">
            {change.changes.map((c) => (
              <li key={c.field} class="diff-mark">
                <span class="diff-field-name">{fieldLabel(c.field)}</span> {show(c.field, side === 'before' ? c.from : c.to, currency)}
              </li>
            ))}
          </ul>
        );
      }
      return <span class="muted">{row.kind === 'added' ? 'Not in this version' : row.kind === 'removed' ? 'Removed' : '—'}</span>;
    }
    const mark = row.kind === 'added' || row.kind === 'removed';
    return (
      <div class={mark ? 'diff-item diff-mark' : 'diff-item'}>
        <div class={row.changed.has('name') ? 'diff-item-name diff-mark' : 'diff-item-name'}>{item.name}</div>
        <ul class="diff-fields">
          {itemFields.map((field) => (
            <li key={field} class={row.changed.has(field) ? 'diff-mark' : ''}>
              <span class="diff-field-name">{fieldLabel(field)}</span> {show(field, item[field] as Value, item.currency || currency)}
            </li>
          ))}
        </ul>
      </div>
    );
  };

  const kindLabel = { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: 'Unchanged' } as const;

  return (
    <div class="diff" data-testid="diff-view">
      {nothingChanged ? <p class="muted">Nothing changed between these versions.</p> : null}
      <table class="table diff-table">
        <caption class="diff-caption">Plan</caption>
        <thead>
          <tr>
            <th scope="col" class="diff-label-col">Field</th>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {fieldRows
            .filter((row) => row.changed || showSameFields)
            .map((row) => (
              <tr key={row.field} class={row.changed ? 'diff-row-changed' : ''} data-testid={row.changed ? 'diff-field-changed' : 'diff-field'} data-field={row.field}>
                <th scope="row">
                  {fieldLabel(row.field)}
                  {row.changed ? <span class="visually-hidden"> (changed)</span> : null}
                </th>
                <td class={row.changed && from !== null ? 'diff-from' : ''}>{from === null ? <span class="muted">—</span> : show(row.field, row.from, currency)}</td>
                <td class={row.changed ? 'diff-to' : ''}>{show(row.field, row.to, currency)}</td>
              </tr>
            ))}
          {sameFields > 0 ? (
            <tr class="diff-row-toggle">
              <td colSpan={3}>
                {sameFields === fieldRows.length && !showSameFields ? <span class="muted">No plan field changed · </span> : null}
                <button type="button" class="link-button" aria-expanded={showSameFields} onClick={() => setShowSameFields(!showSameFields)} data-testid="diff-fields-toggle">
                  {showSameFields ? 'Hide' : 'Show'} {sameFields} unchanged field{sameFields === 1 ? '' : 's'}
                </button>
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <table class="table diff-table">
        <caption class="diff-caption">Line items</caption>
        <thead>
          <tr>
            <th scope="col" class="diff-label-col">Line item</th>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && unchanged.length === 0 ? (
            <tr>
              <td colSpan={3} class="muted">
                No line items in either version.
              </td>
            </tr>
          ) : null}
          {[...rows, ...(showUnchanged ? unchanged : [])].map((row) => (
            <tr key={row.id} class={`diff-row-${row.kind}`} data-testid={`diff-item-${row.kind}`} data-line-item={row.id}>
              <th scope="row">
                <span class={`diff-tag diff-tag-${row.kind}`}>{kindLabel[row.kind]}</span>
                <code class="diff-id">{row.id}</code>
              </th>
              <td class={row.kind === 'removed' ? 'diff-from' : row.kind === 'changed' ? 'diff-from-soft' : ''}>{itemCell(row, 'before')}</td>
              <td class={row.kind === 'added' ? 'diff-to' : row.kind === 'changed' ? 'diff-to-soft' : ''}>{itemCell(row, 'after')}</td>
            </tr>
          ))}
          {unchanged.length > 0 ? (
            <tr class="diff-row-toggle">
              <td colSpan={3}>
                <button type="button" class="link-button" aria-expanded={showUnchanged} onClick={() => setShowUnchanged(!showUnchanged)}>
                  {showUnchanged ? 'Hide' : 'Show'} {unchanged.length} unchanged line item{unchanged.length === 1 ? '' : 's'}
                </button>
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <div class="diff-totals" data-testid="diff-totals">
        <div>
          <span class="muted">Allocated to line items</span>
          <strong>
            {formatMoney(totals.from, currency)} → {formatMoney(totals.to, currency)}
          </strong>
          <span class={totals.to > totals.from ? 'delta delta-up' : totals.to < totals.from ? 'delta delta-down' : 'delta'}>{signed(totals.to - totals.from, currency)}</span>
        </div>
        {to ? (
          <div>
            <span class="muted">Plan budget</span>
            <strong>
              {from ? `${formatMoney(from.budgetMicros, from.currency)} → ` : ''}
              {formatMoney(to.budgetMicros, to.currency)}
            </strong>
            <span class="muted">{formatMoney(Math.max(0, to.budgetMicros - totals.to), currency)} unallocated</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}
