// What the document-store contract cases share: changes, a collection spec with every field
// type, paging to the end, and the order the port promises.
import { suite, type Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CollectionSpec, Doc, DocChange, DocumentStore, FindQuery } from '../../readmodels/documents/port.ts';
import { uniqueSuffix } from '../support/ids.ts';

export const up = (id: string, position: bigint | number, doc: Record<string, unknown> = {}): DocChange =>
  ({ type: 'upsert', id, doc: { id, ...doc }, position: BigInt(position) });
export const del = (id: string, position: bigint | number): DocChange => ({ type: 'delete', id, position: BigInt(position) });
export const spec = (name: string): CollectionSpec => ({
  name,
  indexes: {
    fields: { status: 'string', score: 'number', day: 'string', tenant: 'string', flag: 'boolean' },
    shapes: [{ equal: ['tenant'], sort: 'score' }, { equal: ['status'], sort: 'score' }, { equal: ['tenant'] }, { equal: [], sort: 'status' }],
  },
});
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every page of a query, following cursors; fails if paging does not end.
export async function allPages(store: DocumentStore, c: string, query: FindQuery, generation?: number): Promise<Doc[]> {
  const out: Doc[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await store.find(c, { ...query, ...(cursor === undefined ? {} : { cursor }) }, generation);
    assert.ok(result.docs.length <= (query.limit ?? 50), 'a page never exceeds its limit');
    out.push(...result.docs);
    if (result.cursor === undefined) return out;
    cursor = result.cursor;
  }
  throw new Error('paging did not end');
}

export const ids = (docs: readonly Doc[]) => docs.map((d) => d.id);

// The order the port promises: by the field, missing/null first ascending and last
// descending, ties broken by id in the same direction.
export function expectedOrder(docs: readonly Doc[], field: string, direction: 'asc' | 'desc'): string[] {
  const key = (d: Doc) => d[field] as number | string | null | undefined;
  const sorted = [...docs].sort((a, b) => {
    const x = key(a) ?? null;
    const y = key(b) ?? null;
    if (x !== y) {
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return ids(direction === 'asc' ? sorted : sorted.reverse());
}

export interface ContractCtx {
  store: DocumentStore;
  c: string;
  c2: string;
}

// A suite whose every case has a fresh connection and two collections of its own, prepared.
export function contractSuite(title: string, open: () => Promise<DocumentStore>): Test<ContractCtx> {
  const t = suite<ContractCtx>(title);
  t.before.each(async (ctx) => {
    ctx.store = await open();
    ctx.c = `c${uniqueSuffix()}`;
    ctx.c2 = `${ctx.c}_b`;
    await ctx.store.prepare([spec(ctx.c), spec(ctx.c2)]);
  });
  t.after.each(async (ctx) => ctx.store.close());
  return t;
}
