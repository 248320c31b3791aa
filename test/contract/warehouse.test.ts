import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import { warehouseContract } from './warehouse.ts';
import { tempDir } from '../support/tempDir.ts';

// DuckDB always: a file per scope, as DATA_DIR would hold one.
const dir = tempDir('warehouse');
warehouseContract('duckdb', (scope) => openDuckdbWarehouse(join(dir, `${scope}.duckdb`)));

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
