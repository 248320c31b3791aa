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

export const actorOf = (p: Principal): Actor => ({ type: 'user', id: p.id, role: p.role });
