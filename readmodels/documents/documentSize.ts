// The one size rule for read-model documents (MAX_DOCUMENT_BYTES, port.ts), checked for every
// upsert of every event. Serialising each document to measure it cost 7% of a rebuild's CPU,
// so a cheap upper bound comes first, and only a document that may be near the limit is
// serialised: a string counts 6 bytes per character (the longest escape, \u0000), a number
// or a literal 24 (the longest a double prints), anything with toJSON its JSON.
import { MAX_DOCUMENT_BYTES, type Doc } from './port.ts';

const LITERAL_BYTES = 24;

// At least the JSON size in UTF-8 bytes; stops counting once past `budget`.
export function jsonSizeBound(value: unknown, budget: number): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value !== 'object' || value === null) return LITERAL_BYTES;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Buffer.byteLength(JSON.stringify(value) ?? '');
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) if ((bytes += jsonSizeBound(item, budget) + 1) > budget) return bytes;
    return bytes;
  }
  for (const key in value) {
    if ((bytes += key.length * 6 + 3 + jsonSizeBound((value as Record<string, unknown>)[key], budget)) > budget) return bytes;
  }
  return bytes;
}

export function documentSizeError(collection: string, doc: Doc, limit = MAX_DOCUMENT_BYTES): string | undefined {
  if (jsonSizeBound(doc, limit) <= limit) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  return bytes > limit ? `document ${doc.id} of ${collection} would be ${bytes} bytes, over the ${limit}-byte limit of a read-model document` : undefined;
}
