import type { FastifyReply } from 'fastify';
import type { DomainError, ErrorKind } from '../domain/shared/errors.ts';

// The one table from error kinds to HTTP; nothing else decides a status code.
export const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  refused: 422,
  rate_limited: 429,
  unavailable: 503,
};

// Seconds a client should wait before trying an unavailable store again.
export const RETRY_AFTER_SECONDS = 1;

export function sendError(reply: FastifyReply, error: DomainError): FastifyReply {
  if (error.kind === 'unavailable') reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (error.kind === 'rate_limited') reply.header('retry-after', String(retryAfterOf(error)));
  return reply.status(statusOf[error.kind]).send({ error: error.code, message: error.message, details: error.details ?? null });
}

const retryAfterOf = (error: DomainError): number => {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : RETRY_AFTER_SECONDS;
};
