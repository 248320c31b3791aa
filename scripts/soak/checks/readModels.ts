// Every read model equals a clean rebuild: each collection's active generation in the server's
// document store, document by document, against the same collection rebuilt from the log.
import { isDeepStrictEqual } from 'node:util';
import type { Projection } from '../../../projections/definitions/projection.ts';
import type { Doc, DocumentStore, ReadModelBackend } from '../../../readmodels/documents/port.ts';

export interface CollectionDiff {
  readonly server: number;
  readonly rebuilt: number;
  readonly onlyOnServer: readonly string[]; // ids, first 5
  readonly onlyRebuilt: readonly string[];
  readonly different: readonly string[];
  readonly example?: { readonly id: string; readonly server: Doc; readonly rebuilt: Doc };
}

export interface ReadModelsCheck {
  readonly ok: boolean;
  readonly documents: number;
  readonly collections: Record<string, CollectionDiff>;
  readonly parked: number; // events the server's projections could not apply
}

async function everyDoc(store: DocumentStore, collection: string): Promise<Map<string, Doc>> {
  const generation = await store.activeGeneration(collection);
  const out = new Map<string, Doc>();
  let cursor: string | undefined;
  do {
    const page = await store.find(collection, { limit: 500, ...(cursor ? { cursor } : {}) }, generation);
    for (const doc of page.docs) out.set(doc.id, doc);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export async function checkReadModels(server: ReadModelBackend, rebuilt: DocumentStore, projections: readonly Projection[]): Promise<ReadModelsCheck> {
  await server.prepare(projections.map((p) => ({ name: p.name, indexes: p.indexes })));
  const collections: Record<string, CollectionDiff> = {};
  let documents = 0;
  let ok = true;
  for (const { name } of projections) {
    const [mine, clean] = [await everyDoc(server, name), await everyDoc(rebuilt, name)];
    documents += mine.size;
    const onlyOnServer = [...mine.keys()].filter((id) => !clean.has(id));
    const onlyRebuilt = [...clean.keys()].filter((id) => !mine.has(id));
    const different = [...mine.keys()].filter((id) => clean.has(id) && !isDeepStrictEqual(mine.get(id), clean.get(id)));
    const first = different[0];
    collections[name] = {
      server: mine.size,
      rebuilt: clean.size,
      onlyOnServer: onlyOnServer.slice(0, 5),
      onlyRebuilt: onlyRebuilt.slice(0, 5),
      different: different.slice(0, 5),
      ...(first ? { example: { id: first, server: mine.get(first)!, rebuilt: clean.get(first)! } } : {}),
    };
    if (onlyOnServer.length + onlyRebuilt.length + different.length > 0) ok = false;
  }
  const parked = (await server.parked()).length;
  return { ok: ok && parked === 0 && documents > 0, documents, collections, parked };
}
