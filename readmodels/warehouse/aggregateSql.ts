// The aggregate reads of ads_daily_performance, written once for both adapters: the SQL is
// the same but for how a parameter is bound, how a date becomes text, and the integer type.
// Every statement filters by tenant (row-level isolation) before it groups anything.
import type { Cell } from './port.ts';
import { GROUP_KEYS, GROUP_NAMES, type CheckedAggregate } from './rows.ts';

export interface Dialect {
  readonly param: (value: Cell) => string; // binds a value, returns its placeholder
  readonly dateText: (column: string) => string; // 'YYYY-MM-DD'
  readonly monthText: (column: string) => string; // 'YYYY-MM'
  readonly int: string; // the 64-bit integer type
}

// Sums over integers only: conversions are FLOAT64 in the table, rounded to millionths per row.
const sums = (d: Dialect): string =>
  `SUM(impressions) AS impressions, SUM(clicks) AS clicks, SUM(spend_micros) AS spend_micros,
   COALESCE(SUM(CAST(ROUND(conversions * 1000000) AS ${d.int})), 0) AS conversions_millionths,
   COALESCE(SUM(revenue_micros), 0) AS revenue_micros, COUNT(*) AS row_count`;

export function aggregateSql(d: Dialect, table: string, tenantId: string, q: CheckedAggregate): string {
  const keys = q.by === 'month' ? [] : GROUP_KEYS[q.by];
  const selects = [
    ...keys,
    ...GROUP_NAMES[q.by].map((name) => `MAX(${name}) AS ${name}`),
    ...(q.by === 'month' ? [`${d.monthText('date')} AS month`] : []),
    'currency',
    sums(d),
  ];
  const where = [`tenant_id = ${d.param(tenantId)}`, `date BETWEEN CAST(${d.param(q.from)} AS DATE) AND CAST(${d.param(q.to)} AS DATE)`];
  if (q.platform !== undefined) where.push(`platform = ${d.param(q.platform)}`);
  if (q.campaignId !== undefined) where.push(`campaign_id = ${d.param(q.campaignId)}`);
  const groups = [...(q.by === 'month' ? [d.monthText('date')] : keys), 'currency'];
  const byKey = [...(q.by === 'month' ? ['month'] : keys), 'currency'];
  // ORDER BY names the SELECT's alias (the sum) in both engines; BigQuery refuses SUM(spend_micros)
  // here, reading it as a sum of that sum.
  const order = q.by === 'campaign' || q.by === 'ad' ? ['spend_micros DESC', ...byKey] : byKey;
  return `SELECT ${selects.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}
    GROUP BY ${groups.join(', ')} ORDER BY ${order.join(', ')} LIMIT ${q.limit}`;
}

export function tenantsWithDataSql(d: Dialect, table: string, tenantIds: readonly string[] | undefined): string {
  const where = tenantIds === undefined ? '' : `WHERE tenant_id IN (${tenantIds.map((id) => d.param(id)).join(', ')})`;
  return `SELECT tenant_id, currency, ${d.dateText('MIN(date)')} AS first_date, ${d.dateText('MAX(date)')} AS last_date, ${sums(d)}
    FROM ${table} ${where} GROUP BY tenant_id, currency ORDER BY tenant_id, currency`;
}

// The two adapters' dialects; DuckDB binds positionally, BigQuery by name, as STRING
// (bigquerySql.ts: the emulator mistypes other parameter types), so dates are CAST in SQL.
export const duckdbDialect = (params: Cell[]): Dialect => ({
  param: (value) => (params.push(value), '?'),
  dateText: (column) => `strftime(${column}, '%Y-%m-%d')`,
  monthText: (column) => `strftime(${column}, '%Y-%m')`,
  int: 'BIGINT',
});

export const bigqueryDialect = (param: (value: Cell) => string): Dialect => ({
  param: (value) => `@${param(value)}`,
  dateText: (column) => `FORMAT_DATE('%Y-%m-%d', ${column})`,
  monthText: (column) => `FORMAT_DATE('%Y-%m', ${column})`,
  int: 'INT64',
});
