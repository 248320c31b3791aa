import type Database from 'better-sqlite3';

// `position` is the rowid: assigned max+1 inside the single write transaction, so the log
// is gap-free and totally ordered. Nothing is ever deleted or updated.
export function migrateEventStore(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // an acknowledged append survives power loss
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY,
      stream_id TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      event_id  TEXT    NOT NULL UNIQUE,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      created   TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    -- One row, rewritten by the readiness probe: a real write that reaches the WAL.
    CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
  `);
}

export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created: string;
}
