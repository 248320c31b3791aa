// The embedded reporting warehouse: a DuckDB file of its own (in DATA_DIR). Each generation's
// tables are `<table>_g<n>` with the row key as primary key; a load is one transaction:
// the rows appended to a staging table, then one INSERT … SELECT … ON CONFLICT DO UPDATE,
// so replays replace rows instead of doubling them. The
// checkpoint and the active generation are tables in the same file.
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { classifyDuckdbError, guardedPort } from '../../domain/shared/storeFaults.ts';
import type { Cell, Row, Warehouse } from './port.ts';
import { aggregateRowOf, checkAggregate, checkGeneration, checkLoad, checkQuery, checkTenantIds, checkTotals, safeSums, tenantDataOf, totalOf, specOf, warehouseError } from './rows.ts';
import { aggregateSql, duckdbDialect, tenantsWithDataSql } from './aggregateSql.ts';
import { bookkeeping, createStaging, createTable, fromDuck, selectList, stagedCell, stagingOf, upsertFromStagingSql } from './duckdbSql.ts';
import { CHECKPOINTS, GENERATIONS, TABLE_NAMES, TABLES, tableOf, type TableName, type TableSpec } from './tables.ts';
import { isDomainError } from '../../domain/shared/errors.ts';

// One connection per file in this process, shared by every handle opened on it, with one
// queue: two connections of one process writing the same file at once were seen to spin
// inside DuckDB's locks (a CI run hung there), and one queue keeps each load's transaction whole.
const open = new Map<string, Promise<{ readonly adapter: Warehouse; refs: number }>>();

export async function openDuckdbWarehouse(path: string): Promise<Warehouse> {
  let opening = open.get(path);
  if (!opening) {
    opening = (async () => {
      const instance = await DuckDBInstance.fromCache(path);
      return { adapter: adapter(await instance.connect()), refs: 0 };
    })();
    open.set(path, opening);
    opening.catch(() => open.delete(path));
  }
  const shared = await opening;
  shared.refs++;
  let closed = false;
  const handle: Warehouse = {
    ...shared.adapter,
    close: async () => {
      if (closed) return;
      closed = true;
      if (--shared.refs > 0) return;
      open.delete(path);
      await shared.adapter.close();
    },
  };
  return guardedPort('reporting warehouse', handle, classifyDuckdbError);
}

