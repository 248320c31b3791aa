// Which declared shape (and so which index) serves a query. An index on (a, b, sort, id)
// returns documents in sort order only when both a and b are fixed: with a alone it holds
// them in (b, sort) order, and the server sorts in memory. So a shape serves exactly the
// queries that fix its equality fields, all of them, in any order.
import { createHash } from 'node:crypto';
import type { CollectionIndexes, FindQuery, QueryShape } from './port.ts';
import { shapeKey } from './indexSpec.ts';

// One shape per combination of optional filters a query may carry (each present or absent),
// with `always` in every one: what a list route with optional filters needs. Fields keep
// the order given, which is the order of the index's keys.
export function everyCombination(spec: { readonly always?: readonly string[]; readonly optional: readonly string[]; readonly sort?: string }): QueryShape[] {
  const { always = [], optional, sort } = spec;
  const subsets = optional.reduce<string[][]>((acc, field) => [...acc, ...acc.map((s) => [...s, field])], [[]]);
  const shapes = subsets.map((subset) => ({ equal: [...always, ...optional.filter((f) => subset.includes(f))], ...(sort === undefined ? {} : { sort }) }));
  return shapes.filter((s) => s.equal.length > 0 || s.sort !== undefined);
}

// The shape of a query: the fields it fixes and the one it sorts on.
export const shapeOf = (query: Pick<FindQuery, 'where' | 'sort'>): QueryShape => ({
  equal: Object.keys(query.where ?? {}),
  ...(query.sort ? { sort: query.sort.field } : {}),
});

// The id order every store keeps (its primary key): what a query without filter or sort reads.
export const BY_ID: QueryShape = { equal: [] };

// The declared shape that serves a query, if any; a range must be on the sort field.
export function coveringShape(indexes: CollectionIndexes, query: Pick<FindQuery, 'where' | 'sort' | 'range'>): QueryShape | undefined {
  if (query.range && query.range.field !== query.sort?.field) return undefined;
  const shape = shapeOf(query);
  if (shape.equal.length === 0 && shape.sort === undefined) return BY_ID;
  const key = shapeKey(shape);
  return indexes.shapes.find((s) => shapeKey(s) === key);
}

// The name of a shape's index, the same in both adapters: readable, and unique per key order
// (field names may hold underscores, so the readable part alone could collide).
export function shapeIndexName(shape: QueryShape): string {
  const hash = createHash('sha256').update(JSON.stringify([shape.equal, shape.sort ?? null])).digest('hex').slice(0, 6);
  return `q_${[...shape.equal, 'by', shape.sort ?? 'id'].join('_')}_${hash}`;
}
