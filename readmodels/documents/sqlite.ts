// Embedded document store on its own SQLite file. A batch and its checkpoint commit in one
// transaction, so a projection's events are applied exactly once.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { classifySqliteError, guardedPort } from '../../domain/shared/storeFaults.ts';
import type { ChangeCursor, CollectionBatch, CollectionSpec, Doc, DocChange, ReadModelBackend, FindPage, FindQuery, ParkedEvent } from './port.ts';
import { pageOf, queryShape } from './cursor.ts';
import { checkChangeLimit } from './changeLimit.ts';
import { buildFind } from './sqliteFind.ts';
import { checkSpec, queryError } from './indexSpec.ts';
import { FALLBACK_PAGES, walCheckpointer } from './sqliteCheckpointer.ts';
import { pageCache } from './sqlitePageCache.ts';
import { BUSY_TIMEOUT_MS, createGenerationTable, createIndexes, indexedFields, indexValue, migrateDocumentStore, tableOf } from './sqliteTables.ts';

// A tombstone's body is never read as a document; it keeps the tenant the document had, so
// that a change read back (changedSince) still reaches that tenant's clients.
const tombstoneBody = (tenantId: string | undefined): string => (tenantId === undefined ? '{}' : JSON.stringify({ tenantId }));

// Below this much free space the store reports itself not ready (a commit may still fit).
const MIN_FREE_BYTES = 512 * 1024;

export async function openSqliteDocumentStore(path: string): Promise<ReadModelBackend> {
  return guardedPort('document store', await openUnguarded(path), classifySqliteError);
}

