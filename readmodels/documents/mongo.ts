// Document store on MongoDB (or any MongoDB-wire server: FerretDB in CI).
//
// A batch is not a transaction here: each document remembers the last log position
// applied to it (`_pos`), and a write for an older or equal position changes nothing, so a
// batch replayed after a crash, or by a projector that lost its lease, is harmless. A delete
// leaves a tombstone so that an older upsert replayed later cannot bring the document back.
// The checkpoint is written after the batch, and only ever moves forward.
//
// Every write is "insert, else conditional update": an insert either creates the document or
// fails on the unique _id (a duplicate-key error, the one race MongoDB settles for us), and
// only then do we update the existing document where its position is older. No upserts: an
// upsert whose filter does not match fails with the same duplicate-key error whether a newer
// version exists or a racing writer created the document first, and FerretDB 1.x stops an
// update command at its first error even when it is unordered, silently skipping the rest.
//
// Layout: one physical collection per generation (`${name}__g${generation}`), and four
// shared collections: projection_checkpoints, projection_generations, projection_leases,
// projection_parked, projection_rebuild_requests.
import { MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, Filter, OptionalUnlessRequiredId, WriteError } from 'mongodb';
import type { CollectionSpec, Doc, DocChange, ReadModelBackend, FindPage, ParkedEvent } from './port.ts';
import { pageOf, queryShape } from './cursor.ts';
import { checkChangeLimit } from './changeLimit.ts';
import { classifyMongoError, guardedPort } from '../../domain/shared/storeFaults.ts';
import { buildMongoFind, checkSpec, positionKey, queryError } from './mongoFind.ts';
import type { StoredDoc } from './mongoFind.ts';
import { ensureMongoIndexes, supportsPartialIndexes } from './mongoIndexes.ts';

interface CheckpointDoc { _id: string; collection: string; generation: number; position: string }
interface GenerationDoc { _id: string; generation: number }
// A lease is a series of terms, one insert-only document each; the term after the latest
// one can be inserted by one candidate only. Holder null is a released term.
interface LeaseDoc { _id: string; collection: string; term: number; holder: string | null; expiresAt: Date }
interface ParkedDoc { _id: string; collection: string; generation: number; position: string; eventId: string; type: string; error: string; parkedAt: string }

const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;

const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

// The database: options.database, else the path of the URL, else "adledger".
function databaseName(url: string, database: string | undefined): string {
  if (database) return database;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : 'adledger';
}

// Inserts; when the _id exists, runs `existing` instead.
async function insertElse<T extends { _id: string }>(coll: Collection<T>, doc: OptionalUnlessRequiredId<T>, existing: () => Promise<unknown>): Promise<void> {
  try {
    await coll.insertOne(doc);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await existing();
  }
}

// Inserts many; returns the indexes of the documents whose _id already existed.
async function insertManyDuplicates<T extends { _id: string }>(coll: Collection<T>, docs: OptionalUnlessRequiredId<T>[]): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    await coll.insertMany(docs, { ordered: false });
    return [];
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError) || error.err !== undefined) throw error;
    const writeErrors: WriteError[] = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    return writeErrors.map((e) => e.index);
  }
}

// Network errors, server selection timeouts, a full disk on the server… become StoreFaults
// (503 at the API, a retry in the projector): see classifyMongoError.
export async function openMongoDocumentStore(url: string, options?: { database?: string }): Promise<MongoDocumentStore> {
  return guardedPort('document store', await openUnguarded(url, options), classifyMongoError);
}

// What ops may want to know of this server: whether its indexes hold live documents only
// (set at the first prepare; unset before).
export type MongoDocumentStore = ReadModelBackend & { readonly indexing: { readonly liveOnly?: boolean } };

