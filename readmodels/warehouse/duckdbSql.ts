// The SQL the DuckDB adapter runs, built from tables.ts: one table per generation with the
// row key as its primary key, and an upsert that replaces a row by key (flagging restatements).
import type { Cell, Row } from './port.ts';
import { CHECKPOINTS, GENERATIONS, tableOf, type Column, type ColumnType, type TableSpec } from './tables.ts';

const duckType: Record<ColumnType, string> = {
  STRING: 'VARCHAR', INT64: 'BIGINT', FLOAT64: 'DOUBLE', NUMERIC: 'DECIMAL(18,6)', BOOL: 'BOOLEAN', DATE: 'DATE', TIMESTAMP: 'TIMESTAMPTZ',
};

export const bookkeeping = [
  `CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (generation BIGINT PRIMARY KEY, position BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${GENERATIONS} (id INTEGER PRIMARY KEY, active BIGINT NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS warehouse_probe (id INTEGER PRIMARY KEY, written_at TIMESTAMPTZ NOT NULL)',
];

export function createTable(spec: TableSpec, generation: number): string {
  const columns = spec.columns.map((c) => `"${c.name}" ${duckType[c.type]}${c.required ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${tableOf(spec.name, generation)} (${columns.join(', ')}, PRIMARY KEY (${spec.key.map((k) => `"${k}"`).join(', ')}))`;
}

const placeholder = (c: Column): string => `?::${duckType[c.type]}`;

// One multi-row INSERT … ON CONFLICT DO UPDATE for `count` rows. Unqualified names in the
// SET clause are the stored row; `excluded` is the incoming one.
export function upsertSql(spec: TableSpec, generation: number, count: number): string {
  const names = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const tuple = `(${spec.columns.map(placeholder).join(', ')})`;
  const restated = spec.restated;
  const sets = spec.columns
    .filter((c) => !spec.key.includes(c.name) && c.name !== restated?.flag)
    .map((c) => `"${c.name}" = excluded."${c.name}"`);
  if (restated) {
    const changed = restated.compare.map((c) => `"${c}" IS DISTINCT FROM excluded."${c}"`).join(' OR ');
    sets.push(`"${restated.flag}" = coalesce("${restated.flag}", false) OR coalesce(excluded."${restated.flag}", false) OR ${changed}`);
  }
  const key = spec.key.map((k) => `"${k}"`).join(', ');
  return `INSERT INTO ${tableOf(spec.name, generation)} (${names}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}
    ON CONFLICT (${key}) DO UPDATE SET ${sets.join(', ')}`;
}

export const paramsOf = (spec: TableSpec, rows: readonly Row[]): Cell[] =>
  rows.flatMap((row) => spec.columns.map((c) => (c.name === spec.restated?.flag ? (row[c.name] ?? false) : (row[c.name] ?? null))));

// What a read selects: NUMERIC as exact text (DuckDB's JS value would be a float).
export const selectList = (spec: TableSpec): string =>
  spec.columns.map((c) => (c.type === 'NUMERIC' ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"` : `"${c.name}"`)).join(', ');

// DuckDB's JS values back to the port's: BIGINT is a bigint, DATE and TIMESTAMPTZ are Dates.
export function fromDuck(spec: TableSpec, raw: Record<string, unknown>): Row {
  const row: Record<string, Cell> = {};
  for (const c of spec.columns) {
    const v = raw[c.name];
    if (v === null || v === undefined) row[c.name] = null;
    else if (typeof v === 'bigint') row[c.name] = Number(v);
    else if (v instanceof Date) row[c.name] = c.type === 'DATE' ? v.toISOString().slice(0, 10) : v.toISOString();
    else row[c.name] = v as Cell;
  }
  return row;
}
