// Embedded event store on one SQLite file (WAL, synchronous=FULL) with group commit:
// appends queued while the event loop is busy share the next transaction, each checked
// against its own expected revision, so one conflict fails only its own append.
import Database from 'better-sqlite3';
import type { AppendOutcome, EventStore, ExpectedRevision, NewEvent, Position, RecordedEvent } from './port.ts';
import { START, matchesFilter } from './port.ts';
import { migrateEventStore, type EventRow } from './sqliteSchema.ts';
import { appendChecked, type AppendStatements } from './sqliteAppend.ts';
import { sqliteSubscription, type CommitSignal } from './sqliteSubscription.ts';
import { streamRevisions } from './sqliteRevisions.ts';
import { withRecentWrites } from './sqliteRecentWrites.ts';

const PAGE = 512;

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    created: row.created,
  };
}

export function openSqliteEventStore(path: string): EventStore {
  const db = new Database(path);
  db.defaultSafeIntegers(true);
  migrateEventStore(db);

  const statements: AppendStatements = {
    byEventId: db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
    insert: db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };
  const revisions = streamRevisions(db);
  const forwards = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?');
  const backwards = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?');
  const allAfter = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  const head = db.prepare('SELECT coalesce(max(position), 0) AS position FROM events');

  // Every live subscription (one per projection) reads the same page right after a commit
  // wakes them: read and parse it once. The page is forgotten at the next commit of this
  // process and at the end of the event-loop turn, so what another process commits is seen
  // by the next read, and a subscription never waits on a stale empty page.
  let tail: { after: bigint; events: RecordedEvent[] } | undefined;
  let forgetScheduled = false;
  const forgetTail = () => {
    tail = undefined;
    forgetScheduled = false;
  };
  const readTail = (after: bigint): RecordedEvent[] => {
    if (tail?.after === after) return tail.events;
    tail = { after, events: (allAfter.all(after, PAGE) as EventRow[]).map(toRecorded) };
    if (!forgetScheduled) {
      forgetScheduled = true;
      setImmediate(forgetTail);
    }
    return tail.events;
  };

  const signal: CommitSignal = { waiters: new Set() };
  let queue: PendingAppend[] = [];
  let scheduled = false;
  let closed = false;

  const commitBatch = db.transaction((batch: PendingAppend[]) => {
    revisions.sync();
    const created = new Date().toISOString();
    return batch.map((p) => appendChecked(db, statements, revisions, p.stream, p.events, p.expected, created));
  });

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = commitBatch.immediate(batch);
    } catch (error) {
      revisions.forget();
      for (const p of batch) p.reject(error);
      return;
    }
    forgetTail();
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
    for (const wake of signal.waiters) wake();
    signal.waiters.clear();
  }

  async function* pages(read: (cursor: bigint, limit: number) => EventRow[], next: (row: EventRow) => bigint, start: bigint, max: number) {
    let cursor = start;
    let left = max;
    while (left > 0) {
      const rows = read(cursor, Math.min(PAGE, left));
      for (const row of rows) yield toRecorded(row);
      if (rows.length < Math.min(PAGE, left)) return;
      left -= rows.length;
      cursor = next(rows[rows.length - 1]!);
    }
  }

  const store: EventStore = {
    name: 'sqlite',
    gapFreePositions: true,
    append(stream, events, expected) {
      if (closed) return Promise.reject(new Error('event store is closed'));
      return new Promise<AppendOutcome>((resolve, reject) => {
        queue.push({ stream, events, expected, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    readStream(stream, options = {}) {
      const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      if (options.direction === 'backwards') {
        const from = options.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER);
        return pages((c, n) => backwards.all(stream, c, n) as EventRow[], (r) => r.revision - 1n, from, max);
      }
      return pages((c, n) => forwards.all(stream, c, n) as EventRow[], (r) => r.revision + 1n, options.fromRevision ?? 0n, max);
    },
    async *readAll(options = {}) {
      const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      let count = 0;
      let after = options.after ?? START;
      while (count < max) {
        const rows = allAfter.all(after, PAGE) as EventRow[];
        for (const row of rows) {
          if (!matchesFilter(options.filter, row.stream_id, row.type)) continue;
          yield toRecorded(row);
          if (++count >= max) return;
        }
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.position;
      }
    },
    subscribeAll(options = {}) {
      return sqliteSubscription(readTail, signal, options.after ?? START, options.filter);
    },
    async headPosition(): Promise<Position> {
      return (head.get() as { position: bigint }).position;
    },
    async close() {
      if (closed) return;
      flush();
      closed = true;
      for (const wake of signal.waiters) wake();
      signal.closed = true;
      db.close();
    },
  };
  // data_version costs a statement too, but no rows, no parsing and no async iteration.
  return withRecentWrites(store, (stream) => (closed ? undefined : revisions.peek(stream, revisions.version())));
}