async function openUnguarded(url: string, options?: { database?: string }): Promise<MongoDocumentStore> {
  // ignoreUndefined: a field set to undefined is absent, as it is in the JSON the embedded store keeps.
  const client = new MongoClient(url, { ignoreUndefined: true, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db: Db = client.db(databaseName(url, options?.database));
  const checkpoints = db.collection<CheckpointDoc>('projection_checkpoints');
  const generations = db.collection<GenerationDoc>('projection_generations');
  const leases = db.collection<LeaseDoc>('projection_leases');
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

  // Whether this server's indexes leave tombstones out (partial indexes), asked at the first
  // prepare and visible on the store as `indexing.liveOnly`: FerretDB 1.24 has none.
  const indexing: { liveOnly?: boolean } = {};
  // Indexes on a generation's collection, checked once per process (see mongoIndexes.ts).
  const ensureIndexes = async (collection: string, generation: number): Promise<Collection<StoredDoc>> => {
    const spec = specOf(collection);
    const coll = physical(collection, generation);
    if (!indexed.has(coll.collectionName)) {
      indexing.liveOnly ??= await supportsPartialIndexes(db);
      await ensureMongoIndexes(coll, spec, indexing.liveOnly);
      indexed.add(coll.collectionName);
    }
    return coll;
  };

  const active = async (collection: string): Promise<number> => (await generations.findOne({ _id: collection }))?.generation ?? 1;
  const readable = async (collection: string, generation?: number): Promise<Collection<StoredDoc>> => {
    specOf(collection);
    return physical(collection, generation ?? (await active(collection)));
  };
  const latestTerm = (collection: string) => leases.findOne({ collection }, { sort: { term: -1 } });

  const backend: MongoDocumentStore = {
    name: 'mongodb',
    indexing,

    async prepare(list) {
      for (const spec of list) checkSpec(spec);
      for (const spec of list) specs.set(spec.name, spec);
      await leases.createIndex({ collection: 1, term: -1 }, { name: 'by_collection' });
      await parkedEvents.createIndex({ collection: 1, parkedAt: 1 }, { name: 'by_collection' });
      for (const spec of list) await ensureIndexes(spec.name, await active(spec.name));
    },

    async get(collection, id, generation) {
      const coll = await readable(collection, generation);
      const found = await coll.findOne({ _id: id, _deleted: false }, { projection: { d: 1 } });
      return found?.d === undefined ? undefined : (found.d as Doc);
    },

    async find(collection, query, generation): Promise<FindPage> {
      const { filter, sort, limit } = buildMongoFind(specOf(collection), query);
      const coll = await readable(collection, generation);
      const rows = await coll.find(filter, { sort, limit: limit + 1, projection: { d: 1 } }).toArray();
      return pageOf(rows.map((row) => (row.d ?? {}) as Doc), limit, query.sort?.field, queryShape(collection, query));
    },

    async applyBatch(collection, generation, changes, checkpoint) {
      const coll = await ensureIndexes(collection, generation);
      // One write per document: the change at the latest position counts (and of two at
      // one position, the later in the batch), as if the batch were applied in order.
      const latest = new Map<string, DocChange>();
      for (const change of changes) {
        const seen = latest.get(change.id);
        if (!seen || change.position >= seen.position) latest.set(change.id, change);
      }
      const stored: StoredDoc[] = [...latest.values()].map((change) => change.type === 'upsert'
        ? { _id: change.id, _pos: positionKey(change.position), _deleted: false, d: { ...change.doc, id: change.id } }
        : { _id: change.id, _pos: positionKey(change.position), _deleted: true, _tenant: change.tenantId });

      // Documents not seen yet are inserted; an insert that meets an existing _id (seen
      // already, or created meanwhile by another writer) becomes a conditional replace.
      const existing = new Set((await coll.find({ _id: { $in: stored.map((s) => s._id) } }, { projection: { _id: 1 } }).toArray()).map((s) => s._id));
      const fresh = stored.filter((s) => !existing.has(s._id));
      const raced = (await insertManyDuplicates(coll, fresh)).map((i) => fresh[i]!);
      const replaces: AnyBulkWriteOperation<StoredDoc>[] = [...stored.filter((s) => existing.has(s._id)), ...raced].map(({ _id, ...rest }) =>
        ({ replaceOne: { filter: { _id, _pos: { $lt: rest._pos } }, replacement: rest } }));
      if (replaces.length > 0) await coll.bulkWrite(replaces, { ordered: false });

      const key = physicalName(collection, generation);
      const position = positionKey(checkpoint);
      // Forward only, and an update first: after a generation's first batch the checkpoint exists,
      // so an insert first failed with E11000 on every batch. (Inserted when absent; of two
      // writers racing to insert, the loser moves it forward.)
      const forward = () => checkpoints.updateOne({ _id: key, position: { $lt: position } }, { $set: { position } });
      if ((await forward()).matchedCount === 0) await insertElse(checkpoints, { _id: key, collection, generation, position }, forward);
    },

    // No transaction spans collections here: each batch is applied as applyBatch does, whose
    // per-document positions make a partly applied set harmless to replay.
    async applyBatches(batches) {
      for (const b of batches) await backend.applyBatch(b.collection, b.generation, b.changes, b.checkpoint);
    },

    async checkpoint(collection, generation) {
      const found = await checkpoints.findOne({ _id: physicalName(collection, generation) });
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
      const rows = await coll.find(after, { sort: { _pos: 1, _id: 1 }, limit, batchSize: limit, projection: { _pos: 1, _deleted: 1, d: 1, _tenant: 1 } }).toArray();
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
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
      }
      indexed.delete(coll.collectionName);
      await checkpoints.deleteOne({ _id: coll.collectionName });
    },

    // Whoever inserts the next term holds the lease: the holder renewing, or a candidate once
    // the latest term has expired or was released. Insert-only, so it stays exclusive on
    // servers without atomic conditional updates (FerretDB 1.x). Expiry uses this process's
    // clock: projector hosts need synchronised clocks, with ttl well above their skew.
    async acquireLease(collection, holder, ttlMs) {
      const now = Date.now();
      const last = await latestTerm(collection);
      if (last && last.holder !== holder && last.expiresAt.getTime() > now) return false;
      const term = (last?.term ?? 0) + 1;
      try {
        await leases.insertOne({ _id: `${collection}#${term}`, collection, term, holder, expiresAt: new Date(now + ttlMs) });
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
      await leases.deleteMany({ collection, term: { $lt: term - 1 } });
      return true;
    },

    async releaseLease(collection, holder) {
      const last = await latestTerm(collection);
      if (!last || last.holder !== holder) return;
      const term = last.term + 1;
      try {
        await leases.insertOne({ _id: `${collection}#${term}`, collection, term, holder: null, expiresAt: new Date(0) });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // someone took the next term: it is not ours to release
      }
    },

    // Acknowledged by the server (default write concern), so it went through its journal.
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
      const found = await rebuildRequests.findOne({ _id: collection });
      if (!found) return undefined;
      const { deletedCount } = await rebuildRequests.deleteOne({ _id: collection, requestedAt: found.requestedAt });
      return deletedCount === 1 ? { requestedBy: found.requestedBy, requestedAt: found.requestedAt } : undefined;
    },

    async parked(collection) {
      const rows = await parkedEvents.find(collection === undefined ? {} : { collection }, { sort: { parkedAt: 1, _id: 1 } }).toArray();
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