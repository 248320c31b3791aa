import type Database from 'better-sqlite3';
import type { CollectionSpec, Scalar } from './port.ts';
import { shapeIndexName } from './queryShapes.ts';

// One table per collection generation, with a real column per declared index field:
// dropping a generation is a DROP TABLE, and queries use ordinary indexes.

export const indexedFields = (spec: CollectionSpec): string[] => Object.keys(spec.indexes.fields);

export const tableOf = (collection: string, generation: number): string => `rm_${collection}_g${Math.trunc(generation)}`;
export const columnOf = (field: string): string => `"x_${field}"`;

// A generation no one reads yet (a rebuild's) is filled without its secondary indexes:
// building an index once over the finished table costs a fraction of keeping it ordered
// through every insert. `createIndexes` runs when it becomes the active one.
export function createGenerationTable(db: Database.Database, spec: CollectionSpec, generation: number, indexed: boolean): void {
  const table = tableOf(spec.name, generation);
  const columns = indexedFields(spec).map((f) => `, ${columnOf(f)}`).join('');
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, body TEXT NOT NULL, position INTEGER NOT NULL, deleted INTEGER NOT NULL${columns}) WITHOUT ROWID`);
  if (indexed) createIndexes(db, spec, generation);
}

// One index per declared shape: its equality columns, its sort column, then id, over live
// rows only (every find asks for deleted = 0, so tombstones need no place in them). SQLite
// walks an index backwards for a descending sort, so one serves both directions.

export function createIndexes(db: Database.Database, spec: CollectionSpec, generation: number): void {
  const table = tableOf(spec.name, generation);
  // changedSince reads in (position, id) order: the live feed of processes without a projector.
  // Named apart from the shape indexes, which any suffix here could collide with.
  const changes = `changes_${table}`;
  db.exec(`CREATE INDEX IF NOT EXISTS ${changes} ON ${table} (position, id)`);
  const wanted = new Set([changes]);
  for (const shape of spec.indexes.shapes) {
    const name = `${table}__${shapeIndexName(shape)}`;
    wanted.add(name);
    const columns = [...shape.equal, ...(shape.sort === undefined ? [] : [shape.sort])].map(columnOf).join(', ');
    db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON ${table} (${columns}, id) WHERE deleted = 0`);
  }
  // Indexes of shapes no longer declared (and the one-field indexes of earlier versions)
  // only slow writes down.
  const existing = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").pluck().all(table) as string[];
  for (const name of existing) if (!wanted.has(name)) db.exec(`DROP INDEX IF EXISTS "${name}"`);
}

// What an index column holds: scalars as they are (booleans as 0/1, as SQLite compares
// them), anything else as its JSON text.
export function indexValue(value: unknown): Scalar | bigint {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

// After the migration (which may wait for a lock at start-up), see openSqliteDocumentStore.
export const BUSY_TIMEOUT_MS = 5;

export function migrateDocumentStore(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Read models are derived from the log: a batch and its checkpoint stay atomic in WAL,
  // and a power cut can only lose the newest batches, which the projector then replays.
  // NORMAL drops the fsync per batch (six projections would otherwise fsync six times for
  // every live event).
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoints (collection TEXT NOT NULL, generation INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (collection, generation)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS generations (collection TEXT PRIMARY KEY, active INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS leases (collection TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS rebuild_requests (collection TEXT PRIMARY KEY, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS parked (collection TEXT NOT NULL, generation INTEGER NOT NULL, position TEXT NOT NULL, event_id TEXT NOT NULL,
      type TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL, PRIMARY KEY (collection, generation, event_id)) WITHOUT ROWID;
  `);
}
