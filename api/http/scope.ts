// Tenant scope at the edge: a client role asking about another tenant is told it does not
// exist (404), so that scope never leaks which tenants, plans or streams there are.
import { notFound, type DomainError } from '../../domain/shared/errors.ts';
import { parseStreamName } from '../../domain/streams.ts';
import { canSeeTenant, tenantScope, type Principal } from '../auth/principal.ts';

export const tenantNotFound = (tenantId: string): DomainError => notFound('tenant.not_found', `There is no tenant ${tenantId}`);

// tenantScope as a document filter: `{}` is every tenant; out of scope is a 404.
export function tenantFilter(principal: Principal, asked: string | undefined): { tenantId?: string } | DomainError {
  const scope = tenantScope(principal, asked);
  if (scope === undefined) return tenantNotFound(asked ?? 'in scope');
  return scope === null ? {} : { tenantId: scope };
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
