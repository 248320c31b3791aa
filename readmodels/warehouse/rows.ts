// Checks a load and a read against tables.ts before any adapter sees them: every adapter
// refuses the same mistakes with the same error value, and no half-checked batch reaches SQL.
import { invalid, isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { isoDateSchema } from '../../domain/shared/values.ts';
import type { Cell, DailyTotal, Row, RowsQuery } from './port.ts';
import { isTableName, TABLES, type Column, type TableSpec } from './tables.ts';

export const MAX_ROWS_PER_CALL = 50_000;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

export const warehouseError = (message: string, details?: unknown): DomainError => invalid('warehouse.invalid', message, details);

export function specOf(table: string): TableSpec | DomainError {
  return isTableName(table) ? TABLES[table] : warehouseError(`There is no reporting table ${table}`, { table });
}

export const checkGeneration = (generation: number): DomainError | undefined =>
  Number.isSafeInteger(generation) && generation >= 1 ? undefined : warehouseError(`A generation is a whole number from 1, not ${generation}`);

const isDate = (v: unknown): v is string => isoDateSchema.safeParse(v).success;

function cellError(column: Column, value: Cell): string | undefined {
  switch (column.type) {
    case 'STRING': return typeof value === 'string' ? undefined : 'a string';
    case 'INT64': return Number.isSafeInteger(value) ? undefined : 'a whole number';
    case 'FLOAT64': return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a finite number';
    case 'BOOL': return typeof value === 'boolean' ? undefined : 'true or false';
    case 'DATE': return isDate(value) ? undefined : 'a date YYYY-MM-DD';
    case 'TIMESTAMP': return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'an ISO timestamp';
    case 'NUMERIC': return 'derived from micros, not loaded';
  }
}

// What checkRows needs of a spec, worked out once per table rather than once per row.
interface Plan {
  readonly names: ReadonlySet<string>;
  readonly derived: readonly Column[]; // the NUMERIC ones, derived from micros
}
const plans = new WeakMap<TableSpec, Plan>();
const planOf = (spec: TableSpec): Plan => {
  let plan = plans.get(spec);
  if (!plan) {
    plan = { names: new Set(spec.columns.map((c) => c.name)), derived: spec.columns.filter((c) => c.fromMicros) };
    plans.set(spec, plan);
  }
  return plan;
};

// The rows as every adapter writes them: every column present (null when absent), timestamps
// as ISO UTC, NUMERIC columns derived from their micros, the last of rows sharing a key kept.
// A load repeats its dates and timestamps (one day, one sync), so each distinct one is
// checked and normalised once per call.
export function checkRows(spec: TableSpec, rows: readonly Row[]): Row[] | DomainError {
  if (!Array.isArray(rows)) return warehouseError('Rows must be an array');
  if (rows.length > MAX_ROWS_PER_CALL) return warehouseError(`At most ${MAX_ROWS_PER_CALL} rows per load, not ${rows.length}`);
  const { names, derived } = planOf(spec);
  const dates = new Set<string>();
  const instants = new Map<string, string>();
  const byKey = new Map<string, Row>();
  for (const [index, row] of rows.entries()) {
    if (typeof row !== 'object' || row === null) return warehouseError(`Row ${index} of ${spec.name} is not an object`, { index });
    for (const k of Object.keys(row)) {
      if (names.has(k)) continue;
      const unknown = Object.keys(row).filter((c) => !names.has(c));
      return warehouseError(`Row ${index} of ${spec.name} has unknown columns: ${unknown.join(', ')}`, { index, unknown });
    }
    for (const k of spec.key) {
      if (row[k] !== undefined && row[k] !== null) continue;
      const missingKey = spec.key.filter((c) => row[c] === undefined || row[c] === null);
      return warehouseError(`Row ${index} of ${spec.name} lacks its key: ${missingKey.join(', ')}`, { index, missing: missingKey });
    }
    const out: Record<string, Cell> = {};
    for (const column of spec.columns) {
      if (column.fromMicros) {
        if (row[column.name] !== undefined) return warehouseError(`Row ${index}: ${column.name} is derived from ${column.fromMicros}; load the micros`, { index });
        continue;
      }
      const value = row[column.name] ?? null;
      if (value === null) {
        if (column.required) return warehouseError(`Row ${index} of ${spec.name} lacks ${column.name}`, { index, column: column.name });
        out[column.name] = null;
        continue;
      }
      if (column.type === 'DATE' && typeof value === 'string' && dates.has(value)) {
        out[column.name] = value;
        continue;
      }
      if (column.type === 'TIMESTAMP' && typeof value === 'string') {
        const seen = instants.get(value);
        if (seen !== undefined) {
          out[column.name] = seen;
          continue;
        }
      }
      const expected = cellError(column, value);
      if (expected) return warehouseError(`Row ${index}: ${spec.name}.${column.name} must be ${expected}`, { index, column: column.name });
      if (column.type === 'DATE') dates.add(value as string);
      if (column.type === 'TIMESTAMP') {
        const iso = new Date(value as string).toISOString();
        instants.set(value as string, iso);
        out[column.name] = iso;
      } else out[column.name] = value;
    }
    for (const column of derived) {
      const micros = out[column.fromMicros!];
      out[column.name] = typeof micros === 'number' ? decimalOfMicros(micros) : null;
    }
    byKey.set(JSON.stringify(spec.key.map((k) => out[k])), out);
  }
  return [...byKey.values()];
}

// Exact decimal text of micros (integer arithmetic, never a float).
// A load as both adapters take it: a known table, a real generation, rows that fit its schema.
export function checkLoad(table: string, generation: number, rows: readonly Row[]): { readonly spec: TableSpec; readonly rows: Row[] } | DomainError {
  const spec = specOf(table);
  if (isDomainError(spec)) return spec;
  const bad = checkGeneration(generation);
  if (bad) return bad;
  const checked = checkRows(spec, rows);
  return isDomainError(checked) ? checked : { spec, rows: checked };
}

export function decimalOfMicros(micros: number): string {
  const abs = Math.abs(micros);
  return `${micros < 0 ? '-' : ''}${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, '0')}`;
}

export interface CheckedQuery {
  readonly from?: string;
  readonly to?: string;
  readonly platform?: string;
  readonly limit: number;
}

// dailyTotals names both ends of its range.
export const checkTotals = (tenantId: string, from: string, to: string, platform?: string): CheckedQuery | DomainError =>
  isDate(from) && isDate(to)
    ? checkQuery(TABLES.ads_daily_performance, tenantId, { from, to, ...(platform === undefined ? {} : { platform }) })
    : warehouseError(`Daily totals need a range of dates YYYY-MM-DD, not ${from}..${to}`);

export function checkQuery(spec: TableSpec, tenantId: string, query: RowsQuery = {}): CheckedQuery | DomainError {
  if (typeof tenantId !== 'string' || tenantId === '') return warehouseError('A read names its tenant');
  for (const bound of [query.from, query.to]) if (bound !== undefined && !isDate(bound)) return warehouseError(`${bound} is not a date YYYY-MM-DD`);
  if (query.platform !== undefined && !spec.columns.some((c) => c.name === 'platform')) return warehouseError(`${spec.name} has no platform column`);
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) return warehouseError(`A limit is from 1 to ${MAX_LIMIT}, not ${limit}`);
  return { ...(query.from === undefined ? {} : { from: query.from }), ...(query.to === undefined ? {} : { to: query.to }), ...(query.platform === undefined ? {} : { platform: query.platform }), limit };
}

// A totals row as either adapter's client returns it (numbers, bigints or numeric strings).
export const totalOf = (r: Record<string, unknown>): DailyTotal => ({
  date: String(r.date), impressions: Number(r.impressions), clicks: Number(r.clicks), spend_micros: Number(r.spend_micros),
  conversions: Number(r.conversions), revenue_micros: Number(r.revenue_micros), rows: Number(r.row_count),
});
