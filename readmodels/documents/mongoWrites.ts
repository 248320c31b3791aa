// How a batch and its checkpoint reach MongoDB: one write per document, guarded by the log
// position each document last saw, so a batch replayed (after a crash, or by a projector that
// lost its lease) changes nothing; in a transaction where the server has them (mongo.ts).
//
// Outside a transaction every write is "insert, else conditional replace": an insert either
// creates the document or fails on the unique _id (a duplicate-key error, the one race MongoDB
// settles for us), and only then is the existing document replaced where its position is
// older. No upserts: an upsert whose filter does not match fails with the same duplicate-key
// error whether a newer version exists or a racing writer created the document first, and
// FerretDB 1.x stops an update command at its first error even when it is unordered, silently
// skipping the rest.
import { MongoBulkWriteError } from 'mongodb';
import type { AnyBulkWriteOperation, ClientSession, Collection, OptionalUnlessRequiredId, WriteError } from 'mongodb';
import type { CollectionBatch, DocChange } from './port.ts';
import { positionKey, type StoredDoc } from './mongoFind.ts';
import { DUPLICATE_KEY, isDuplicateKey } from './mongoErrors.ts';

export interface CheckpointDoc { _id: string; collection: string; generation: number; position: string }


// Inserts; when the _id exists, runs `existing` instead.
export async function insertElse<T extends { _id: string }>(coll: Collection<T>, doc: OptionalUnlessRequiredId<T>, existing: () => Promise<unknown>): Promise<void> {
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

export function mongoBatchWriter(
  checkpoints: Collection<CheckpointDoc>,
  physical: (collection: string, generation: number) => Collection<StoredDoc>,
  physicalName: (collection: string, generation: number) => string,
) {
  // One write per document: the change at the latest position counts (and of two at one
  // position, the later in the batch), as if the batch were applied in order. Documents not
  // seen yet are inserted; one that exists (or that another writer created meanwhile: outside
  // a transaction the insert meets its _id) is replaced where its position is older.
  const writeBatch = async (b: CollectionBatch, session?: ClientSession): Promise<void> => {
    const coll = physical(b.collection, b.generation);
    const latest = new Map<string, DocChange>();
    for (const change of b.changes) {
      const seen = latest.get(change.id);
      if (!seen || change.position >= seen.position) latest.set(change.id, change);
    }
    const stored: StoredDoc[] = [...latest.values()].map((change) => change.type === 'upsert'
      ? { _id: change.id, _pos: positionKey(change.position), _deleted: false, d: { ...change.doc, id: change.id } }
      : { _id: change.id, _pos: positionKey(change.position), _deleted: true, _tenant: change.tenantId });
    const existing = new Set((await coll.find({ _id: { $in: stored.map((s) => s._id) } }, { projection: { _id: 1 }, session }).toArray()).map((s) => s._id));
    const fresh = stored.filter((s) => !existing.has(s._id));
    // In a transaction a duplicate key aborts it: nothing is raced there (snapshot reads; a
    // concurrent writer is a write conflict, and withTransaction retries the whole commit).
    let raced: StoredDoc[] = [];
    if (!session) raced = (await insertManyDuplicates(coll, fresh)).map((i) => fresh[i]!);
    else if (fresh.length > 0) await coll.insertMany(fresh, { ordered: false, session });
    const replaces: AnyBulkWriteOperation<StoredDoc>[] = [...stored.filter((s) => existing.has(s._id)), ...raced].map(({ _id, ...rest }) =>
      ({ replaceOne: { filter: { _id, _pos: { $lt: rest._pos } }, replacement: rest } }));
    if (replaces.length > 0) await coll.bulkWrite(replaces, { ordered: false, session });
    await writeCheckpoint(b, session);
  };

  // Forward only. Outside a transaction an update first: after a generation's first batch the
  // checkpoint exists, so an insert first failed with E11000 on every batch (inserted when
  // absent; of two writers racing to insert, the loser moves it forward). No upserts there:
  // FerretDB 1.x answers a missed upsert filter with a duplicate key. In a transaction, $max.
  const writeCheckpoint = async (b: CollectionBatch, session?: ClientSession): Promise<void> => {
    const key = physicalName(b.collection, b.generation);
    const position = positionKey(b.checkpoint);
    if (session) {
      await checkpoints.updateOne({ _id: key }, { $max: { position }, $setOnInsert: { collection: b.collection, generation: b.generation } }, { upsert: true, session });
      return;
    }
    const forward = () => checkpoints.updateOne({ _id: key, position: { $lt: position } }, { $set: { position } });
    if ((await forward()).matchedCount === 0) await insertElse(checkpoints, { _id: key, collection: b.collection, generation: b.generation, position }, forward);
  };
  return { writeBatch };
}
