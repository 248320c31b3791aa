// The indexes of a generation's collection on MongoDB: changedSince's two on the position,
// and one per declared query shape, {d.<equal…>: 1, d.<sort>: 1, _id: 1}. The server walks a
// compound index backwards for a descending sort, so one index serves both directions.
import { MongoServerError } from 'mongodb';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { CollectionSpec } from './port.ts';
import { shapeIndexName } from './queryShapes.ts';
import { isNamespaceNotFound } from './mongoErrors.ts';
import type { StoredDoc } from './mongoFind.ts';

const INDEX_NOT_FOUND = 27;
const NOT_IMPLEMENTED = 238; // FerretDB 1.24: `Index option "partialFilterExpression" is not implemented yet`
const INVALID_INDEX_OPTION = 197;

// Every find asks for live documents ({_deleted: false}), so where the server has partial
// indexes a shape's index leaves tombstones out; elsewhere they sit at null in every index.
const LIVE = { _deleted: false };

// Our own indexes, recognised by name: `pos`, `pos_id`, and shape indexes `q_…`. An index
// whose kind (partial or not) or keys change gets another name, so it is created anew
// rather than refused as a conflicting spec; `by_<field>` were the one-field indexes of
// earlier versions.
const OURS = /^(q_|by_)/;

export function wantedIndexes(spec: CollectionSpec, partial: boolean): IndexDescription[] {
  return [
    { key: { _pos: 1 }, name: 'pos' },
    // changedSince's order. A name of its own: an existing index cannot change its spec.
    { key: { _pos: 1, _id: 1 }, name: 'pos_id' },
    ...spec.indexes.shapes.map((shape): IndexDescription => {
      const key: Record<string, 1> = {};
      for (const field of [...shape.equal, ...(shape.sort === undefined ? [] : [shape.sort])]) key[`d.${field}`] = 1;
      key._id = 1;
      return { key, name: `${shapeIndexName(shape)}${partial ? '_live' : ''}`, ...(partial ? { partialFilterExpression: LIVE } : {}) };
    }),
  ];
}

async function existingNames(coll: Collection<StoredDoc>): Promise<string[]> {
  try {
    return (await coll.listIndexes().toArray()).map((index) => String(index.name));
  } catch (error) {
    if (isNamespaceNotFound(error)) return [];
    throw error;
  }
}

// Creates what is missing in one createIndexes call (FerretDB 1.24 panics when one call names
// several indexes that already exist, so existing ones are never named), then drops our
// indexes that no declared shape wants any more: they would only slow writes down.
export async function ensureMongoIndexes(coll: Collection<StoredDoc>, spec: CollectionSpec, partial: boolean): Promise<void> {
  const wanted = wantedIndexes(spec, partial);
  const existing = await existingNames(coll);
  const missing = wanted.filter((index) => !existing.includes(index.name!));
  if (missing.length > 0) await createMissing(coll, wanted, missing);
  const names = new Set(wanted.map((index) => index.name));
  for (const name of existing.filter((n) => OURS.test(n) && !names.has(n))) {
    try {
      await coll.dropIndex(name);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === INDEX_NOT_FOUND)) throw error; // another process dropped it first
    }
  }
}

// Two processes starting together create the same indexes at once: MongoDB lets the second
// call wait for the first build, FerretDB 1.24 drops the connection (a panic, seen 11 times in
// 20 concurrent prepares). Then what is still missing is created one call per index, which
// FerretDB takes even for an index that exists by then.
async function createMissing(coll: Collection<StoredDoc>, wanted: readonly IndexDescription[], missing: IndexDescription[]): Promise<void> {
  try {
    await coll.createIndexes(missing);
  } catch (first) {
    const existing = await existingNames(coll).catch(() => undefined);
    if (existing === undefined) throw first;
    for (const { key, ...options } of wanted.filter((index) => !existing.includes(index.name!))) await coll.createIndex(key, options);
  }
}

// Whether the server builds partial indexes, asked once: FerretDB 1.24 answers NotImplemented,
// MongoDB builds it. Asked on a collection of its own, so no read model is touched.
export async function supportsPartialIndexes(db: Db): Promise<boolean> {
  const probe = db.collection('projection_index_probe');
  try {
    await probe.createIndexes([{ key: { live: 1 }, name: 'live_only', partialFilterExpression: LIVE }]);
    return true;
  } catch (error) {
    if (error instanceof MongoServerError && (error.code === NOT_IMPLEMENTED || error.code === INVALID_INDEX_OPTION)) return false;
    throw error;
  }
}
