// How a FindQuery becomes a MongoDB filter, sort and limit. Stored documents look like
// { _id, _pos, _deleted, d: {...the projection's doc} }, so declared fields live under `d.`
// and can never collide with the adapter's own fields.
//
// Order matches the embedded adapter: missing/null values sort first ascending and last
// descending (BSON order puts null below every other type), ties broken by id in the
// same direction, and the cursor condition follows that order so pages never skip or repeat.
import type { Filter, Sort } from 'mongodb';
import type { CollectionSpec, FindQuery, Scalar } from './port.ts';
import { pageSize } from './cursor.ts';
import { checkQuery, cursorOf } from './indexSpec.ts';

// What one stored document looks like. `_pos` is the log position last applied to it,
// zero-padded so that string order is numeric order (see positionKey).
export interface StoredDoc {
  _id: string;
  _pos: string;
  _deleted: boolean;
  d?: Record<string, unknown>;
  _tenant?: string; // on a tombstone: the tenant the document had, when known (changedSince)
}

// Log positions are unsigned 64-bit (EventStoreDB commit positions are ulong), which a BSON
// int64 (signed) cannot hold in full; 20 zero-padded digits hold every u64 and compare
// correctly as strings, on MongoDB and on FerretDB alike.
const POSITION_DIGITS = 20;
export function positionKey(position: bigint): string {
  if (position < 0n || position >= 10n ** BigInt(POSITION_DIGITS)) throw new RangeError(`log position ${position} is out of range`);
  return position.toString().padStart(POSITION_DIGITS, '0');
}

export interface MongoFind {
  readonly filter: Filter<StoredDoc>;
  readonly sort: Sort;
  readonly limit: number;
}

export function buildMongoFind(spec: CollectionSpec, query: FindQuery): MongoFind {
  checkQuery(spec, query);
  const pathOf = (field: string): string => `d.${field}`;
  const and: Filter<StoredDoc>[] = [{ _deleted: false }];
  for (const [field, value] of Object.entries(query.where ?? {})) and.push({ [pathOf(field)]: value });
  if (query.range) {
    const path = pathOf(query.range.field);
    const bounds: Record<string, Scalar> = {};
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const bound = query.range[op];
      if (bound !== undefined) bounds[`$${op}`] = bound;
    }
    if (Object.keys(bounds).length > 0) and.push({ [path]: bounds });
  }
  const path = query.sort ? pathOf(query.sort.field) : undefined;
  const desc = query.sort?.direction === 'desc';
  const after = desc ? '$lt' : '$gt';
  const point = cursorOf(spec, query);
  if (point) {
    if (path === undefined) and.push({ _id: { [after]: point.id } });
    else if (point.value === null) {
      and.push(desc
        ? { [path]: null, _id: { $lt: point.id } }
        : { $or: [{ [path]: null, _id: { $gt: point.id } }, { [path]: { $ne: null } }] });
    } else {
      const next: Filter<StoredDoc>[] = [{ [path]: { [after]: point.value } }, { [path]: point.value, _id: { [after]: point.id } }];
      if (desc) next.push({ [path]: null });
      and.push({ $or: next });
    }
  }
  const dir = desc ? -1 : 1;
  const sort: Sort = path === undefined ? { _id: dir } : { [path]: dir, _id: dir };
  return { filter: { $and: and }, sort, limit: pageSize(query.limit) };
}
