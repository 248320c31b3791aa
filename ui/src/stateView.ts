// An aggregate's state as a person reads it: flattened into labelled fields whose values use
// the console's formatters (money from micros with the currency in force, days, times,
// platform names), and the field-level difference between two such states (as of then,
// and now). Arrays of things with ids are matched by id, so a line item is compared with
// itself even when the list was reordered.
import { fieldLabel, formatDate, formatDateTime, formatMoney, formatNumber, platformName, words } from './format.ts';

export type StateRow = { readonly path: string; readonly label: string; readonly value: string; readonly raw: string };
export type StateChange = { readonly path: string; readonly label: string; readonly before: string; readonly after: string; readonly kind: 'added' | 'removed' | 'changed' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const idFields = ['lineItemId', 'campaignId', 'accountId', 'alertId', 'id', 'version', 'platform'] as const;

function show(key: string, value: unknown, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return key.endsWith('Micros') ? formatMoney(value, currency) : formatNumber(value, Number.isInteger(value) ? 0 : 2);
  if (typeof value === 'string') {
    if (DAY.test(value)) return formatDate(value);
    if (INSTANT.test(value)) return formatDateTime(value, true);
    if (key === 'platform') return platformName(value);
    if (key === 'status' || key === 'objective' || key === 'kind') return words(value);
    return value;
  }
  return JSON.stringify(value);
}

// The element's name in its list: its id when it has one, else its place.
function elementKey(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    for (const field of idFields) {
      const id = (item as Record<string, unknown>)[field];
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  }
  return `#${index + 1}`;
}

export function stateRows(state: unknown): StateRow[] {
  const rows: StateRow[] = [];
  const walk = (value: unknown, key: string, path: string, label: string, currency: string) => {
    if (Array.isArray(value)) {
      if (value.length === 0) rows.push({ path, label, value: 'None', raw: '[]' });
      value.forEach((item, i) => {
        const name = elementKey(item, i);
        walk(item, key, `${path}[${name}]`, `${label} › ${name}`, currency);
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      const fields = value as Record<string, unknown>;
      const inForce = typeof fields.currency === 'string' ? fields.currency : currency;
      const entries = Object.entries(fields);
      if (entries.length === 0) rows.push({ path, label, value: 'None', raw: '{}' });
      for (const [k, v] of entries) walk(v, k, path ? `${path}.${k}` : k, label ? `${label} › ${fieldLabel(k)}` : fieldLabel(k), inForce);
      return;
    }
    rows.push({ path, label, value: show(key, value, currency), raw: JSON.stringify(value ?? null) });
  };
  walk(state, '', '', '', '');
  return rows;
}

export function stateChanges(then: unknown, now: unknown): StateChange[] {
  const before = new Map(stateRows(then).map((r) => [r.path, r]));
  const after = new Map(stateRows(now).map((r) => [r.path, r]));
  const changes: StateChange[] = [];
  for (const [path, row] of after) {
    const old = before.get(path);
    if (!old) changes.push({ path, label: row.label, before: '—', after: row.value, kind: 'added' });
    else if (old.raw !== row.raw) changes.push({ path, label: row.label, before: old.value, after: row.value, kind: 'changed' });
  }
  for (const [path, row] of before) if (!after.has(path)) changes.push({ path, label: row.label, before: row.value, after: '—', kind: 'removed' });
  return changes;
}
