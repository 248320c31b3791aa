// Document store on MongoDB (or any MongoDB-wire server: FerretDB in CI).
//
// Each document remembers the last log position applied to it (`_pos`), and a write for an
// older or equal position changes nothing, so a batch replayed after a crash, or by a
// projector that lost its lease, is harmless (mongoWrites.ts). A delete leaves a tombstone so
// that an older upsert replayed later cannot bring the document back. The checkpoint is
// written with the batch, and only ever moves forward. On a replica set (or a sharded cluster)
// the batches of one commit and their checkpoints also go in one transaction, so readers never
// see a batch half applied; on a standalone server or FerretDB the position guard is all there
// is (found at open, and logged).
//
// Layout: one physical collection per generation (`${name}__g${generation}`), and shared
// collections: projection_checkpoints, projection_generations, projection_leases (mongoLease.ts),
// projection_parked, projection_rebuild_requests.
import { MongoClient } from 'mongodb';
import type { Collection, Db, Filter } from 'mongodb';
import type { CollectionSpec, Doc, DocChange, ReadModelBackend, FindPage, ParkedEvent } from './port.ts';
import { pageOf, queryShape } from './cursor.ts';
import { checkChangeLimit } from './changeLimit.ts';
import { classifyMongoError, guardedPort } from '../../domain/shared/storeFaults.ts';
import { buildMongoFind, positionKey } from './mongoFind.ts';
import { checkSpec, queryError } from './indexSpec.ts';
import type { StoredDoc } from './mongoFind.ts';
import { mongoLeases, type LeaseDoc, type LeaseHooks } from './mongoLease.ts';
import { serverClock } from './serverClock.ts';
import { clientOptions, READ_MS, topologyOf } from './mongoClient.ts';
import { insertElse, mongoBatchWriter, type CheckpointDoc } from './mongoWrites.ts';
import { ensureMongoIndexes, supportsPartialIndexes } from './mongoIndexes.ts';
import { isNamespaceNotFound } from './mongoErrors.ts';

interface GenerationDoc { _id: string; generation: number }
interface ParkedDoc { _id: string; collection: string; generation: number; position: string; eventId: string; type: string; error: string; parkedAt: string }

// The database: options.database, else the path of the URL, else "adledger".
function databaseName(url: string, database: string | undefined): string {
  if (database) return database;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : 'adledger';
}

// Network errors, server selection timeouts, a full disk on the server… become StoreFaults
// (503 at the API, a retry in the projector): see classifyMongoError.
export interface MongoStoreOptions {
  readonly database?: string;
  readonly leaseHooks?: LeaseHooks; // tests script lease races with these
}

// What ops may want to know of this server: whether its indexes hold live documents only.
export type MongoDocumentStore = ReadModelBackend & { readonly indexing: { readonly liveOnly: boolean } };

export async function openMongoDocumentStore(url: string, options?: MongoStoreOptions): Promise<MongoDocumentStore> {
  return guardedPort('document store', await openUnguarded(url, options), classifyMongoError);
}

