// The reporting projection as a projector target: each batch of the log becomes rows of the
// four warehouse tables, upserted by key, then the warehouse's own checkpoint. A crash between
// the two replays the batch into the same rows; a rebuild fills generation g+1 beside g.
// An event that cannot be decoded is parked for ops, like the read models', never skipped
// silently; a warehouse that fails throws, and the projector retries the batch.
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { DecodedEvent } from '../../domain/decodeEvent.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { ProjectorCoordination } from '../../readmodels/documents/coordination.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { MAX_ROWS_PER_CALL } from '../../readmodels/warehouse/rows.ts';
import { TABLES, TABLE_NAMES, type TableName } from '../../readmodels/warehouse/tables.ts';
import { toProjectedEvent } from '../definitions/projection.ts';
import type { BatchOutcome } from '../runtime/applyBatch.ts';
import type { FeedItem } from '../runtime/liveFeed.ts';
import type { ProjectionTarget } from '../runtime/target.ts';
import { reportingRowsOf, type LogAsOf } from './reportingRows.ts';

export const REPORTING = 'reporting';
// Feed items of performance days, for the console's performance channel.
export const PERFORMANCE_DAYS = 'performance_days';

export interface ReportingTargetOptions {
  readonly events: EventStore;
  readonly warehouse: Warehouse;
  readonly coordination: Pick<ProjectorCoordination, 'park'>;
}

export function reportingTarget(options: ReportingTargetOptions): ProjectionTarget {
  const { warehouse } = options;
  const must = async <T>(result: Promise<T>): Promise<Exclude<T, { kind: string; code: string }>> => {
    const value = await result;
    if (isDomainError(value)) throw Object.assign(new Error(`${value.code}: ${value.message}`), { code: value.code });
    return value as Exclude<T, { kind: string; code: string }>;
  };
  return {
    name: REPORTING,
    handles: 'all',
    // Up to 5,000 events, or fewer once they carry 20,000 ad rows between them. Each batch
    // costs the warehouse a load per table (a transaction and a commit each): at 1,000 events
    // those fixed costs were a third of a rebuild.
    batchSize: 5000,
    budget: { weigh: rowsOf, max: 20_000 },
    prepare: () => must(warehouse.prepare(1)).then(() => undefined),
    activeGeneration: () => warehouse.activeGeneration(),
    checkpoint: (generation) => warehouse.checkpoint(generation),
    async apply(generation, batch, scannedTo) {
      await must(warehouse.prepare(generation));
      const log = logAsOf(options.events, batch);
      const rows = batchRows();
      const feed = new Map<string, FeedItem>();
      let parked = 0;
      for (const recorded of batch) {
        let event: DecodedEvent;
        try {
          event = toProjectedEvent(recorded);
        } catch (error) {
          parked++;
          await options.coordination.park(parkedOf(recorded, generation, error));
          continue;
        }
        const made = await reportingRowsOf(event, log);
        for (const table of TABLE_NAMES) for (const row of made[table] ?? []) rows.add(table, row);
        if (event.type === 'performance.synced' || event.type === 'performance.restated') {
          const { platform, accountId, date } = event.data;
          const id = `${event.metadata.tenantId}.${platform}.${accountId}.${date}`;
          feed.set(id, { collection: PERFORMANCE_DAYS, id, tenantId: event.metadata.tenantId, position: String(recorded.position), doc: { id, tenantId: event.metadata.tenantId, platform, accountId, date, rows: event.data.rows.length, restated: event.type === 'performance.restated' } });
        }
      }
      for (const table of TABLE_NAMES) {
        const all = rows.of(table);
        for (let i = 0; i < all.length; i += MAX_ROWS_PER_CALL) await must(warehouse.upsertRows(table, generation, all.slice(i, i + MAX_ROWS_PER_CALL)));
      }
      const last = batch[batch.length - 1];
      const checkpoint = last && (scannedTo === undefined || last.position > scannedTo) ? last.position : scannedTo;
      if (checkpoint !== undefined) await warehouse.setCheckpoint(generation, checkpoint);
      return { applied: batch.length - parked, parked, feed: [...feed.values()], lastRecordedAt: last ? String(last.metadata.recordedAt ?? last.created) : undefined } satisfies BatchOutcome;
    },
    saveCheckpoint: (generation, position) => warehouse.setCheckpoint(generation, position),
    activate: (generation) => must(warehouse.activate(generation)).then(() => undefined),
    dropGeneration: (generation) => must(warehouse.dropGeneration(generation)).then(() => undefined),
  };
}

const rowsOf = (e: RecordedEvent): number => {
  const rows = (e.data as { rows?: unknown } | null)?.rows;
  return e.type.startsWith('performance.') && Array.isArray(rows) ? Math.max(1, rows.length) : 1;
};

// Rows of one batch by table and key. A day synced and restated in the same batch keeps the
// restatement's figures and its mark, as two batches would have.
function batchRows() {
  const tables = new Map<TableName, Map<string, Row>>();
  return {
    add(table: TableName, row: Row) {
      const spec = TABLES[table];
      const byKey = tables.get(table) ?? new Map<string, Row>();
      tables.set(table, byKey);
      const key = JSON.stringify(spec.key.map((k) => row[k]));
      const before = byKey.get(key);
      const restated = spec.restated;
      const changed = before !== undefined && restated !== undefined && (before[restated.flag] === true || restated.compare.some((c) => before[c] !== row[c]));
      byKey.set(key, changed && restated ? { ...row, [restated.flag]: true } : row);
    },
    of: (table: TableName): Row[] => [...(tables.get(table)?.values() ?? [])],
  };
}

// The log as of an event, for what the event itself does not carry. Each stream is read once
// per batch; events at or after the asking event's position are left out before they are
// decoded (most of a stream read for an event of this batch lies after it). An event of the
// batch itself is the very stored event the batch holds, already decoded: it is taken from
// there instead of being decoded a second time.
function logAsOf(events: EventStore, batch: readonly RecordedEvent[]): LogAsOf {
  const streams = new Map<string, Promise<RecordedEvent[]>>();
  const batchAt = new Map(batch.map((e) => [e.position, e]));
  const readRecorded = async (stream: string): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    for await (const recorded of events.readStream(stream)) out.push(recorded);
    return out;
  };
  return {
    async before(stream, position) {
      const all = streams.get(stream) ?? readRecorded(stream);
      streams.set(stream, all);
      const out: DecodedEvent[] = [];
      for (const recorded of await all) {
        if (recorded.position >= position) continue;
        const same = batchAt.get(recorded.position);
        try {
          out.push(toProjectedEvent(same?.eventId === recorded.eventId ? same : recorded));
        } catch {
          // An undecodable event of another stream is parked when its own turn comes.
        }
      }
      return out;
    },
  };
}

const parkedOf = (recorded: RecordedEvent, generation: number, error: unknown) => ({
  collection: REPORTING,
  generation,
  position: String(recorded.position),
  eventId: recorded.eventId,
  type: recorded.type,
  error: error instanceof Error ? error.message : String(error),
  parkedAt: new Date().toISOString(),
});
