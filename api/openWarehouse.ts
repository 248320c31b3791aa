// The reporting warehouse the API reads (and the reporting projection fills): BigQuery when
// BIGQUERY_PROJECT is set, else a DuckDB file of its own in DATA_DIR. Nothing is prepared
// here: a generation nobody has prepared reads as empty, and preparing and activating
// generations is the reporting projection's work.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyDuckdbError, guardedPort } from '../domain/shared/storeFaults.ts';
import type { Warehouse } from '../readmodels/warehouse/port.ts';
import type { Config } from './config.ts';

type Method = Exclude<keyof Warehouse, 'name' | 'close'>;
// Every method of the port, checked by the compiler: a method added to Warehouse must be listed.
const METHODS = Object.keys({
  prepare: true, upsertRows: true, checkpoint: true, setCheckpoint: true, activeGeneration: true, activate: true,
  dropGeneration: true, rows: true, dailyTotals: true, aggregate: true, tenantsWithData: true, probe: true,
} satisfies Record<Method, true>) as Method[];

// DuckDB lets one process hold a file: a second server on the same DATA_DIR (one started beside
// a live one) must still start, so the file is opened at the first call, and until it can be,
// each call is a StoreFault (503, busy while another process holds the lock), not a failed start.
export function openedOnFirstUse(open: () => Promise<Warehouse>): Warehouse {
  let opening: Promise<Warehouse> | undefined;
  let closed = false;
  const get = (): Promise<Warehouse> => {
    if (closed) return Promise.reject(new Error('Connection Error: the warehouse was closed'));
    opening ??= open().catch((error: unknown) => {
      opening = undefined; // the next call tries again
      throw error;
    });
    return opening;
  };
  const forwarded = Object.fromEntries(
    METHODS.map((m) => [m, async (...args: unknown[]) => ((await get())[m] as (...a: unknown[]) => Promise<unknown>)(...args)]),
  ) as Pick<Warehouse, Method>;
  return guardedPort('reporting warehouse', {
    name: 'duckdb',
    ...forwarded,
    async close() {
      closed = true;
      const opened = await opening?.catch(() => undefined);
      await opened?.close();
    },
  }, classifyDuckdbError);
}

export async function openWarehouse(config: Config): Promise<Warehouse> {
  if (config.BIGQUERY_PROJECT) {
    const { openBigQueryWarehouse } = await import('../readmodels/warehouse/bigquery.ts');
    return openBigQueryWarehouse({
      projectId: config.BIGQUERY_PROJECT,
      dataset: config.BIGQUERY_DATASET,
      ...(config.BIGQUERY_LOCATION ? { location: config.BIGQUERY_LOCATION } : {}),
      ...(config.BIGQUERY_API_ENDPOINT ? { apiEndpoint: config.BIGQUERY_API_ENDPOINT } : {}),
    });
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const { openDuckdbWarehouse } = await import('../readmodels/warehouse/duckdb.ts');
  return openedOnFirstUse(() => openDuckdbWarehouse(join(config.DATA_DIR, 'warehouse.duckdb')));
}

export const describeWarehouse = (config: Config): string =>
  config.BIGQUERY_PROJECT
    ? `bigquery (project ${config.BIGQUERY_PROJECT}, dataset ${config.BIGQUERY_DATASET}${config.BIGQUERY_API_ENDPOINT ? `, endpoint ${config.BIGQUERY_API_ENDPOINT}` : ''})`
    : `duckdb (${join(config.DATA_DIR, 'warehouse.duckdb')})`;
