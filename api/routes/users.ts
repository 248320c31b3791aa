// The user directory over HTTP, for the console's Users page: agency admins see and change
// everyone; a client admin their own tenant's people only (anyone else does not exist, 404),
// and never hands out an agency role or moves someone to another tenant (403, domain/access).
import { z } from 'zod';
import { commandIdSchema } from '../../commands/acceptCommand.ts';
import { userIdSchema } from '../../domain/access/index.ts';
import { invalid, isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { zodDetails } from '../../domain/shared/zodDetails.ts';
import { isAgencyRole, userRoleSchema } from '../../domain/shared/roles.ts';
import { idSchema } from '../../domain/streams.ts';
import type { AccessAdmin } from '../auth/accessAdmin.ts';
import { loginLink } from '../auth/bootstrap.ts';
import { actorOf, canSeeTenant, type Principal } from '../auth/principal.ts';
import { newUserSchema, userNotFound, type User, type UserDirectory } from '../auth/users.ts';
import type { Router } from '../http/route.ts';
import { tenantFilter, tenantNotFound } from '../http/scope.ts';

const ADMINS = ['agency-admin', 'client-admin'] as const;
const byId = z.strictObject({ userId: userIdSchema });
const withCommandId = z.strictObject({ commandId: commandIdSchema.optional() });

// What the console shows of a user: no token version, nothing about login codes.
export type UserView = Pick<User, 'id' | 'name' | 'role' | 'tenantId' | 'disabled' | 'createdAt'>;
const viewOf = ({ id, name, role, tenantId, disabled, createdAt }: User): UserView => ({ id, name, role, tenantId, disabled, createdAt });

export function userRoutes(routes: Router, users: UserDirectory, admin: AccessAdmin, linkBase: (origin: string) => string): void {
  // A user the caller may administer, or 404 as if there were none.
  const inScope = async (principal: Principal, userId: string): Promise<User | DomainError> => {
    const user = await users.get(userId);
    return user && canSeeTenant(principal, user.tenantId) ? user : userNotFound(userId);
  };
  const answer = async <T>(result: T | DomainError, view: (value: T) => unknown = (v) => v): Promise<unknown> => (isDomainError(result) ? result : view(result));

  routes.route({
    method: 'GET',
    url: '/api/users',
    summary: 'The people who may sign in: every tenant for agency admins, their own for client admins',
    tags: ['users'],
    access: ADMINS,
    query: z.strictObject({ tenantId: z.string().min(1).max(63).optional() }),
    async handler({ query, principal }) {
      const scope = tenantFilter(principal, query.tenantId);
      if (isDomainError(scope)) return scope;
      const all = await users.list();
      const shown = all.filter((u) => (scope.tenantId === undefined ? true : u.tenantId === scope.tenantId));
      return { users: shown.map(viewOf) };
    },
  });

  routes.route({
    method: 'POST',
    url: '/api/users',
    summary: 'Add a user (recorded as user.added); then issue them a login link',
    tags: ['users'],
    access: ADMINS,
    body: z.strictObject({ id: userIdSchema, name: z.string(), role: userRoleSchema, tenantId: idSchema.nullable().optional(), commandId: commandIdSchema.optional() }),
    async handler({ body, principal, reply }) {
      const { commandId, ...fields } = body;
      const parsed = newUserSchema.safeParse({ ...fields, tenantId: fields.tenantId ?? (isAgencyRole(fields.role) ? null : principal.tenantId) });
      if (!parsed.success) return invalid('body.invalid', 'The user is not valid', zodDetails(parsed.error));
      if (parsed.data.tenantId !== null && !canSeeTenant(principal, parsed.data.tenantId)) return tenantNotFound(parsed.data.tenantId);
      const added = await admin.add(actorOf(principal), parsed.data, commandId);
      return isDomainError(added) ? added : reply.status(201).send({ user: viewOf(added) });
    },
  });

  routes.route({
    method: 'POST',
    url: '/api/users/:userId/login-link',
    summary: "Issue a one-time login link; the user's older unused links stop working",
    tags: ['users'],
    access: ADMINS,
    params: byId,
    body: withCommandId,
    async handler({ params, body, principal, request, reply }) {
      const user = await inScope(principal, params.userId);
      if (isDomainError(user)) return user;
      const issued = await admin.issueLink(actorOf(principal), user.id, body.commandId);
      if (isDomainError(issued)) return issued;
      return reply.status(201).send({ userId: user.id, link: loginLink(linkBase(`${request.protocol}://${request.host}`), issued.code), expiresAt: issued.expiresAt });
    },
  });

  for (const [action, summary] of [
    ['disable', 'Disable a user: their tokens are refused and their sockets closed at once'],
    ['enable', 'Enable a disabled user; they sign in again with a new login link'],
  ] as const) {
    routes.route({
      method: 'POST',
      url: `/api/users/:userId/${action}`,
      summary,
      tags: ['users'],
      access: ADMINS,
      params: byId,
      body: withCommandId,
      async handler({ params, body, principal }) {
        const user = await inScope(principal, params.userId);
        if (isDomainError(user)) return user;
        return answer(await admin[action](actorOf(principal), user.id, body.commandId), viewOf);
      },
    });
  }

  routes.route({
    method: 'POST',
    url: '/api/users/:userId/role',
    summary: "Change a user's role (and tenant, agency admins only): their current tokens are refused",
    tags: ['users'],
    access: ADMINS,
    params: byId,
    body: z.strictObject({ role: userRoleSchema, tenantId: idSchema.nullable().optional(), commandId: commandIdSchema.optional() }),
    async handler({ params, body, principal }) {
      const user = await inScope(principal, params.userId);
      if (isDomainError(user)) return user;
      // Left out, the tenant stays for a client role and goes for an agency one.
      const tenantId = body.tenantId !== undefined ? body.tenantId : isAgencyRole(body.role) ? null : user.tenantId;
      return answer(await admin.changeRole(actorOf(principal), user.id, body.role, tenantId, body.commandId), viewOf);
    },
  });

  routes.route({
    method: 'DELETE',
    url: '/api/users/:userId',
    summary: 'Remove a user: their name is erased, their tokens and links refused; the log keeps their id',
    tags: ['users'],
    access: ADMINS,
    params: byId,
    async handler({ params, principal }) {
      const user = await inScope(principal, params.userId);
      if (isDomainError(user)) return user;
      return answer(await admin.remove(actorOf(principal), user.id), () => ({ removed: user.id }));
    },
  });
}
