import { join } from 'node:path';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import { startBigQueryEmulator } from '../support/bigqueryEmulator.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';
import { reportingProjectionSpec } from './reporting.ts';

const dir = tempDir('reporting');
reportingProjectionSpec('duckdb', () => openDuckdbWarehouse(join(dir, `wh${uniqueSuffix()}.duckdb`)));

const emulator = await startBigQueryEmulator();
if ('skipped' in emulator) {
  console.log(`reporting projection: skipped the BigQuery emulator (${emulator.skipped})`);
} else {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const { openBigQueryWarehouse } = await import('../../readmodels/warehouse/bigquery.ts');
  reportingProjectionSpec('bigquery emulator', () => openBigQueryWarehouse({ projectId: emulator.projectId, dataset: `rp${uniqueSuffix()}`, apiEndpoint: emulator.endpoint }));
}
