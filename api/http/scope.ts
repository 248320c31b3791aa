// Tenant scope at the edge: a client role asking about another tenant is told it does not
// exist (404), so that scope never leaks which tenants, plans or streams there are.
import { notFound, type DomainError } from '../../domain/shared/errors.ts';
import { parseStreamName } from '../../domain/streams.ts';
import { canSeeTenant, type Principal } from '../auth/principal.ts';

export const tenantNotFound = (tenantId: string): DomainError => notFound('tenant.not_found', `There is no tenant ${tenantId}`);

// The tenant a list is about: the one asked for (if in scope), else the caller's own
// (client roles), else all (agency roles, `undefined`).
export function tenantFilter(principal: Principal, asked: string | undefined): { tenantId?: string } | DomainError {
  if (asked !== undefined) return canSeeTenant(principal, asked) ? { tenantId: asked } : tenantNotFound(asked);
  return principal.tenantId === null ? {} : { tenantId: principal.tenantId };
}

export function requireTenant(principal: Principal, tenantId: string): DomainError | undefined {
  return canSeeTenant(principal, tenantId) ? undefined : tenantNotFound(tenantId);
}

export const streamNotFound = (stream: string): DomainError => notFound('stream.not_found', `There is no stream ${stream}`);

// A stream is in scope when its tenant is; a name we cannot parse does not exist.
export function requireStream(principal: Principal, stream: string): DomainError | undefined {
  const parsed = parseStreamName(stream);
  return parsed && canSeeTenant(principal, parsed.tenantId) ? undefined : streamNotFound(stream);
}