async function openUnguarded(path: string): Promise<ReadModelBackend> {
  const db = new Database(path);
  migrateDocumentStore(db);
  // Every wait for a lock blocks the event loop: a few ms at most. Writers (projectors)
  // retry with backoff; readers in WAL mode do not wait for writers.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const probeWrite = db.prepare('INSERT INTO probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const checkpointer = walCheckpointer(path, () => db.pragma('wal_autocheckpoint = 1000'));
  const specs = new Map<string, CollectionSpec>();
  const ready = new Set<string>();
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const specOf = (collection: string): CollectionSpec => {
    const spec = specs.get(collection);
    if (!spec) throw queryError(`There is no collection ${collection}`);
    return spec;
  };
  const generationTable = (collection: string, generation: number): string => {
    const table = tableOf(collection, generation);
    if (!ready.has(table)) {
      createGenerationTable(db, specOf(collection), generation, generation === active(collection));
      ready.add(table);
    }
    return table;
  };
  const activeStmt = db.prepare('SELECT active FROM generations WHERE collection = ?').pluck();
  const active = (collection: string): number => Number(activeStmt.get(collection) ?? 1);

  const readBody = (collection: string, id: string, generation: number) =>
    stmt(`SELECT body FROM ${generationTable(collection, generation)} WHERE id = ? AND deleted = 0`).pluck().get(id) as string | undefined;
  const readPage = (collection: string, query: FindQuery, generation: number) => {
    const { sql, params, limit } = buildFind(specOf(collection), generationTable(collection, generation), query);
    return { rows: stmt(sql).pluck().all(...params) as string[], limit };
  };
  // Readers name no generation: the active one is looked up in the same read transaction
  // as the read (one lock round-trip instead of two, which is most of a small query's cost,
  // and a rebuild's switch-over cannot fall between the lookup and the read).
  const readActiveBody = db.transaction((collection: string, id: string) => readBody(collection, id, active(collection)));
  const readActivePage = db.transaction((collection: string, query: FindQuery) => readPage(collection, query, active(collection)));
  const pageFrom = ({ rows, limit }: { rows: string[]; limit: number }, collection: string, query: FindQuery): FindPage =>
    pageOf(rows.map((r) => JSON.parse(r) as Doc), limit, query.sort?.field, queryShape(collection, query));
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const cache = pageCache(() => dataVersion.get());

  const checkpointStmt = db.prepare('SELECT position FROM checkpoints WHERE collection = ? AND generation = ?').pluck().safeIntegers(true);
  const saveCheckpoint = db.prepare(
    'INSERT INTO checkpoints (collection, generation, position) VALUES (?, ?, ?) ON CONFLICT (collection, generation) DO UPDATE SET position = max(position, excluded.position)',
  );

  // Per collection and generation: the write statement and the index values of a document.
  const writers = new Map<string, { run: (change: DocChange) => void }>();
  const writerOf = (collection: string, generation: number) => {
    const table = generationTable(collection, generation);
    const known = writers.get(table);
    if (known) return known;
    const fields = indexedFields(specOf(collection));
    const cols = fields.map((f) => `, "x_${f}"`).join('');
    const marks = fields.map(() => ', ?').join('');
    const sets = fields.map((f) => `, "x_${f}" = excluded."x_${f}"`).join('');
    // A change older than what the document has seen changes nothing (replays, tombstones).
    const write = stmt(
      `INSERT INTO ${table} (id, body, position, deleted${cols}) VALUES (?, ?, ?, ?${marks})
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, position = excluded.position, deleted = excluded.deleted${sets}
       WHERE excluded.position > ${table}.position`,
    );
    const nulls = fields.map(() => null);
    const writer = {
      run: (change: DocChange) =>
        change.type === 'upsert'
          ? write.run(change.id, JSON.stringify({ ...change.doc, id: change.id }), change.position, 0, ...fields.map((f) => indexValue(change.doc[f])))
          : write.run(change.id, tombstoneBody(change.tenantId), change.position, 1, ...nulls),
    };
    writers.set(table, writer);
    return writer;
  };
  const applyInTransaction = db.transaction((batches: readonly CollectionBatch[]) => {
    for (const { collection, generation, changes, checkpoint } of batches) {
      const writer = writerOf(collection, generation);
      for (const change of changes) writer.run(change);
      saveCheckpoint.run(collection, generation, checkpoint);
    }
  });

  // Read with safe integers: positions may lie beyond 2^53.
  const readChanges = (collection: string, generation: number, from: ChangeCursor, upTo: bigint, limit: number): DocChange[] => {
    const table = generationTable(collection, generation);
    const rows = (from.id === undefined
      ? stmt(`SELECT id, body, position, deleted FROM ${table} WHERE position > ? AND position <= ? ORDER BY position, id LIMIT ?`)
        .safeIntegers(true).all(from.position, upTo, limit)
      : stmt(`SELECT id, body, position, deleted FROM ${table} WHERE (position, id) > (?, ?) AND position <= ? ORDER BY position, id LIMIT ?`)
        .safeIntegers(true).all(from.position, from.id, upTo, limit)) as { id: string; body: string; position: bigint; deleted: bigint }[];
    return rows.map(({ id, body, position, deleted }) => {
      if (deleted === 0n) return { type: 'upsert', id, doc: JSON.parse(body) as Doc, position };
      const tenantId = (JSON.parse(body) as { tenantId?: unknown }).tenantId;
      return typeof tenantId === 'string' ? { type: 'delete', id, position, tenantId } : { type: 'delete', id, position };
    });
  };

  const leaseStmt = db.prepare(
    `INSERT INTO leases (collection, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (collection) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
  );

  return {
    name: 'sqlite',
    async prepare(list) {
      for (const spec of list) {
        checkSpec(spec);
        specs.set(spec.name, spec);
        generationTable(spec.name, active(spec.name));
      }
    },
    async get(collection, id, generation) {
      const row = generation === undefined ? readActiveBody(collection, id) : readBody(collection, id, generation);
      return row === undefined ? undefined : (JSON.parse(row) as Doc);
    },
    async find(collection, query, generation): Promise<FindPage> {
      if (generation !== undefined) return pageFrom(readPage(collection, query, generation), collection, query);
      const key = JSON.stringify(query);
      return cache.get(collection, key) ?? cache.set(collection, key, pageFrom(readActivePage(collection, query), collection, query));
    },
    async applyBatch(collection, generation, changes, checkpoint) {
      applyInTransaction([{ collection, generation, changes, checkpoint }]);
      cache.forget(collection);
      checkpointer.committed();
    },
    async applyBatches(batches) {
      if (batches.length === 0) return;
      applyInTransaction(batches);
      for (const b of batches) cache.forget(b.collection);
      checkpointer.committed();
    },
    async checkpoint(collection, generation) {
      return (checkpointStmt.get(collection, generation) as bigint | undefined) ?? undefined;
    },
    async changedSince(collection, generation, from, upTo, limit) {
      return readChanges(collection, generation, from, upTo, checkChangeLimit(limit));
    },
    async activeGeneration(collection) {
      return active(collection);
    },
    async activate(collection, generation) {
      cache.forget(collection);
      generationTable(collection, generation);
      createIndexes(db, specOf(collection), generation);
      db.prepare('INSERT INTO generations (collection, active) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET active = excluded.active').run(collection, generation);
    },
    async dropGeneration(collection, generation) {
      if (generation === active(collection)) throw queryError(`Generation ${generation} of ${collection} is live; activate another first`);
      const table = tableOf(collection, generation);
      db.transaction(() => {
        db.exec(`DROP TABLE IF EXISTS ${table}`);
        db.prepare('DELETE FROM checkpoints WHERE collection = ? AND generation = ?').run(collection, generation);
      })();
      ready.delete(table);
      writers.delete(table);
      statements.clear(); // statements on a dropped table cannot run again
    },
    async acquireLease(collection, holder, ttlMs) {
      const now = Date.now();
      return leaseStmt.run(collection, holder, now + ttlMs, now).changes === 1;
    },
    async releaseLease(collection, holder) {
      db.prepare('DELETE FROM leases WHERE collection = ? AND holder = ?').run(collection, holder);
    },
    async requestRebuild(collection, requestedBy) {
      db.prepare('INSERT INTO rebuild_requests (collection, requested_by, requested_at) VALUES (?, ?, ?) ON CONFLICT (collection) DO NOTHING').run(collection, requestedBy, new Date().toISOString());
    },
    async takeRebuildRequest(collection) {
      const row = db.prepare('DELETE FROM rebuild_requests WHERE collection = ? RETURNING requested_by, requested_at').get(collection) as { requested_by: string; requested_at: string } | undefined;
      return row ? { requestedBy: row.requested_by, requestedAt: row.requested_at } : undefined;
    },
    async probe() {
      // A one-row rewrite may land in WAL space the file already has, even on a full disk.
      const fs = statfsSync(dirname(path));
      if (fs.bavail * fs.bsize < MIN_FREE_BYTES) throw Object.assign(new Error(`the disk of ${path} is full`), { code: 'ENOSPC' });
      probeWrite.run(Date.now());
    },
    async park(event: ParkedEvent) {
      db.prepare('INSERT OR REPLACE INTO parked VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        event.collection, event.generation, event.position, event.eventId, event.type, event.error, event.parkedAt,
      );
    },
    async parked(collection) {
      const rows = (collection === undefined
        ? db.prepare('SELECT * FROM parked ORDER BY parked_at').all()
        : db.prepare('SELECT * FROM parked WHERE collection = ? ORDER BY parked_at').all(collection)) as Record<string, string | number>[];
      return rows.map((r) => ({
        collection: String(r.collection), generation: Number(r.generation), position: String(r.position), eventId: String(r.event_id),
        type: String(r.type), error: String(r.error), parkedAt: String(r.parked_at),
      }));
    },
    async close() {
      await checkpointer.close();
      db.close();
    },
  };
}
