// Checks a load and a read against tables.ts before any adapter sees them: every adapter
// refuses the same mistakes with the same error value, and no half-checked batch reaches SQL.
import { invalid, isDomainError, refuse, type DomainError } from '../../domain/shared/errors.ts';
import { isoDateSchema } from '../../domain/shared/values.ts';
import { AGGREGATE_BY, type AggregateBy, type AggregateQuery, type AggregateRow, type Cell, type DailyTotal, type GroupTotals, type Row, type RowsQuery, type TenantData } from './port.ts';
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

export const MAX_TENANTS_PER_READ = 1000;

export interface CheckedAggregate {
  readonly by: AggregateBy;
  readonly from: string;
  readonly to: string;
  readonly platform?: string;
  readonly campaignId?: string;
  readonly limit: number;
}

// An aggregate names its grouping and both ends of its range.
export function checkAggregate(tenantId: string, query: AggregateQuery): CheckedAggregate | DomainError {
  if (!(AGGREGATE_BY as readonly string[]).includes(query?.by)) return warehouseError(`An aggregate is by ${AGGREGATE_BY.join(', ')}, not ${String(query?.by)}`);
  if (!isDate(query.from) || !isDate(query.to)) return warehouseError(`An aggregate needs a range of dates YYYY-MM-DD, not ${query.from}..${query.to}`);
  if (query.campaignId !== undefined && (typeof query.campaignId !== 'string' || query.campaignId === '')) return warehouseError('A campaign filter names a campaign id');
  const q = checkQuery(TABLES.ads_daily_performance, tenantId, query);
  if (isDomainError(q)) return q;
  return { by: query.by, from: query.from, to: query.to, limit: q.limit, ...(q.platform === undefined ? {} : { platform: q.platform }), ...(query.campaignId === undefined ? {} : { campaignId: query.campaignId }) };
}

export function checkTenantIds(tenantIds: readonly string[] | undefined): DomainError | undefined {
  if (tenantIds === undefined) return undefined;
  if (!Array.isArray(tenantIds) || tenantIds.some((id) => typeof id !== 'string' || id === '')) return warehouseError('Tenant ids are non-empty strings');
  if (tenantIds.length > MAX_TENANTS_PER_READ) return warehouseError(`At most ${MAX_TENANTS_PER_READ} tenants per read, not ${tenantIds.length}`);
  return undefined;
}

// The columns each grouping keys on (names included: they are the greatest seen, see port.ts).
export const GROUP_KEYS: Readonly<Record<AggregateBy, readonly string[]>> = {
  campaign: ['platform', 'account_id', 'campaign_id'],
  ad: ['platform', 'account_id', 'campaign_id', 'ad_group_id', 'ad_id'],
  month: ['month'],
  currency: [],
};
export const GROUP_NAMES: Readonly<Record<AggregateBy, readonly string[]>> = {
  campaign: ['account_name', 'campaign_name'],
  ad: ['account_name', 'campaign_name', 'ad_group_name', 'ad_name'],
  month: [],
  currency: [],
};

const totalsOf = (r: Record<string, unknown>): GroupTotals => ({
  impressions: Number(r.impressions), clicks: Number(r.clicks), spend_micros: Number(r.spend_micros),
  conversions_millionths: Number(r.conversions_millionths), revenue_micros: Number(r.revenue_micros), rows: Number(r.row_count),
});
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// Aggregate rows as either adapter's client returns them (numbers, bigints or numeric strings).
export function aggregateRowOf(by: AggregateBy, r: Record<string, unknown>): AggregateRow {
  const key: Record<string, string | null> = {};
  for (const column of [...GROUP_KEYS[by], ...GROUP_NAMES[by]]) key[column] = textOrNull(r[column]);
  return { key, currency: String(r.currency), ...totalsOf(r) };
}

export const tenantDataOf = (r: Record<string, unknown>): TenantData => ({
  tenant_id: String(r.tenant_id), currency: String(r.currency), first_date: String(r.first_date), last_date: String(r.last_date), ...totalsOf(r),
});

// Sums travel as JS numbers: one past 2^53 would lose its last digits silently, so the read is
// refused instead (as periodKpis refuses), naming what overflowed.
export function safeSums<T extends GroupTotals>(rows: readonly T[]): readonly T[] | DomainError {
  const fields = ['impressions', 'clicks', 'spend_micros', 'conversions_millionths', 'revenue_micros', 'rows'] as const;
  const tooLarge = [...new Set(rows.flatMap((r) => fields.filter((f) => !Number.isSafeInteger(r[f]))))];
  return tooLarge.length === 0 ? rows : refuse('warehouse.sum_too_large', `The sums of ${tooLarge.join(', ')} pass 2^53; read a shorter range or a smaller scope`, { tooLarge });
}