function adapter(db: DuckDBConnection): Warehouse {
  // One connection runs one thing at a time: calls queue, so transactions never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const run = (sql: string, params: Cell[] = []) => db.run(sql, params as DuckDBValue[]);
  const all = async (sql: string, params: Cell[] = []) => (await db.runAndReadAll(sql, params as DuckDBValue[])).getRowObjectsJS();
  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await run('COMMIT');
      return result;
    } catch (error) {
      await run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  const active = async (): Promise<number> => Number((await all(`SELECT active FROM ${GENERATIONS} WHERE id = 1`))[0]?.active ?? 1);
  // People writing SQL read the tables by their own names: a view per table on the active
  // generation, switched with it (the README's queries use them).
  const pointViews = async (generation: number) => {
    for (const name of TABLE_NAMES) await run(`CREATE OR REPLACE VIEW ${name} AS SELECT * FROM ${tableOf(name, generation)}`);
  };
  let prepared = false;
  const staged = new Set<TableName>(); // staging tables created on this connection
  const ensureBookkeeping = async () => {
    if (prepared) return;
    for (const sql of bookkeeping) await run(sql);
    prepared = true;
  };
  const tableExists = async (name: string) =>
    (await all('SELECT 1 FROM information_schema.tables WHERE table_name = ?', [name])).length > 0;
  // Generations whose tables (and, for the active one, views) this connection made or found
  // whole. DuckDB lets one process at a time open a file for writing, and every handle of this
  // process shares this adapter, so tables appear and go only through it: a load needs no
  // catalog query, and the projection's prepare before each batch no DDL and no commit (those
  // were a third of a reporting batch's time). A drop forgets its generation first.
  const generations = new Set<number>();
  const generationExists = async (generation: number) => {
    if (generations.has(generation)) return true;
    for (const name of TABLE_NAMES) if (!(await tableExists(tableOf(name, generation)))) return false;
    return true;
  };

  return {
    name: 'duckdb',
    prepare: (generation) => serial(async () => {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      await ensureBookkeeping();
      if (generations.has(generation)) return;
      await inTransaction(async () => {
        for (const name of TABLE_NAMES) await run(createTable(TABLES[name], generation));
        if (generation === (await active())) await pointViews(generation);
      });
      generations.add(generation);
    }),
    upsertRows: (table, generation, rows) => serial(async () => {
      const load = checkLoad(table, generation, rows);
      if (isDomainError(load)) return load;
      const { spec, rows: checked } = load;
      if (!generations.has(generation) && !(await tableExists(tableOf(spec.name, generation)))) return warehouseError(`Generation ${generation} of ${table} is not prepared`);
      if (!staged.has(spec.name)) {
        await run(createStaging(spec));
        staged.add(spec.name);
      }
      await inTransaction(async () => {
        await run(`DELETE FROM ${stagingOf(spec)}`); // left over only if a ROLLBACK itself failed
        const appender = await db.createAppender(stagingOf(spec));
        try {
          for (const row of checked) appendRow(appender, spec, row);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        await run(upsertFromStagingSql(spec, generation));
        await run(`DELETE FROM ${stagingOf(spec)}`);
      });
      return { upserted: checked.length };
    }),
    checkpoint: (generation) => serial(async () => {
      await ensureBookkeeping();
      const row = (await all(`SELECT position FROM ${CHECKPOINTS} WHERE generation = ?`, [generation]))[0];
      return row === undefined ? undefined : BigInt(row.position as bigint);
    }),
    setCheckpoint: (generation, position) => serial(async () => {
      await ensureBookkeeping();
      await db.run(
        `INSERT INTO ${CHECKPOINTS} (generation, position) VALUES (?, ?)
         ON CONFLICT (generation) DO UPDATE SET position = greatest(position, excluded.position)`,
        [generation, position],
      );
    }),
    activeGeneration: () => serial(async () => {
      await ensureBookkeeping();
      return active();
    }),
    activate: (generation) => serial(async () => {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      await ensureBookkeeping();
      if (!(await generationExists(generation))) return warehouseError(`Generation ${generation} is not prepared`);
      await inTransaction(async () => {
        await run(`INSERT INTO ${GENERATIONS} (id, active) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET active = excluded.active`, [generation]);
        await pointViews(generation);
      });
    }),
    dropGeneration: (generation) => serial(async () => {
      const bad = checkGeneration(generation);
      if (bad) return bad;
      await ensureBookkeeping();
      if (generation === (await active())) return warehouseError(`Generation ${generation} is live; activate another first`);
      generations.delete(generation);
      await inTransaction(async () => {
        for (const name of TABLE_NAMES) await run(`DROP TABLE IF EXISTS ${tableOf(name, generation)}`);
        await run(`DELETE FROM ${CHECKPOINTS} WHERE generation = ?`, [generation]);
      });
    }),
    rows: (table, tenantId, query) => serial(async () => {
      const spec = specOf(table);
      if (isDomainError(spec)) return spec;
      const q = checkQuery(spec, tenantId, query);
      if (isDomainError(q)) return q;
      const where = ['"tenant_id" = ?'];
      const params: Cell[] = [tenantId];
      if (q.from) (where.push(`"${spec.date}" >= ?::DATE`), params.push(q.from));
      if (q.to) (where.push(`"${spec.date}" <= ?::DATE`), params.push(q.to));
      if (q.platform) (where.push('"platform" = ?'), params.push(q.platform));
      return readActive(spec.name, async (generation) => {
        const sql = `SELECT ${selectList(spec)} FROM ${tableOf(spec.name, generation)} WHERE ${where.join(' AND ')}
          ORDER BY ${spec.key.map((k) => `"${k}"`).join(', ')} LIMIT ${q.limit}`;
        return (await all(sql, params)).map((r) => fromDuck(spec, r));
      });
    }),
    dailyTotals: (tenantId, from, to, options = {}) => serial(async () => {
      const q = checkTotals(tenantId, from, to, options.platform);
      if (isDomainError(q)) return q;
      const platform = q.platform === undefined ? '' : ' AND platform = ?';
      return readActive('ads_daily_performance', async (generation) => {
        const rows = await all(
          `SELECT strftime(date, '%Y-%m-%d') AS date, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend_micros) AS spend_micros,
             coalesce(sum(conversions), 0) AS conversions, coalesce(sum(revenue_micros), 0) AS revenue_micros, count(*) AS row_count
           FROM ${tableOf('ads_daily_performance', generation)}
           WHERE tenant_id = ? AND date BETWEEN ?::DATE AND ?::DATE${platform} GROUP BY date ORDER BY date`,
          [tenantId, from, to, ...(q.platform === undefined ? [] : [q.platform])],
        );
        return rows.map(totalOf);
      });
    }),
    aggregate: (tenantId, query) => serial(async () => {
      const q = checkAggregate(tenantId, query);
      if (isDomainError(q)) return q;
      return safeSums(await readActive('ads_daily_performance', async (generation) => {
        const params: Cell[] = [];
        const sql = aggregateSql(duckdbDialect(params), tableOf('ads_daily_performance', generation), tenantId, q);
        return (await all(sql, params)).map((r) => aggregateRowOf(q.by, r));
      }));
    }),
    tenantsWithData: (tenantIds) => serial(async () => {
      const bad = checkTenantIds(tenantIds);
      if (bad) return bad;
      if (tenantIds?.length === 0) return [];
      return safeSums(await readActive('ads_daily_performance', async (generation) => {
        const params: Cell[] = [];
        const sql = tenantsWithDataSql(duckdbDialect(params), tableOf('ads_daily_performance', generation), tenantIds);
        return (await all(sql, params)).map(tenantDataOf);
      }));
    }),
    probe: () => serial(async () => {
      await ensureBookkeeping();
      await run('INSERT INTO warehouse_probe VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at');
    }),
    close: () => serial(async () => db.closeSync()),
  };

  // The active generation and the read in one transaction, so a switch-over cannot fall
  // between them; a generation never prepared reads as empty.
  async function readActive<T>(table: TableName, read: (generation: number) => Promise<T[]>): Promise<T[]> {
    await ensureBookkeeping();
    return inTransaction(async () => {
      const generation = await active();
      return (await tableExists(tableOf(table, generation))) ? read(generation) : [];
    });
  }
}

// One checked row into the staging table, column by column in the table's order (types as
// duckdbSql.ts stages them: dates, timestamps and NUMERIC text as VARCHAR).
function appendRow(appender: DuckDBAppender, spec: TableSpec, row: Row): void {
  for (const column of spec.columns) {
    const value = stagedCell(spec, column, row);
    if (value === null) appender.appendNull();
    else if (column.type === 'INT64') appender.appendBigInt(BigInt(value as number));
    else if (column.type === 'FLOAT64') appender.appendDouble(value as number);
    else if (column.type === 'BOOL') appender.appendBoolean(value as boolean);
    else appender.appendVarchar(value as string);
  }
  appender.endRow();
}
