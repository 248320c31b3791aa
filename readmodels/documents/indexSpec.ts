// The rules of a collection's declared index fields, shared by both adapters (and the
// projector runtime), so that they refuse the same specs, queries and documents alike.
import type { CollectionIndexes, CollectionSpec, Doc, FieldType, FindQuery, Scalar } from './port.ts';
import { cursorError, decodeCursor, queryShape, type CursorPoint } from './cursor.ts';

// A query the collection cannot answer (undeclared field, wrong-typed value): the caller's mistake (400).
export const queryError = (message: string): Error => Object.assign(new Error(message), { code: 'query.invalid' });

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const TYPES: readonly FieldType[] = ['string', 'number', 'boolean'];

// A collection no query filters or sorts (checkpoints only, or documents read by id).
export const NO_INDEXES: CollectionIndexes = { fields: {}, shapes: [] };

const typeOf = (fields: CollectionIndexes['fields'], field: string): FieldType | undefined =>
  Object.hasOwn(fields, field) ? fields[field] : undefined;

// A spec is code, not input: a mistake in it stops start-up (prepare throws).
export function checkSpec(spec: CollectionSpec): void {
  if (!NAME.test(spec.name)) throw new Error(`collection name ${JSON.stringify(spec.name)} must match ${NAME}`);
  const { fields, shapes } = spec.indexes;
  for (const [field, type] of Object.entries(fields)) {
    if (!FIELD.test(field) || field === 'id') throw new Error(`${spec.name}: index field ${JSON.stringify(field)} is not allowed`);
    if (!TYPES.includes(type)) throw new Error(`${spec.name}: index field ${field} has type ${JSON.stringify(type)}, not one of ${TYPES.join(', ')}`);
  }
  const seen = new Set<string>();
  for (const shape of shapes) {
    const named = JSON.stringify(shape);
    for (const field of [...shape.equal, ...(shape.sort === undefined ? [] : [shape.sort])]) {
      if (typeOf(fields, field) === undefined) throw new Error(`${spec.name}: shape ${named} names ${field}, which is not a declared field`);
    }
    if (new Set(shape.equal).size !== shape.equal.length) throw new Error(`${spec.name}: shape ${named} names a field twice`);
    if (shape.sort !== undefined && shape.equal.includes(shape.sort)) throw new Error(`${spec.name}: shape ${named} sorts on a field it fixes`);
    if (shape.equal.length === 0 && shape.sort === undefined) throw new Error(`${spec.name}: an empty shape is the primary key's`);
    const key = shapeKey(shape);
    if (seen.has(key)) throw new Error(`${spec.name}: shape ${named} is declared twice`);
    seen.add(key);
  }
}

// Equality fields as a set: two shapes with the same set and sort are one index.
export const shapeKey = (shape: { readonly equal: readonly string[]; readonly sort?: string }): string =>
  JSON.stringify([[...shape.equal].sort(), shape.sort ?? null]);

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;

const holds = (type: FieldType, value: unknown): boolean =>
  type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;

// Why a document cannot be written, or undefined: an indexed field holds a value of another
// type than declared (null or absent is fine). The runtime parks the event that made it.
export function docTypeError(collection: string, indexes: CollectionIndexes, doc: Doc): string | undefined {
  for (const [field, type] of Object.entries(indexes.fields)) {
    const value = doc[field];
    if (value !== undefined && value !== null && !holds(type, value)) {
      return `${collection} ${doc.id}: indexed field ${field} holds ${describe(value)}, declared ${type}`;
    }
  }
  return undefined;
}

// Every field a query names is declared, and every value it compares with has the field's
// type (equality may ask for null: missing; a range bound may not).
export function checkQuery(spec: CollectionSpec, query: FindQuery): void {
  const declared = (field: string): FieldType => {
    const type = typeOf(spec.indexes.fields, field);
    if (type === undefined) throw queryError(`${spec.name} has no index on ${field}`);
    return type;
  };
  const value = (field: string, v: Scalar | undefined, nullable: boolean, what: string) => {
    const type = declared(field);
    if (v === undefined || (nullable && v === null) || holds(type, v)) return;
    throw queryError(`${spec.name}.${field} holds ${type} values: ${what} ${describe(v)} is of another type`);
  };
  for (const [field, v] of Object.entries(query.where ?? {})) value(field, v, true, 'the value');
  if (query.range) for (const op of ['gt', 'gte', 'lt', 'lte'] as const) value(query.range.field, query.range[op], false, `the bound ${op}`);
  if (query.sort) declared(query.sort.field);
}

// The position a page starts after, from the query's cursor; a cursor whose sort value is of
// another type than the field's was not issued for this query by any store.
export function cursorOf(spec: CollectionSpec, query: FindQuery): CursorPoint | undefined {
  if (query.cursor === undefined) return undefined;
  const point = decodeCursor(query.cursor, queryShape(spec.name, query));
  if (!point) throw cursorError();
  const type = query.sort ? typeOf(spec.indexes.fields, query.sort.field) : 'string';
  if (point.value !== null && type !== undefined && !holds(type, point.value)) {
    throw queryError(`${spec.name}: the cursor holds ${describe(point.value)}, but ${query.sort?.field ?? 'id'} holds ${type} values`);
  }
  return point;
}
