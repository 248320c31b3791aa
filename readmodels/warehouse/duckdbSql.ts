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

// A load goes through a staging table of the connection (TEMP: never in the file, never seen
// by another connection): DuckDB's appender fills it, one INSERT … SELECT … ON CONFLICT DO
// UPDATE moves it into the generation's table. Parameters in multi-row VALUES cost DuckDB
// ~1.5 ms a row to bind; the appender and one statement per load cost microseconds. Dates,
// timestamps and NUMERIC text are staged as VARCHAR and cast in the SELECT, the same casts
// the parameters had (`?::DATE`…).
export const stagingOf = (spec: TableSpec): string => `${spec.name}_staging`;
const stagedType = (c: Column): string => (c.type === 'DATE' || c.type === 'TIMESTAMP' || c.type === 'NUMERIC' ? 'VARCHAR' : duckType[c.type]);

export const createStaging = (spec: TableSpec): string =>
  `CREATE TEMP TABLE IF NOT EXISTS ${stagingOf(spec)} (${spec.columns.map((c) => `"${c.name}" ${stagedType(c)}`).join(', ')})`;

// One INSERT … SELECT … ON CONFLICT DO UPDATE from the staging table. Unqualified names in
// the SET clause are the stored row; `excluded` is the incoming one. The staged rows' keys
// are distinct (rows.ts keeps the last of rows sharing a key), as DuckDB requires.
export function upsertFromStagingSql(spec: TableSpec, generation: number): string {
  const names = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const values = spec.columns.map((c) => (stagedType(c) === duckType[c.type] ? `"${c.name}"` : `CAST("${c.name}" AS ${duckType[c.type]})`)).join(', ');
  const restated = spec.restated;
  const sets = spec.columns
    .filter((c) => !spec.key.includes(c.name) && c.name !== restated?.flag)
    .map((c) => `"${c.name}" = excluded."${c.name}"`);
  if (restated) {
    const changed = restated.compare.map((c) => `"${c}" IS DISTINCT FROM excluded."${c}"`).join(' OR ');
    sets.push(`"${restated.flag}" = coalesce("${restated.flag}", false) OR coalesce(excluded."${restated.flag}", false) OR ${changed}`);
  }
  const key = spec.key.map((k) => `"${k}"`).join(', ');
  return `INSERT INTO ${tableOf(spec.name, generation)} (${names}) SELECT ${values} FROM ${stagingOf(spec)}
    ON CONFLICT (${key}) DO UPDATE SET ${sets.join(', ')}`;
}

// The value a staged cell takes: the restated flag of a new row is false unless the row says so.
export const stagedCell = (spec: TableSpec, column: Column, row: Row): Cell =>
  column.name === spec.restated?.flag ? (row[column.name] ?? false) : (row[column.name] ?? null);

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
