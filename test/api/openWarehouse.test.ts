// The warehouse `npm start` opens: DuckDB in DATA_DIR unless BIGQUERY_PROJECT names BigQuery;
// the BigQuery variables are checked at start-up like every other one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../api/config.ts';
import { describeWarehouse, openedOnFirstUse, openWarehouse } from '../../api/openWarehouse.ts';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';
import type { Warehouse } from '../../readmodels/warehouse/port.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('openWarehouse');

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

t('unset, the warehouse is a DuckDB file in DATA_DIR, and reads of a generation nobody prepared are empty', async () => {
  const dir = join(tempDir('open-warehouse'), 'data');
  const config = loadConfig({ DATA_DIR: dir });
  assert.is(config.BIGQUERY_DATASET, 'adledger');
  assert.is(describeWarehouse(config), `duckdb (${join(dir, 'warehouse.duckdb')})`);
  const w = await openWarehouse(config);
  try {
    assert.is(w.name, 'duckdb');
    assert.not.ok(existsSync(join(dir, 'warehouse.duckdb')), 'opened at the first call, not at start');
    assert.equal(await w.aggregate('acme', { by: 'campaign', from: '2026-11-01', to: '2026-11-30' }), []);
    assert.equal(await w.tenantsWithData(), []);
    assert.ok(existsSync(join(dir, 'warehouse.duckdb')));
  } finally {
    await w.close();
  }
});

t('BIGQUERY_PROJECT chooses BigQuery (no call is made until a read)', async () => {
  const config = loadConfig({ BIGQUERY_PROJECT: 'my-project', BIGQUERY_DATASET: 'reports', BIGQUERY_API_ENDPOINT: 'http://127.0.0.1:9050' });
  assert.is(describeWarehouse(config), 'bigquery (project my-project, dataset reports, endpoint http://127.0.0.1:9050)');
  const w = await openWarehouse(config);
  assert.is(w.name, 'bigquery');
  await w.close();
});

t('bad BigQuery settings stop start-up with one line naming the variable', () => {
  assert.is(refusal({ BIGQUERY_API_ENDPOINT: 'http://127.0.0.1:9050' }), 'config: BIGQUERY_PROJECT: must be set with BIGQUERY_API_ENDPOINT');
  assert.match(refusal({ BIGQUERY_PROJECT: 'My Project' }), /^config: BIGQUERY_PROJECT: Expected a Google Cloud project id/);
  assert.match(refusal({ BIGQUERY_DATASET: 'a-b' }), /^config: BIGQUERY_DATASET: /);
  assert.match(refusal({ BIGQUERY_PROJECT: 'p', BIGQUERY_API_ENDPOINT: 'ftp://x' }), /^config: BIGQUERY_API_ENDPOINT: /);
});

t('a file another process holds: each call is a busy StoreFault until it can be opened; closed, calls fail the same way', async () => {
  let opens = 0;
  const real = await openWarehouse(loadConfig({ DATA_DIR: join(tempDir('open-warehouse-lock'), 'data') }));
  const w = openedOnFirstUse(async () => {
    if (++opens === 1) throw new Error('IO Error: Could not set lock on file "warehouse.duckdb": Conflicting lock is held in node (PID 1)');
    return real as Warehouse;
  });
  assert.is(opens, 0, 'nothing opened before the first call');
  const first = await w.tenantsWithData().then(() => undefined, (e: unknown) => e);
  assert.ok(isStoreFault(first) && first.busy && first.port === 'reporting warehouse', `expected a busy StoreFault, got ${String(first)}`);
  assert.equal(await w.tenantsWithData(), []);
  assert.is(opens, 2);
  await w.close();
  const after = await w.rows('approvals', 'acme').then(() => undefined, (e: unknown) => e);
  assert.ok(isStoreFault(after), `expected a StoreFault after close, got ${String(after)}`);
});

t.run();
