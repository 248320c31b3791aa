import type { Doc, DocumentReader } from '../../readmodels/documents/port.ts';

// Every document of a collection, in id order, through the same paged find readers use.
export async function allDocs(docs: DocumentReader, collection: string): Promise<Doc[]> {
  const out: Doc[] = [];
  let cursor: string | undefined;
  do {
    const page = await docs.find(collection, { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.docs);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
