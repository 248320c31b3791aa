// Warehouse rows equal to a fresh load: each reporting table's live generation in the server's
// DuckDB file against the same table loaded from the log into a fresh warehouse, compared as
// multisets of whole rows (EXCEPT ALL both ways) inside DuckDB: both files attached read-only
// to an in-memory instance of our own. Not through the adapter's cached instance of the fresh
// file: a second connection taken from that cache (DuckDBInstance.fromCache) after the daemon
// had loaded through it hung here, now and then, before connecting.
import { DuckDBInstance } from '@duckdb/node-api';
import { GENERATIONS, TABLE_NAMES, tableOf, CHECKPOINTS } from '../../../readmodels/warehouse/tables.ts';

export interface TableDiff {
  readonly server: number;
  readonly fresh: number;
  readonly onlyOnServer: number;
  readonly onlyFresh: number;
}

export interface WarehouseCheck {
  readonly ok: boolean;
  readonly rows: number;
  readonly serverCheckpoint: string | null;
  readonly tables: Record<string, TableDiff>;
}

export async function checkWarehouse(serverFile: string, freshFile: string): Promise<WarehouseCheck> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const one = async (sql: string): Promise<unknown> => Object.values((await db.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {})[0];
  const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;
  await db.run(`ATTACH ${quoted(serverFile)} AS server (READ_ONLY)`);
  await db.run(`ATTACH ${quoted(freshFile)} AS fresh (READ_ONLY)`);
  try {
    const activeOf = async (catalog: string) => Number((await one(`SELECT active FROM ${catalog}.${GENERATIONS} WHERE id = 1`)) ?? 1);
    const [serverGen, freshGen] = [await activeOf('server'), await activeOf('fresh')];
    const checkpoint = await one(`SELECT position FROM server.${CHECKPOINTS} WHERE generation = ${serverGen}`);
    const tables: Record<string, TableDiff> = {};
    let rows = 0;
    let ok = true;
    for (const table of TABLE_NAMES) {
      const a = `server.${tableOf(table, serverGen)}`;
      const b = `fresh.${tableOf(table, freshGen)}`;
      const diff: TableDiff = {
        server: Number(await one(`SELECT count(*) FROM ${a}`)),
        fresh: Number(await one(`SELECT count(*) FROM ${b}`)),
        onlyOnServer: Number(await one(`SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`)),
        onlyFresh: Number(await one(`SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})`)),
      };
      tables[table] = diff;
      rows += diff.server;
      if (diff.onlyOnServer + diff.onlyFresh > 0 || diff.server !== diff.fresh) ok = false;
    }
    return { ok: ok && rows > 0, rows, serverCheckpoint: checkpoint === undefined || checkpoint === null ? null : String(checkpoint), tables };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
