import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import { warehouseContract } from './warehouse.ts';
import { tempDir } from '../support/tempDir.ts';
import { startBigQueryEmulator } from '../support/bigqueryEmulator.ts';

// DuckDB always: a file per scope, as DATA_DIR would hold one.
const dir = tempDir('warehouse');
warehouseContract('duckdb', (scope) => openDuckdbWarehouse(join(dir, `${scope}.duckdb`)));

// BigQuery on the goccy emulator when its binary is built: a dataset per scope, in memory.
const emulator = await startBigQueryEmulator();
if ('skipped' in emulator) {
  console.log(`warehouse contract: skipped the BigQuery emulator (${emulator.skipped})`);
} else {
  process.env.METADATA_SERVER_DETECTION = 'none'; // no GCE metadata server to look for
  const { openBigQueryWarehouse } = await import('../../readmodels/warehouse/bigquery.ts');
  warehouseContract('bigquery emulator', (scope) => openBigQueryWarehouse({ projectId: emulator.projectId, dataset: scope, apiEndpoint: emulator.endpoint }));
}

// Real BigQuery with a project and credentials: datasets named for this run, removed after it.
const project = process.env.BIGQUERY_PROJECT;
const credentials = process.env.GOOGLE_APPLICATION_CREDENTIALS;
if (project && credentials) {
  const { openBigQueryWarehouse } = await import('../../readmodels/warehouse/bigquery.ts');
  const { BigQuery } = await import('@google-cloud/bigquery');
  const prefix = process.env.BIGQUERY_DATASET ?? 'adledger_contract';
  const scopes = new Set<string>();
  warehouseContract('bigquery', (scope) => (scopes.add(scope), openBigQueryWarehouse({ projectId: project, dataset: `${prefix}_${scope}`, location: process.env.BIGQUERY_LOCATION ?? 'EU' })));
  const cleanup = suite('warehouse: bigquery cleanup');
  cleanup('the contract\'s datasets are removed', async () => {
    const bq = new BigQuery({ projectId: project });
    for (const scope of scopes) await bq.dataset(`${prefix}_${scope}`).delete({ force: true }).catch(() => undefined);
  });
  cleanup.run();
} else {
  console.log(`warehouse contract: skipped real BigQuery (${project ? 'GOOGLE_APPLICATION_CREDENTIALS' : 'BIGQUERY_PROJECT'} not set)`);
}

const faults = suite('warehouse: duckdb faults');
faults('a warehouse that cannot serve throws a StoreFault naming the port, the driver text kept as cause only', async () => {
  const w = await openDuckdbWarehouse(join(dir, 'closed.duckdb'));
  await w.prepare(1);
  await w.close();
  const error = await w.rows('approvals', 't1').then(() => undefined, (e: unknown) => e);
  assert.ok(isStoreFault(error), `expected a StoreFault, got ${String(error)}`);
  assert.is(error.port, 'reporting warehouse');
  assert.not.match(error.message, /disconnected/);
});
faults.run();

// What the README promises a person with SQL: the tables by their own names, on the live generation.
const views = suite('warehouse: duckdb views for people');
views('each table is a view on the active generation, switched with it, readable by any DuckDB client', async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { perf } = await import('./warehouseRows.ts');
  const path = join(dir, 'views.duckdb');
  const count = async () => {
    // The process's one instance of the file (DuckDB's cache), as the adapter opens it: another
    // instance of the same file in one process would not see its unflushed writes.
    const c = await (await DuckDBInstance.fromCache(path)).connect();
    const rows = (await c.runAndReadAll("SELECT count(*)::INTEGER AS n, sum(spend)::VARCHAR AS spend FROM ads_daily_performance WHERE tenant_id = 'acme'")).getRowObjectsJS();
    c.closeSync();
    return rows[0];
  };
  let w = await openDuckdbWarehouse(path);
  await w.prepare(1);
  await w.upsertRows('ads_daily_performance', 1, [perf('acme')]);
  await w.close();
  assert.equal(await count(), { n: 1, spend: '12.345678' });
  w = await openDuckdbWarehouse(path);
  await w.prepare(2);
  await w.upsertRows('ads_daily_performance', 2, [perf('acme'), perf('acme', { ad_id: 'ad2', spend_micros: 1_000_000 })]);
  await w.close();
  assert.equal(await count(), { n: 1, spend: '12.345678' }, 'generation 2 is invisible until activated');
  w = await openDuckdbWarehouse(path);
  await w.activate(2);
  await w.close();
  assert.equal(await count(), { n: 2, spend: '13.345678' });
});
views.run();
