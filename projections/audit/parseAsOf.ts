import { invalid, type DomainError } from '../../domain/shared/errors.ts';
import type { AsOf } from './stateAsOf.ts';

// "--as-of 12" is a revision; "--as-of 2026-11-22T10:00:00Z" (or a date) is a time.
export function parseAsOf(text: string | undefined): AsOf | DomainError {
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return { revision: BigInt(text) };
  if (!Number.isNaN(Date.parse(text)) && /^\d{4}-\d{2}-\d{2}/.test(text)) return { time: new Date(Date.parse(text)).toISOString() };
  return invalid('as_of.invalid', `"${text}" is neither a revision number nor an ISO time`);
}
