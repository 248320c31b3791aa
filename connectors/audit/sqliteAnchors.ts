// The embedded anchor record: DATA_DIR/anchors.db, owner-only, beside but not inside the log.
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import { classifySqliteError, guardedPort } from '../../domain/shared/storeFaults.ts';
import { anchorTaken, type Anchor, type AnchorStore } from './anchors.ts';

interface Row {
  seq: number;
  position: string;
  state: string;
  events: number;
  key_id: string;
  at: string;
  prev_signature: string;
  signature: string;
}

const toAnchor = (r: Row): Anchor => ({ seq: r.seq, position: r.position, state: r.state, events: r.events, keyId: r.key_id, at: r.at, prevSignature: r.prev_signature, signature: r.signature });

export function openSqliteAnchors(path: string): AnchorStore {
  const db = new Database(path);
  chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS anchors (
    seq INTEGER PRIMARY KEY, position TEXT NOT NULL, state TEXT NOT NULL, events INTEGER NOT NULL,
    key_id TEXT NOT NULL, at TEXT NOT NULL, prev_signature TEXT NOT NULL, signature TEXT NOT NULL)`);
  const insert = db.prepare('INSERT OR IGNORE INTO anchors VALUES (@seq, @position, @state, @events, @keyId, @at, @prevSignature, @signature)');
  const last = db.prepare<[], Row>('SELECT * FROM anchors ORDER BY seq DESC LIMIT 1');
  const all = db.prepare<[], Row>('SELECT * FROM anchors ORDER BY seq');
  const store: AnchorStore = {
    async add(anchor) {
      return insert.run(anchor).changes === 1 ? undefined : anchorTaken(anchor.seq);
    },
    async last() {
      const row = last.get();
      return row ? toAnchor(row) : undefined;
    },
    async list() {
      return all.all().map(toAnchor);
    },
    async close() {
      db.close();
    },
  };
  return guardedPort('anchors', store, classifySqliteError);
}
