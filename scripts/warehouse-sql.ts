// `npm run warehouse:sql -- "SELECT …"`: a query against the embedded reporting warehouse
// (DATA_DIR/warehouse.duckdb), read-only, printed as a table. DuckDB lets one process write a
// file: stop `npm start` first (or read the same figures through the API while it runs).
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv.slice(2).join(' ').trim();
if (!sql) {
  console.error('usage: npm run warehouse:sql -- "SELECT date, sum(spend) FROM ads_daily_performance GROUP BY date ORDER BY date"');
  process.exit(2);
}
const path = join(process.env.DATA_DIR ?? './data', 'warehouse.duckdb');
try {
  const db = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const rows = (await (await db.connect()).runAndReadAll(sql)).getRowObjectsJson();
  console.table(rows);
} catch (error) {
  console.error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
