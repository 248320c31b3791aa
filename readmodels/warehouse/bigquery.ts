// The production reporting warehouse: BigQuery. One dataset; each generation's tables are
// `<table>_g<n>`, partitioned by day on the table's date column and clustered (tenant_id, …).
// Loads go in bounded batches, each one MERGE on the row key (bigquerySql.ts), so a rebuild
// or a re-sync never doubles a row. Every read filters `tenant_id = @tenant`. Transient
// faults (5xx, 429, rate limits) are retried with backoff; what is left is a StoreFault.
import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import { isDomainError } from '../../domain/shared/errors.ts';
import { classifyBigQueryError, guardedPort } from '../../domain/shared/storeFaults.ts';
import type { Cell, Warehouse } from './port.ts';
import { withRetry, type RetryPolicy } from './retry.ts';
import { aggregateRowOf, checkAggregate, checkGeneration, checkLoad, checkQuery, checkTenantIds, checkTotals, safeSums, tenantDataOf, totalOf, specOf, warehouseError } from './rows.ts';
import { aggregateSql, bigqueryDialect, tenantsWithDataSql } from './aggregateSql.ts';
import { datasetTables } from './bigqueryDataset.ts';
import { randomUUID } from 'node:crypto';
import { fromBigQuery, insertStatement, mergeStatement, rowsPerBatch, selectList, stagingMetadata, statementBuilder, tableMetadata, type Statement } from './bigquerySql.ts';
import { CHECKPOINTS, GENERATIONS, TABLE_NAMES, TABLES, tableOf, type TableName } from './tables.ts';

export interface BigQueryWarehouseOptions {
  readonly projectId: string;
  readonly dataset: string;
  readonly location?: string;
  readonly apiEndpoint?: string; // the emulator's http://127.0.0.1:port
  readonly retry?: RetryPolicy;
  readonly client?: BigQueryOptions; // credentials and the like
}

export async function openBigQueryWarehouse(options: BigQueryWarehouseOptions): Promise<Warehouse> {
  const bq = new BigQuery({ ...options.client, projectId: options.projectId, autoRetry: false, ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}) });
  return guardedPort('reporting warehouse', adapter(bq, options), classifyBigQueryError);
}

