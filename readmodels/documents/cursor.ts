import { createHash } from 'node:crypto';
import type { Doc, FindPage, FindQuery, Scalar } from './port.ts';

// A page cursor: the sort value and id of the last document returned, and the shape of the
// query that returned it. Opaque to callers.
export interface CursorPoint {
  readonly value: Scalar;
  readonly id: string;
}

// What a cursor is bound to: the collection, filter, range and sort (not the limit, which
// may change from page to page). A cursor used with another query is refused, so a caller
// cannot mix pages of two queries, and a forged cursor rarely gets past decoding.
export function queryShape(collection: string, query: FindQuery): string {
  const shape = JSON.stringify([collection, query.where ?? {}, query.range ?? null, query.sort ?? null]);
  return createHash('sha256').update(shape).digest('base64url').slice(0, 12);
}

export const encodeCursor = (point: CursorPoint, shape: string): string =>
  Buffer.from(JSON.stringify([point.value, point.id, shape])).toString('base64url');

// A forged cursor, or one of another query: the caller's mistake (400).
export const cursorError = (): Error =>
  Object.assign(new Error('The cursor is not one this query returned; start again from the first page'), { code: 'query.invalid_cursor' });

export function decodeCursor(cursor: string, shape: string): CursorPoint | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[1] !== 'string' || parsed[2] !== shape) return undefined;
    const value = parsed[0] as unknown;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return undefined;
    return { value: value as Scalar, id: parsed[1] };
  } catch {
    return undefined;
  }
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
export const pageSize = (limit: number | undefined): number => Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit ?? DEFAULT_LIMIT)));

// A page from up to limit+1 fetched documents: the extra one only says "there is more".
export function pageOf(fetched: readonly Doc[], limit: number, sortField: string | undefined, shape: string): FindPage {
  const docs = fetched.slice(0, limit);
  const last = docs[docs.length - 1];
  if (fetched.length <= limit || !last) return { docs };
  const value = sortField === undefined ? last.id : (last[sortField] ?? null);
  return { docs, cursor: encodeCursor({ value: value as Scalar, id: last.id }, shape) };
}
