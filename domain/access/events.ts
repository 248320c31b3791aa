// Who may sign in, as the log remembers it: every change an admin makes to a person's access,
// naming the person by id only. Names and emails stay in the user directory (personal data is
// kept out of the log, DESIGN §5), so forgetting someone never means rewriting history.
import { z } from 'zod';
import type { CommandUnion, EventUnion } from '../shared/decider.ts';
import { userRoleSchema } from '../shared/roles.ts';
import { idSchema } from '../streams.ts';

export const userIdSchema = z.string().min(2).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'Expected lower-case letters, digits, . _ or -');

const user = { userId: userIdSchema };
// A role and the tenant it belongs to: client roles exactly one tenant, agency roles none.
const grant = { ...user, role: userRoleSchema, tenantId: idSchema.nullable() };

export const accessEventSchemas = {
  'user.added': z.strictObject(grant),
  'user.login_link_issued': z.strictObject({ ...user, expiresAt: z.string() }),
  'user.disabled': z.strictObject(user),
  'user.enabled': z.strictObject(user),
  'user.role_changed': z.strictObject({ ...grant, previousRole: userRoleSchema, previousTenantId: idSchema.nullable() }),
  'user.removed': z.strictObject(user),
} satisfies Record<string, z.ZodType>;
export type AccessEvent = EventUnion<typeof accessEventSchemas>;

export const accessCommandSchemas = {
  'user.add': z.strictObject(grant),
  'user.issue_login_link': z.strictObject({ ...user, expiresAt: z.string() }),
  'user.disable': z.strictObject(user),
  'user.enable': z.strictObject(user),
  'user.change_role': z.strictObject(grant),
  'user.remove': z.strictObject(user),
} satisfies Record<string, z.ZodType>;
export type AccessCommand = CommandUnion<typeof accessCommandSchemas>;
export type AccessCommandType = keyof typeof accessCommandSchemas;
