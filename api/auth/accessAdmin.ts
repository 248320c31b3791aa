// Changing who may sign in, for the API and the CLI alike: each change is first decided and
// recorded as an access command (domain/access: the rules, and the audit record naming the
// user by id), then made in the directory, then announced so this process's sessions and
// open sockets see it at once. Log first: a change the directory then fails to make is
// answered 503 and made by sending it again (every directory step is safe to repeat), while
// the reverse order could take someone's access away with no record of who did it.
import type { UserFacts } from '../../domain/access/index.ts';
import { accessScopeOf } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { UserRole } from '../../domain/shared/roles.ts';
import type { UserFactsLookup, WriteSide } from '../../commands/aggregates.ts';
import { newCommandId } from '../../commands/eventIds.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { LOGIN_LINK_TTL_MS } from './bootstrap.ts';
import type { NewUser, User, UserDirectory } from './users.ts';

export interface AccessAdmin {
  add(actor: Actor, user: NewUser, commandId?: string): Promise<User | DomainError>;
  issueLink(actor: Actor, userId: string, commandId?: string): Promise<{ code: string; expiresAt: string } | DomainError>;
  disable(actor: Actor, userId: string, commandId?: string): Promise<User | DomainError>;
  enable(actor: Actor, userId: string, commandId?: string): Promise<User | DomainError>;
  changeRole(actor: Actor, userId: string, role: UserRole, tenantId: string | null, commandId?: string): Promise<User | DomainError>;
  remove(actor: Actor, userId: string, commandId?: string): Promise<true | DomainError>;
}

// What the access commands read of the directory: the user's current role, tenant and state.
export const userFacts =
  (users: Pick<UserDirectory, 'get'>): UserFactsLookup =>
  async (userId): Promise<UserFacts | undefined> => {
    const user = await users.get(userId);
    return user && { role: user.role, tenantId: user.tenantId, disabled: user.disabled };
  };

export function accessAdmin(w: WriteSide, users: UserDirectory, changed: (userId: string) => void = () => {}): AccessAdmin {
  // Records the command in the user's scope, then makes the change in the directory.
  async function change<T>(actor: Actor, type: string, scope: string, data: Record<string, unknown>, commandId: string | undefined, make: () => Promise<T | DomainError>): Promise<T | DomainError> {
    const recorded = await sendCommand({ ...w, users: userFacts(users) }, { type, tenantId: scope, commandId: commandId ?? newCommandId(), data, actor });
    if (isDomainError(recorded)) return recorded;
    const made = await make();
    changed(String(data.userId));
    return made;
  }
  // Where an existing user's changes are recorded; no such user is answered by the command.
  const scopeOf = async (userId: string) => accessScopeOf((await users.get(userId))?.tenantId ?? null);

  return {
    add: (actor, user, commandId) =>
      change(actor, 'user.add', accessScopeOf(user.tenantId), { userId: user.id, role: user.role, tenantId: user.tenantId }, commandId, () => users.add(user)),
    async issueLink(actor, userId, commandId) {
      const expiresAt = new Date(w.now().getTime() + LOGIN_LINK_TTL_MS).toISOString();
      return change(actor, 'user.issue_login_link', await scopeOf(userId), { userId, expiresAt }, commandId, () => users.issueLoginCode(userId, LOGIN_LINK_TTL_MS));
    },
    disable: async (actor, userId, commandId) => change(actor, 'user.disable', await scopeOf(userId), { userId }, commandId, () => users.setDisabled(userId, true)),
    enable: async (actor, userId, commandId) => change(actor, 'user.enable', await scopeOf(userId), { userId }, commandId, () => users.setDisabled(userId, false)),
    changeRole: async (actor, userId, role, tenantId, commandId) =>
      change(actor, 'user.change_role', await scopeOf(userId), { userId, role, tenantId }, commandId, () => users.changeRole(userId, role, tenantId)),
    remove: async (actor, userId, commandId) => change(actor, 'user.remove', await scopeOf(userId), { userId }, commandId, () => users.remove(userId)),
  };
}