function adapter(bq: BigQuery, options: BigQueryWarehouseOptions): Warehouse {
  const retry = <T>(work: () => Promise<T>) => withRetry(work, (e) => classifyBigQueryError(e) === 'unavailable', options.retry);
  const target = (table: string) => `\`${options.projectId}.${options.dataset}.${table}\``;
  const query = async (s: Statement | string): Promise<Record<string, unknown>[]> => {
    const request = typeof s === 'string' ? { query: s } : { query: s.query, params: s.params, types: s.types };
    const [rows] = await retry(() => bq.query({ ...request, ...(options.location ? { location: options.location } : {}) }));
    return rows as Record<string, unknown>[];
  };
  const { exists, create, drop, ensureDataset } = datasetTables(bq, options, retry);
  const active = async (): Promise<number> => {
    await ensureDataset();
    const [row] = await query(`SELECT active FROM ${target(GENERATIONS)} ORDER BY activated_at DESC LIMIT 1`);
    return row === undefined ? 1 : Number(row.active);
  };
  const one = (sql: (p: (v: Cell) => string) => string): Statement => {
    const b = statementBuilder();
    return b.statement(sql(b.param));
  };

  return {
    name: 'bigquery',
    async prepare(generation) {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      await ensureDataset();
      for (const name of TABLE_NAMES) await create(tableOf(name, generation), tableMetadata(TABLES[name]));
    },
    async upsertRows(table, generation, rows) {
      const load = checkLoad(table, generation, rows);
      if (isDomainError(load)) return load;
      const { spec, rows: checked } = load;
      if (!(await exists(tableOf(spec.name, generation)))) return warehouseError(`Generation ${generation} of ${table} is not prepared`);
      const size = rowsPerBatch(spec);
      const staging = `_stage_${tableOf(spec.name, generation)}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await create(staging, stagingMetadata(spec));
      try {
        for (let i = 0; i < checked.length; i += size) await query(insertStatement(spec, target(staging), checked.slice(i, i + size)));
        await query(mergeStatement(spec, target(tableOf(spec.name, generation)), target(staging)));
      } finally {
        await drop(staging).catch(() => undefined); // it expires by itself anyway
      }
      return { upserted: checked.length };
    },
    async checkpoint(generation) {
      await ensureDataset();
      const [row] = await query(one((p) => `SELECT CAST(MAX(position) AS STRING) AS position FROM ${target(CHECKPOINTS)} WHERE generation = CAST(@${p(generation)} AS INT64)`));
      return row?.position === undefined || row.position === null ? undefined : BigInt(String(row.position));
    },
    async setCheckpoint(generation, position) {
      await ensureDataset();
      await query(one((p) => `INSERT INTO ${target(CHECKPOINTS)} (generation, position) SELECT CAST(@${p(generation)} AS INT64), CAST(@${p(String(position))} AS INT64)`));
    },
    activeGeneration: active,
    async activate(generation) {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      await ensureDataset();
      for (const name of TABLE_NAMES) if (!(await exists(tableOf(name, generation)))) return warehouseError(`Generation ${generation} is not prepared`);
      await query(one((p) => `INSERT INTO ${target(GENERATIONS)} (active, activated_at) SELECT CAST(@${p(generation)} AS INT64), CURRENT_TIMESTAMP()`));
    },
    async dropGeneration(generation) {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      if (generation === (await active())) return warehouseError(`Generation ${generation} is live; activate another first`);
      for (const name of TABLE_NAMES) await drop(tableOf(name, generation));
      await query(one((p) => `DELETE FROM ${target(CHECKPOINTS)} WHERE generation = CAST(@${p(generation)} AS INT64)`));
    },
    async rows(table, tenantId, rowsQuery) {
      const spec = specOf(table);
      if (isDomainError(spec)) return spec;
      const q = checkQuery(spec, tenantId, rowsQuery);
      if (isDomainError(q)) return q;
      return readActive(spec.name, async (generation) => {
        const statement = one((p) => {
          const where = [`tenant_id = @${p(tenantId)}`];
          if (q.from) where.push(`\`${spec.date}\` >= CAST(@${p(q.from)} AS DATE)`);
          if (q.to) where.push(`\`${spec.date}\` <= CAST(@${p(q.to)} AS DATE)`);
          if (q.platform) where.push(`platform = @${p(q.platform)}`);
          return `SELECT ${selectList(spec)} FROM ${target(tableOf(spec.name, generation))} WHERE ${where.join(' AND ')}
            ORDER BY ${spec.key.map((k) => `\`${k}\``).join(', ')} LIMIT ${q.limit}`;
        });
        return (await query(statement)).map((r) => fromBigQuery(spec, r));
      });
    },
    async dailyTotals(tenantId, from, to, totalsOptions = {}) {
      const q = checkTotals(tenantId, from, to, totalsOptions.platform);
      if (isDomainError(q)) return q;
      return readActive('ads_daily_performance', async (generation) => {
        const statement = one((p) => `SELECT CAST(date AS STRING) AS date, SUM(impressions) AS impressions, SUM(clicks) AS clicks,
            SUM(spend_micros) AS spend_micros, COALESCE(SUM(conversions), 0) AS conversions, COALESCE(SUM(revenue_micros), 0) AS revenue_micros, COUNT(*) AS row_count
          FROM ${target(tableOf('ads_daily_performance', generation))}
          WHERE tenant_id = @${p(tenantId)} AND date BETWEEN CAST(@${p(from)} AS DATE) AND CAST(@${p(to)} AS DATE)${q.platform ? ` AND platform = @${p(q.platform)}` : ''}
          GROUP BY date ORDER BY date`);
        return (await query(statement)).map(totalOf);
      });
    },
    async aggregate(tenantId, aggregateQuery) {
      const q = checkAggregate(tenantId, aggregateQuery);
      if (isDomainError(q)) return q;
      return safeSums(await readActive('ads_daily_performance', async (generation) => {
        const statement = one((p) => aggregateSql(bigqueryDialect(p), target(tableOf('ads_daily_performance', generation)), tenantId, q));
        return (await query(statement)).map((r) => aggregateRowOf(q.by, r));
      }));
    },
    async tenantsWithData(tenantIds) {
      const bad = checkTenantIds(tenantIds);
      if (bad) return bad;
      if (tenantIds?.length === 0) return [];
      return safeSums(await readActive('ads_daily_performance', async (generation) => {
        const statement = one((p) => tenantsWithDataSql(bigqueryDialect(p), target(tableOf('ads_daily_performance', generation)), tenantIds));
        return (await query(statement)).map(tenantDataOf);
      }));
    },
    async probe() {
      await ensureDataset();
      // A DML job on the dataset: it fails when BigQuery cannot take writes; it adds no rows.
      await query(`UPDATE ${target('warehouse_probe')} SET written_at = CURRENT_TIMESTAMP() WHERE id = 1`);
    },
    async close() {},
  };

  // BigQuery has no read transaction across statements: the generation is looked up, then
  // read; a switch-over between the two serves the old generation once more (it still exists).
  async function readActive<T>(table: TableName, read: (generation: number) => Promise<T[]>): Promise<T[]> {
    const generation = await active();
    return (await exists(tableOf(table, generation))) ? read(generation) : [];
  }
}
