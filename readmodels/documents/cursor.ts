import type { Doc, FindPage, Scalar } from './port.ts';

// A page cursor: the sort value and id of the last document returned. Opaque to callers.
export interface CursorPoint {
  readonly value: Scalar;
  readonly id: string;
}

export const encodeCursor = (point: CursorPoint): string => Buffer.from(JSON.stringify([point.value, point.id])).toString('base64url');

export function decodeCursor(cursor: string): CursorPoint | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') return undefined;
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
export function pageOf(fetched: readonly Doc[], limit: number, sortField: string | undefined): FindPage {
  const docs = fetched.slice(0, limit);
  const last = docs[docs.length - 1];
  if (fetched.length <= limit || !last) return { docs };
  const value = sortField === undefined ? last.id : (last[sortField] ?? null);
  return { docs, cursor: encodeCursor({ value: value as Scalar, id: last.id }) };
}
