import { z } from 'zod';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isAgencyRole, userRoleSchema } from '../../domain/shared/roles.ts';

// Who is calling, as a verified token says. Agency roles act for every tenant
// (`tenantId: null`); client roles are bound to exactly one tenant.
export const principalSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  role: userRoleSchema,
  tenantId: z.string().min(1).max(100).nullable(),
});
export type Principal = z.infer<typeof principalSchema>;

export const isAgency = (p: Principal): boolean => isAgencyRole(p.role);

// Client roles see their own tenant only; anything else is answered as if it did not exist.
export const canSeeTenant = (p: Principal, tenantId: string | undefined | null): boolean =>
  isAgency(p) || (typeof tenantId === 'string' && tenantId === p.tenantId);

// What a request or a subscription is about: the tenant it names, when in scope; else the
// caller's own (client roles) or every tenant (`null`, agency roles). `undefined` is out of
// scope, and is answered as if the tenant did not exist. HTTP and the websocket both ask here.
export function tenantScope(p: Principal, asked: string | undefined): string | null | undefined {
  if (asked !== undefined) return canSeeTenant(p, asked) ? asked : undefined;
  return isAgency(p) ? null : (p.tenantId ?? undefined);
}

export const actorOf = (p: Principal): Actor => ({ type: 'user', id: p.id, role: p.role });
