import type Database from 'better-sqlite3';
import type { CollectionSpec, Scalar } from './port.ts';

// One table per collection generation, with a real column per declared index field:
// dropping a generation is a DROP TABLE, and queries use ordinary indexes.
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function checkSpec(spec: CollectionSpec): void {
  if (!NAME.test(spec.name)) throw new Error(`collection name ${JSON.stringify(spec.name)} must match ${NAME}`);
  for (const field of spec.indexes) if (!FIELD.test(field) || field === 'id') throw new Error(`index field ${JSON.stringify(field)} is not allowed`);
}

export const tableOf = (collection: string, generation: number): string => `rm_${collection}_g${Math.trunc(generation)}`;
export const columnOf = (field: string): string => `"x_${field}"`;

// A generation no one reads yet (a rebuild's) is filled without its secondary indexes:
// building an index once over the finished table costs a fraction of keeping it ordered
// through every insert. `createIndexes` runs when it becomes the active one.
export function createGenerationTable(db: Database.Database, spec: CollectionSpec, generation: number, indexed: boolean): void {
  const table = tableOf(spec.name, generation);
  const columns = spec.indexes.map((f) => `, ${columnOf(f)}`).join('');
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, body TEXT NOT NULL, position INTEGER NOT NULL, deleted INTEGER NOT NULL${columns}) WITHOUT ROWID`);
  if (indexed) createIndexes(db, spec, generation);
}

export function createIndexes(db: Database.Database, spec: CollectionSpec, generation: number): void {
  const table = tableOf(spec.name, generation);
  // changedSince reads in (position, id) order: the live feed of processes without a projector.
  // Named apart from the field indexes (rm_…_<field>), which any suffix here could collide with.
  db.exec(`CREATE INDEX IF NOT EXISTS changes_${table} ON ${table} (position, id)`);
  for (const field of spec.indexes) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${table}_${field.toLowerCase()} ON ${table} (${columnOf(field)}, id)`);
  }
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
