import type { Scalar } from './port.ts';

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
