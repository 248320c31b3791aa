import type { DomainError } from '../domain/shared/errors.ts';

// A stream whose stored events this code cannot read: nothing can be decided on it until
// someone looks, and the caller is not at fault.
export const unreadable = (stream: string, cause: Pick<DomainError, 'code' | 'message'>): DomainError => ({
  kind: 'unavailable',
  code: 'stream.unreadable',
  message: `Stream ${stream} holds an event this version cannot read; nothing was changed`,
  details: { stream, cause: cause.code, reason: cause.message },
});
