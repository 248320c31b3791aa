// Embedded event store on one SQLite file (WAL, synchronous=FULL) with group commit:
// appends queued while the event loop is busy share the next transaction, each checked
// against its own expected revision, so one conflict fails only its own append.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendOutcome, EventStore, ExpectedRevision, NewEvent, Position, RecordedEvent } from './port.ts';
import { START, matchesFilter } from './port.ts';
import { migrateEventStore, type EventRow } from './sqliteSchema.ts';
import { appendChecked, type AppendStatements } from './sqliteAppend.ts';
import { sqliteSubscription, type CommitSignal } from './sqliteSubscription.ts';
import { streamRevisions } from './sqliteRevisions.ts';
import { withKnownStreamEnds } from './knownStreamEnds.ts';
import { classifySqliteError, guardSync, storeUnavailable } from '../../domain/shared/storeFaults.ts';

const PAGE = 512;
export const BUSY_TIMEOUT_MS = 5;

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
  attempts: number; // busy retries so far
}

// A held lock: retried 8 times, 5 ms doubling up to 400 ms (about 1.5 s in all), then unavailable.
const BUSY_RETRIES = 8;
const BUSY_BACKOFF_MS = 5;
const BUSY_BACKOFF_MAX_MS = 400;

// Below this much free space the store reports itself not ready (a commit may still fit).
const MIN_FREE_BYTES = 512 * 1024;

function requireFreeSpace(dir: string): void {
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < MIN_FREE_BYTES) throw Object.assign(new Error(`${free} bytes free on the disk of ${dir}`), { code: 'ENOSPC' });
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

export interface SqliteEventStoreOptions {
  // Told the driver's error when a store fault fails a batch (callers only get 503s).
  readonly onFault?: (error: unknown) => void;
}

export function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): EventStore {
  const onFault = options.onFault ?? (() => {});
  const db = new Database(path);
  db.defaultSafeIntegers(true);
  migrateEventStore(db);
  // Every wait for a lock blocks the event loop: a few ms at most, then retried asynchronously.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const guard = <T>(work: () => T): T => guardSync('event store', classifySqliteError, work);

  const statements: AppendStatements = {
    byEventId: db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
    insert: db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    savepoint: db.prepare('SAVEPOINT append'),
    release: db.prepare('RELEASE append'),
    rollbackTo: db.prepare('ROLLBACK TO append'),
  };
  const revisions = streamRevisions(db);
  const forwards = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?');
  const backwards = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?');
  const allAfter = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  const head = db.prepare('SELECT coalesce(max(position), 0) AS position FROM events');
  const probeWrite = db.prepare('INSERT INTO probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');

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
    tail = { after, events: guard(() => allAfter.all(after, PAGE) as EventRow[]).map(toRecorded) };
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

  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  // One transaction for the batch, each append in its own savepoint (appendChecked). A store
  // fault anywhere, the COMMIT included, rolls the whole batch back: never half-committed.
  const commitBatch = (batch: readonly PendingAppend[]): AppendOutcome[] => {
    begin.run();
    try {
      revisions.sync();
      const created = new Date().toISOString();
      const outcomes = batch.map((p) => appendChecked(statements, revisions, p.stream, p.events, p.expected, created));
      commit.run();
      return outcomes;
    } catch (error) {
      if (db.inTransaction) guard(() => db.exec('ROLLBACK'));
      throw error;
    }
  };

  let retryTimer: NodeJS.Timeout | undefined;
  function flush(): void {
    scheduled = false;
    clearTimeout(retryTimer);
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = commitBatch(batch);
    } catch (error) {
      revisions.forget(); // what the failed transaction set is not in the log
      const fault = classifySqliteError(error);
      // A lock held by another connection: try the batch again shortly, off the event loop's
      // back (busy_timeout is a few ms), a bounded number of times.
      if (fault === 'busy' && !closed) {
        for (const p of batch) p.attempts++;
        const retry = batch.filter((p) => p.attempts <= BUSY_RETRIES);
        for (const p of batch) if (p.attempts > BUSY_RETRIES) p.resolve({ ok: false, error: storeUnavailable('event store') });
        if (retry.length === 0) return onFault(error);
        queue = [...retry, ...queue];
        scheduled = true;
        const attempts = Math.max(...retry.map((p) => p.attempts));
        retryTimer = setTimeout(flush, Math.min(BUSY_BACKOFF_MAX_MS, BUSY_BACKOFF_MS * 2 ** attempts));
        return;
      }
      if (fault === undefined) {
        for (const p of batch) p.reject(error);
        return;
      }
      onFault(error);
      for (const p of batch) p.resolve({ ok: false, error: storeUnavailable('event store') });
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
        queue.push({ stream, events, expected, resolve, reject, attempts: 0 });
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
        return pages((c, n) => guard(() => backwards.all(stream, c, n) as EventRow[]), (r) => r.revision - 1n, from, max);
      }
      return pages((c, n) => guard(() => forwards.all(stream, c, n) as EventRow[]), (r) => r.revision + 1n, options.fromRevision ?? 0n, max);
    },
    async *readAll(options = {}) {
      const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      let count = 0;
      let after = options.after ?? START;
      while (count < max) {
        const rows = guard(() => allAfter.all(after, PAGE) as EventRow[]);
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
      return guard(() => head.get() as { position: bigint }).position;
    },
    async probe() {
      // A one-row rewrite may land in WAL space the file already has, even on a full disk:
      // the free space is asked too.
      guard(() => {
        requireFreeSpace(dirname(path));
        probeWrite.run(Date.now());
      });
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
  return withKnownStreamEnds(store, (stream) => (closed ? undefined : revisions.peek(stream, revisions.version())));
}
