// A clean rebuild, to compare the server's read models and warehouse with: every projection,
// the reporting one included, run from position 0 of the same log by the projection daemon in
// this process, into a fresh SQLite document store and a fresh DuckDB warehouse.
import { join } from 'node:path';
import type { EventStore } from '../../../connectors/eventstore/port.ts';
import { allProjections } from '../../../projections/definitions/index.ts';
import { REPORTING, reportingTarget } from '../../../projections/reporting/reportingTarget.ts';
import { projectionDaemon } from '../../../projections/runtime/daemon.ts';
import type { ReadModelBackend } from '../../../readmodels/documents/port.ts';
import { openSqliteDocumentStore } from '../../../readmodels/documents/sqlite.ts';
import { openDuckdbWarehouse } from '../../../readmodels/warehouse/duckdb.ts';

export interface Rebuilt {
  readonly docs: ReadModelBackend;
  readonly warehouseFile: string; // closed: compared from another DuckDB instance (checks/warehouse.ts)
  readonly seconds: number;
  readonly eventsPerSecond: number;
  close(): Promise<void>;
}

export async function rebuildFromLog(events: EventStore, dir: string, timeoutMs: number): Promise<Rebuilt> {
  const started = performance.now();
  const docs = await openSqliteDocumentStore(join(dir, 'rebuilt-readmodels.db'));
  const warehouseFile = join(dir, 'rebuilt-warehouse.duckdb');
  const warehouse = await openDuckdbWarehouse(warehouseFile);
  const daemon = projectionDaemon({
    events,
    docs,
    projections: allProjections,
    targets: [reportingTarget({ events, warehouse, coordination: docs })],
    holder: 'soak-rebuild',
  });
  await daemon.start();
  const head = await events.headPosition();
  const caughtUp = await daemon.waitFor(head, timeoutMs, [...allProjections.map((p) => p.name), REPORTING]);
  const status = daemon.status();
  await daemon.stop();
  await warehouse.close();
  if (!caughtUp) throw new Error(`the clean rebuild did not reach the head (${head}) within ${timeoutMs} ms: ${JSON.stringify(status)}`);
  const seconds = (performance.now() - started) / 1000;
  return {
    docs,
    warehouseFile,
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(Number(head) / seconds),
    close: () => docs.close(),
  };
}
