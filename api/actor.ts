import type { FastifyRequest } from 'fastify';
import { actorSchema, type Actor } from '../domain/shared/envelope.ts';
import type { DomainError } from '../domain/shared/errors.ts';

// Step 1 stand-in for authentication: the caller names itself in headers. Signed bearer
// tokens with tenant scope replace this in the API step; until then the API binds to
// localhost only.
export function actorFrom(request: FastifyRequest): Actor | DomainError {
  const id = request.headers['x-actor-id'];
  const role = request.headers['x-actor-role'];
  if (typeof id !== 'string' || typeof role !== 'string') {
    return { kind: 'unauthenticated', code: 'auth.missing_actor', message: 'Send x-actor-id and x-actor-role headers' };
  }
  const parsed = actorSchema.safeParse({ type: 'user', id, role });
  if (!parsed.success) return { kind: 'unauthenticated', code: 'auth.invalid_actor', message: 'x-actor-id or x-actor-role is not valid' };
  return parsed.data;
}