async function openUnguarded(url: string, options?: MongoStoreOptions): Promise<MongoDocumentStore> {
  const client = new MongoClient(url, clientOptions(url));
  await client.connect();
  const db: Db = client.db(databaseName(url, options?.database));
  const topology = await topologyOf(db);
  const clock = serverClock(db);
  await clock.now();
  const checkpoints = db.collection<CheckpointDoc>('projection_checkpoints');
  const generations = db.collection<GenerationDoc>('projection_generations');
  const leases = mongoLeases(db.collection<LeaseDoc>('projection_leases'), clock, READ_MS, options?.leaseHooks);
  const parkedEvents = db.collection<ParkedDoc>('projection_parked');
  const rebuildRequests = db.collection<{ _id: string; requestedBy: string; requestedAt: string }>('projection_rebuild_requests');
  const probes = db.collection<{ _id: string; at: Date }>('projection_probe');

  const specs = new Map<string, CollectionSpec>();
  const indexed = new Set<string>();

  const specOf = (collection: string): CollectionSpec => {
    const spec = specs.get(collection);
    if (!spec) throw queryError(`There is no collection ${collection}`);
    return spec;
  };
  const checkGeneration = (generation: number): number => {
    if (!Number.isSafeInteger(generation) || generation < 1) throw queryError(`generation ${generation} must be a positive integer`);
    return generation;
  };
  const physicalName = (collection: string, generation: number): string => `${collection}__g${checkGeneration(generation)}`;
  const physical = (collection: string, generation: number): Collection<StoredDoc> => db.collection<StoredDoc>(physicalName(collection, generation));

  // Whether this server's indexes leave tombstones out (partial indexes): FerretDB 1.24 has none.
  const indexing = { liveOnly: await supportsPartialIndexes(db) };
  // Indexes on a generation's collection, checked once per process (see mongoIndexes.ts).
  const ensureIndexes = async (collection: string, generation: number): Promise<Collection<StoredDoc>> => {
    const spec = specOf(collection);
    const coll = physical(collection, generation);
    if (!indexed.has(coll.collectionName)) {
      await ensureMongoIndexes(coll, spec, indexing.liveOnly);
      indexed.add(coll.collectionName);
    }
    return coll;
  };

  const active = async (collection: string): Promise<number> => (await generations.findOne({ _id: collection }, { maxTimeMS: READ_MS }))?.generation ?? 1;
  const readable = async (collection: string, generation?: number): Promise<Collection<StoredDoc>> => {
    specOf(collection);
    return physical(collection, generation ?? (await active(collection)));
  };

  const { writeBatch } = mongoBatchWriter(checkpoints, physical, physicalName);

  const backend: MongoDocumentStore = {
    name: 'mongodb',
    guarantees: {
      server: topology.kind,
      batches: topology.transactions ? 'one transaction per commit, and per-document positions' : 'per-document positions (no transactions on this server)',
      leaseClock: clock.source() === 'server' ? "the server's (hello localTime)" : "this process's (the server sent no localTime)",
      indexes: indexing.liveOnly ? 'live documents only (partial)' : 'every document, tombstones too (this server has no partial indexes)',
    },
    indexing,

    async prepare(list) {
      for (const spec of list) checkSpec(spec);
      for (const spec of list) specs.set(spec.name, spec);
      await leases.prepare();
      await parkedEvents.createIndex({ collection: 1, parkedAt: 1 }, { name: 'by_collection' });
      for (const spec of list) await ensureIndexes(spec.name, await active(spec.name));
    },

    async get(collection, id, generation) {
      const coll = await readable(collection, generation);
      const found = await coll.findOne({ _id: id, _deleted: false }, { projection: { d: 1 }, maxTimeMS: READ_MS });
      return found?.d === undefined ? undefined : (found.d as Doc);
    },

    // One reply holds the page (batchSize): no getMore that a dropped generation could fail.
    async find(collection, query, generation): Promise<FindPage> {
      const { filter, sort, limit } = buildMongoFind(specOf(collection), query);
      const coll = await readable(collection, generation);
      const rows = await coll.find(filter, { sort, limit: limit + 1, batchSize: limit + 1, projection: { d: 1 }, maxTimeMS: READ_MS }).toArray();
      return pageOf(rows.map((row) => (row.d ?? {}) as Doc), limit, query.sort?.field, queryShape(collection, query));
    },

    async applyBatch(collection, generation, changes, checkpoint) {
      await backend.applyBatches([{ collection, generation, changes, checkpoint }]);
    },

    // With transactions, every batch and checkpoint of one commit at once (indexes are built
    // before: DDL has no place in a transaction). Without, batch by batch, whose per-document
    // positions make a partly applied set harmless to replay.
    async applyBatches(batches) {
      for (const b of batches) await ensureIndexes(b.collection, b.generation);
      if (!topology.transactions) {
        for (const b of batches) await writeBatch(b);
        return;
      }
      await client.withSession((session) => session.withTransaction(async () => {
        for (const b of batches) await writeBatch(b, session);
      }, { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } }));
    },

    async checkpoint(collection, generation) {
      const found = await checkpoints.findOne({ _id: physicalName(collection, generation) }, { maxTimeMS: READ_MS });
      return found ? BigInt(found.position) : undefined;
    },

    // batchSize = limit: the page comes back in one reply, with no getMore.
    async changedSince(collection, generation, from, upTo, limit) {
      checkChangeLimit(limit);
      const coll = await readable(collection, generation);
      const low = positionKey(from.position);
      const high = positionKey(upTo);
      const after: Filter<StoredDoc> = from.id === undefined
        ? { _pos: { $gt: low, $lte: high } }
        : { $and: [{ _pos: { $lte: high } }, { $or: [{ _pos: { $gt: low } }, { _pos: low, _id: { $gt: from.id } }] }] };
      const rows = await coll.find(after, { sort: { _pos: 1, _id: 1 }, limit, batchSize: limit, projection: { _pos: 1, _deleted: 1, d: 1, _tenant: 1 }, maxTimeMS: READ_MS }).toArray();
      return rows.map((row): DocChange => {
        const position = BigInt(row._pos);
        if (!row._deleted) return { type: 'upsert', id: row._id, doc: (row.d ?? { id: row._id }) as Doc, position };
        return row._tenant === undefined ? { type: 'delete', id: row._id, position } : { type: 'delete', id: row._id, position, tenantId: row._tenant };
      });
    },

    async activeGeneration(collection) {
      return active(collection);
    },

    async activate(collection, generation) {
      await ensureIndexes(collection, generation);
      await insertElse(generations, { _id: collection, generation }, () => generations.updateOne({ _id: collection }, { $set: { generation } }));
    },

    async dropGeneration(collection, generation) {
      const coll = physical(collection, generation);
      if (generation === (await active(collection))) throw queryError(`Generation ${generation} of ${collection} is live; activate another first`);
      try {
        await coll.drop();
      } catch (error) {
        if (!isNamespaceNotFound(error)) throw error;
      }
      indexed.delete(coll.collectionName);
      await checkpoints.deleteOne({ _id: coll.collectionName });
    },

    acquireLease: (collection, holder, ttlMs) => leases.acquire(collection, holder, ttlMs),
    releaseLease: (collection, holder) => leases.release(collection, holder),

    // Acknowledged by a majority (the client's write concern), so it went through their journals.
    async probe() {
      const at = new Date();
      await insertElse(probes, { _id: 'probe', at }, () => probes.updateOne({ _id: 'probe' }, { $set: { at } }));
    },

    async park(event: ParkedEvent) {
      const _id = `${event.collection}__g${event.generation}__${event.eventId}`;
      await insertElse(parkedEvents, { _id, ...event }, () => parkedEvents.replaceOne({ _id }, { ...event }));
    },

    async requestRebuild(collection, requestedBy) {
      await insertElse(rebuildRequests, { _id: collection, requestedBy, requestedAt: new Date().toISOString() }, async () => undefined);
    },

    // Read, then delete that very request: of two takers only one deletes it.
    async takeRebuildRequest(collection) {
      const found = await rebuildRequests.findOne({ _id: collection }, { maxTimeMS: READ_MS });
      if (!found) return undefined;
      const { deletedCount } = await rebuildRequests.deleteOne({ _id: collection, requestedAt: found.requestedAt });
      return deletedCount === 1 ? { requestedBy: found.requestedBy, requestedAt: found.requestedAt } : undefined;
    },

    async parked(collection) {
      const rows = await parkedEvents.find(collection === undefined ? {} : { collection }, { sort: { parkedAt: 1, _id: 1 }, maxTimeMS: READ_MS }).toArray();
      return rows.map((r) => ({
        collection: r.collection, generation: r.generation, position: r.position, eventId: r.eventId,
        type: r.type, error: r.error, parkedAt: r.parkedAt,
      }));
    },

    async close() {
      await client.close();
    },
  };
  return backend;
}