// The SQL and table metadata the BigQuery adapter sends, built from tables.ts. A load stages
// its rows in a table of its own (INSERT … SELECT in bounded batches), then one MERGE on the
// row key moves them into the generation's table, so a replay updates instead of inserting;
// the staging table is dropped after (and expires by itself if a crash leaves it). Every
// parameter travels as a STRING and is CAST in SQL: one form that BigQuery and its emulator
// (which mistypes numeric and boolean parameters) both read the same way.
import type { Cell, Row } from './port.ts';
import { CHECKPOINTS, GENERATIONS, type Column, type TableSpec } from './tables.ts';

export const BIGQUERY_PARAMS_PER_STATEMENT = 8000; // BigQuery allows 10,000 per query

export interface Statement {
  readonly query: string;
  readonly params: Record<string, string | null>;
  readonly types: Record<string, 'STRING'>;
}

export const rowsPerBatch = (spec: TableSpec): number => Math.max(1, Math.floor(BIGQUERY_PARAMS_PER_STATEMENT / spec.columns.length));

export function tableMetadata(spec: TableSpec) {
  return {
    schema: { fields: spec.columns.map((c) => ({ name: c.name, type: c.type, mode: c.required ? 'REQUIRED' : 'NULLABLE' })) },
    timePartitioning: { type: 'DAY', field: spec.date },
    clustering: { fields: [...spec.cluster] },
  };
}

export const bookkeepingTables = {
  // Append-only: a generation's checkpoint is its highest position, so it only moves forward.
  [CHECKPOINTS]: { schema: { fields: [{ name: 'generation', type: 'INT64', mode: 'REQUIRED' }, { name: 'position', type: 'INT64', mode: 'REQUIRED' }] } },
  // Append-only: the latest activation is the active generation (no MERGE, no lost update).
  [GENERATIONS]: { schema: { fields: [{ name: 'active', type: 'INT64', mode: 'REQUIRED' }, { name: 'activated_at', type: 'TIMESTAMP', mode: 'REQUIRED' }] } },
  warehouse_probe: { schema: { fields: [{ name: 'id', type: 'INT64', mode: 'REQUIRED' }, { name: 'written_at', type: 'TIMESTAMP', mode: 'REQUIRED' }] } },
} as const;

const text = (value: Cell): string | null => (value === null ? null : String(value));
// Every value CAST, STRING included: a null parameter keeps its column's type either way.
const cast = (c: Column, param: string): string => `CAST(@${param} AS ${c.type})`;

// Named STRING parameters p0, p1, … for one statement.
export function statementBuilder() {
  const params: Record<string, string | null> = {};
  const types: Record<string, 'STRING'> = {};
  let next = 0;
  return {
    param(value: Cell): string {
      const name = `p${next++}`;
      params[name] = text(value);
      types[name] = 'STRING';
      return name;
    },
    statement: (query: string): Statement => ({ query, params, types }),
  };
}

export const STAGING_TTL_MS = 60 * 60 * 1000;

// A staging table: the same columns, no partitioning, gone within the hour whatever happens.
export const stagingMetadata = (spec: TableSpec, now = Date.now()) => ({
  schema: tableMetadata(spec).schema,
  expirationTime: String(now + STAGING_TTL_MS),
});

export function insertStatement(spec: TableSpec, staging: string, rows: readonly Row[]): Statement {
  const b = statementBuilder();
  const flag = spec.restated?.flag;
  const selects = rows.map((row) =>
    `SELECT ${spec.columns.map((c) => `${cast(c, b.param(c.name === flag ? (row[c.name] ?? false) : (row[c.name] ?? null)))} AS \`${c.name}\``).join(', ')}`,
  );
  const names = spec.columns.map((c) => `\`${c.name}\``).join(', ');
  return b.statement(`INSERT INTO ${staging} (${names}) ${selects.join(' UNION ALL ')}`);
}

export function mergeStatement(spec: TableSpec, target: string, staging: string): string {
  const flag = spec.restated?.flag;
  const on = spec.key.map((k) => `T.\`${k}\` = S.\`${k}\``).join(' AND ');
  const sets = spec.columns.filter((c) => !spec.key.includes(c.name) && c.name !== flag).map((c) => `\`${c.name}\` = S.\`${c.name}\``);
  if (spec.restated) {
    const changed = spec.restated.compare.map((c) => `T.\`${c}\` IS DISTINCT FROM S.\`${c}\``).join(' OR ');
    sets.push(`\`${flag}\` = COALESCE(T.\`${flag}\`, FALSE) OR COALESCE(S.\`${flag}\`, FALSE) OR ${changed}`);
  }
  const names = spec.columns.map((c) => `\`${c.name}\``).join(', ');
  return `MERGE ${target} T USING ${staging} S ON ${on}
    WHEN MATCHED THEN UPDATE SET ${sets.join(', ')}
    WHEN NOT MATCHED THEN INSERT (${names}) VALUES (${spec.columns.map((c) => `S.\`${c.name}\``).join(', ')})`;
}

// What a read selects: NUMERIC and TIMESTAMP as text, so no client-side type wrapping leaks.
export const selectList = (spec: TableSpec): string =>
  spec.columns
    .map((c) =>
      c.type === 'NUMERIC' ? `CAST(\`${c.name}\` AS STRING) AS \`${c.name}\``
        : c.type === 'TIMESTAMP' ? `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', \`${c.name}\`, 'UTC') AS \`${c.name}\``
          : c.type === 'DATE' ? `CAST(\`${c.name}\` AS STRING) AS \`${c.name}\``
            : `\`${c.name}\``)
    .join(', ');

// NUMERIC text as the port gives it: six decimals ('12.3' → '12.300000').
const sixDecimals = (v: string): string => {
  const [whole, fraction = ''] = v.split('.');
  return `${whole}.${fraction.padEnd(6, '0').slice(0, 6)}`;
};

// A timestamp read back as ISO UTC; text without a zone is UTC (the emulator drops the Z).
const isoUtc = (v: string): string => new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(v) ? v : `${v}Z`).toISOString();

export function fromBigQuery(spec: TableSpec, raw: Record<string, unknown>): Row {
  const row: Record<string, Cell> = {};
  for (const c of spec.columns) {
    const v = raw[c.name];
    if (v === null || v === undefined) row[c.name] = null;
    else if (c.type === 'NUMERIC') row[c.name] = sixDecimals(String(v));
    else if (c.type === 'INT64' || c.type === 'FLOAT64') row[c.name] = Number(v);
    else if (c.type === 'BOOL') row[c.name] = v === true || v === 'true';
    else if (c.type === 'TIMESTAMP') row[c.name] = isoUtc(String(typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v));
    else row[c.name] = String(typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v);
  }
  return row;
}
