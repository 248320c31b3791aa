// The access aggregate: one stream per tenant scope (`access-acme`, `access-agency` for the
// agency's own people). Who a user is right now is the directory's to say (people existed
// before this log recorded them), so the decision reads it as context; the stream's own fold
// is what the log says about each user, for history and as-of views.
import type { Decider } from '../shared/decider.ts';
import type { DomainEvent } from '../shared/envelope.ts';
import { conflict, notFound, refuse, type DomainError } from '../shared/errors.ts';
import { isAgencyRole, type UserRole } from '../shared/roles.ts';
import { AGENCY_SCOPE } from '../streams.ts';
import type { AccessCommand, AccessEvent } from './events.ts';

// A user as the directory has them now.
export interface UserFacts {
  readonly role: UserRole;
  readonly tenantId: string | null;
  readonly disabled: boolean;
}

export interface AccessContext {
  readonly target: UserFacts | undefined; // the user the command names; undefined: no such user
}

export interface AccessState {
  readonly users: Readonly<Record<string, UserFacts & { readonly removed: boolean }>>;
}

export const initialState: AccessState = { users: {} };

// The stream a user's changes are recorded in: their tenant's, or the agency's.
export const accessScopeOf = (tenantId: string | null): string => tenantId ?? AGENCY_SCOPE;

export function evolve(state: AccessState, event: DomainEvent<AccessEvent>): AccessState {
  const { userId } = event.data;
  const before = state.users[userId];
  const put = (facts: UserFacts & { removed: boolean }) => ({ users: { ...state.users, [userId]: facts } });
  switch (event.type) {
    case 'user.added':
      return put({ role: event.data.role, tenantId: event.data.tenantId, disabled: false, removed: false });
    case 'user.role_changed':
      return put({ ...(before ?? { disabled: false, removed: false }), role: event.data.role, tenantId: event.data.tenantId });
    case 'user.disabled':
    case 'user.enabled':
    case 'user.removed':
      if (!before) return state; // a person from before the log recorded access changes
      return put({ ...before, disabled: event.type === 'user.disabled' || (event.type === 'user.removed' && before.disabled), removed: event.type === 'user.removed' });
    case 'user.login_link_issued':
      return state;
  }
}

export function decide(command: AccessCommand, _state: AccessState, { target }: AccessContext): readonly AccessEvent[] | DomainError {
  const { actor } = command;
  const { userId } = command.data;
  const clientAdmin = actor.role === 'client-admin';
  if (command.type === 'user.add') {
    if (target) return conflict('user.exists', `There is already a user ${userId}`);
    const misfit = grantMisfit(command.data.role, command.data.tenantId, command.tenantId, clientAdmin);
    return misfit ?? [{ type: 'user.added', data: command.data }];
  }
  // Out of the command's scope is answered as no such user, as tenant scope does everywhere.
  if (!target || accessScopeOf(target.tenantId) !== command.tenantId) return notFound('user.not_found', `There is no user ${userId}`);
  if (command.type !== 'user.issue_login_link' && actor.id === userId) {
    return refuse('user.self', 'Nobody may disable, remove or re-role themselves; ask another admin');
  }
  switch (command.type) {
    case 'user.issue_login_link':
      return target.disabled ? refuse('user.disabled', `${userId} is disabled; enable them before issuing a login link`) : [{ type: 'user.login_link_issued', data: command.data }];
    case 'user.disable':
      return target.disabled ? conflict('user.already_disabled', `${userId} is already disabled`) : [{ type: 'user.disabled', data: command.data }];
    case 'user.enable':
      return target.disabled ? [{ type: 'user.enabled', data: command.data }] : conflict('user.not_disabled', `${userId} is not disabled`);
    case 'user.remove':
      return [{ type: 'user.removed', data: command.data }];
    case 'user.change_role': {
      const { role, tenantId } = command.data;
      const misfit = grantMisfit(role, tenantId, accessScopeOf(tenantId), clientAdmin);
      if (misfit) return misfit;
      if (clientAdmin && tenantId !== target.tenantId) return forbidden('user.tenant_forbidden', 'A client admin cannot move a user to another tenant');
      if (role === target.role && tenantId === target.tenantId) return conflict('user.role_unchanged', `${userId} is already ${role}`);
      return [{ type: 'user.role_changed', data: { ...command.data, previousRole: target.role, previousTenantId: target.tenantId } }];
    }
  }
}

const forbidden = (code: string, message: string): DomainError => ({ kind: 'forbidden', code, message });

// A role fits its tenant (client roles one, agency roles none) and the scope it is recorded
// in; a client admin hands out client roles only.
function grantMisfit(role: UserRole, tenantId: string | null, scope: string, clientAdmin: boolean): DomainError | undefined {
  if (clientAdmin && isAgencyRole(role)) return forbidden('user.role_forbidden', `A client admin cannot give the ${role} role`);
  if (isAgencyRole(role) !== (tenantId === null)) return refuse('user.role_tenant_mismatch', 'Client roles belong to exactly one tenant; agency roles to none');
  if (tenantId === AGENCY_SCOPE) return refuse('tenant.reserved_id', `${AGENCY_SCOPE} names the agency itself and is no tenant`);
  if (accessScopeOf(tenantId) !== scope) return notFound('tenant.not_found', `There is no tenant ${tenantId ?? scope}`);
  return undefined;
}

export const accessDecider: Decider<AccessState, AccessCommand, AccessEvent, AccessContext> = { initialState, evolve, decide };
