// What the BigQuery adapter sends, checked without a server: day partitioning and clustering,
// one MERGE per bounded batch on the row key with STRING parameters only, and reads turned
// back into the port's values whatever form the client returns them in.
import { suite } from 'uvu';
import { isDomainError } from '../../domain/shared/errors.ts';
import * as assert from 'uvu/assert';
import { BIGQUERY_PARAMS_PER_STATEMENT, fromBigQuery, insertStatement, mergeStatement, rowsPerBatch, stagingMetadata, tableMetadata } from '../../readmodels/warehouse/bigquerySql.ts';
import { aggregateRowOf, checkAggregate, checkRows } from '../../readmodels/warehouse/rows.ts';
import { aggregateSql, bigqueryDialect, tenantsWithDataSql } from '../../readmodels/warehouse/aggregateSql.ts';
import { statementBuilder } from '../../readmodels/warehouse/bigquerySql.ts';
import { TABLES } from '../../readmodels/warehouse/tables.ts';
import { perf } from '../contract/warehouseRows.ts';

const t = suite('warehouse: BigQuery statements');
const ads = TABLES.ads_daily_performance;

t('tables are partitioned by day on their date column and clustered by tenant first', () => {
  const m = tableMetadata(ads);
  assert.equal([m.timePartitioning, m.clustering], [{ type: 'DAY', field: 'date' }, { fields: ['tenant_id', 'platform'] }]);
  assert.equal(tableMetadata(TABLES.ledger_events).timePartitioning, { type: 'DAY', field: 'recorded_date' });
  assert.equal(tableMetadata(TABLES.campaign_changes).clustering.fields, ['tenant_id', 'platform']);
  assert.ok(m.schema.fields.some((f) => f.name === 'date' && f.type === 'DATE' && f.mode === 'REQUIRED'));
});

t('a load stages its rows with STRING parameters in bounded batches, then one MERGE on the row key', () => {
  const rows = checkRows(ads, [perf('t1'), perf('t1', { date: '2026-11-02', reach: null })]);
  assert.ok(Array.isArray(rows));
  const insert = insertStatement(ads, '`p.d.stage`', rows);
  assert.match(insert.query, /^INSERT INTO `p.d.stage` \(`tenant_id`, /);
  assert.is(Object.keys(insert.params).length, 2 * ads.columns.length);
  assert.ok(Object.values(insert.types).every((type) => type === 'STRING'));
  assert.ok(Object.values(insert.params).every((v) => v === null || typeof v === 'string'));
  assert.ok(Object.values(insert.params).includes(null), 'a null reach travels as a typed null');
  assert.ok(rowsPerBatch(ads) * ads.columns.length <= BIGQUERY_PARAMS_PER_STATEMENT);
  const merge = mergeStatement(ads, '`p.d.ads_daily_performance_g1`', '`p.d.stage`');
  assert.match(merge, /^MERGE `p.d.ads_daily_performance_g1` T USING `p.d.stage` S ON/);
  for (const k of ads.key) assert.ok(merge.includes(`T.\`${k}\` = S.\`${k}\``), k);
  assert.match(merge, /`restated` = COALESCE\(T.`restated`, FALSE\) OR COALESCE\(S.`restated`, FALSE\) OR T.`impressions` IS DISTINCT FROM S.`impressions`/);
  assert.ok(Number(stagingMetadata(ads, 0).expirationTime) > 0, 'a staging table left by a crash expires');
});

t('rows read back become the port values: numbers, six-decimal NUMERIC text, unwrapped dates', () => {
  const raw = { tenant_id: 't1', date: { value: '2026-11-01' }, impressions: '1000', spend: { toString: () => '12.3' }, revenue: null, cpc: 0.5, restated: false };
  const row = fromBigQuery(ads, raw);
  assert.equal([row.date, row.impressions, row.spend, row.revenue, row.cpc, row.restated], ['2026-11-01', 1000, '12.300000', null, 0.5, false]);
});

t('aggregate reads filter by tenant first, bind every value as a STRING parameter, and inline only the checked limit', () => {
  const q = checkAggregate('t1', { by: 'ad', from: '2026-11-01', to: '2026-11-30', platform: 'meta', campaignId: 'c1', limit: 50 });
  if (isDomainError(q)) return assert.unreachable(JSON.stringify(q));
  const b = statementBuilder();
  const s = b.statement(aggregateSql(bigqueryDialect(b.param), '`p.d.ads_daily_performance_g1`', 't1', q));
  assert.match(s.query, /WHERE tenant_id = @p0 AND date BETWEEN CAST\(@p1 AS DATE\) AND CAST\(@p2 AS DATE\) AND platform = @p3 AND campaign_id = @p4/);
  assert.match(s.query, /ORDER BY spend_micros DESC, .* LIMIT 50$/);
  assert.equal(s.params, { p0: 't1', p1: '2026-11-01', p2: '2026-11-30', p3: 'meta', p4: 'c1' });
  assert.ok(Object.values(s.types).every((type) => type === 'STRING'));
  const tenants = statementBuilder();
  const list = tenants.statement(tenantsWithDataSql(bigqueryDialect(tenants.param), '`t`', ['a', 'b']));
  assert.match(list.query, /WHERE tenant_id IN \(@p0, @p1\)/);
  // Sums come back as numeric strings from the client: the port gives numbers.
  const row = aggregateRowOf('month', { month: '2026-11', currency: 'EUR', impressions: '5', clicks: '1', spend_micros: '7', conversions_millionths: '500000', revenue_micros: '0', row_count: '2' });
  assert.equal(row, { key: { month: '2026-11' }, currency: 'EUR', impressions: 5, clicks: 1, spend_micros: 7, conversions_millionths: 500000, revenue_micros: 0, rows: 2 });
});

t.run();
