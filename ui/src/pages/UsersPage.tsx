// The people who may sign in (agency admins: everyone; client admins: their own tenant's),
// with what an admin does to them: a new login link, disable / enable, another role, remove.
// Each is an audited change on the server; a disabled or re-roled user is signed out at once.
import { useState } from 'preact/hooks';
import { changeUserRole, fetchUsers, isApiError, issueLink, removeUser, setUserDisabled, type ApiError, type DirectoryUser, type IssuedLink } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useResource } from '../data.ts';
import { isAgency, roleLabels } from '../roles.ts';
import { useSession } from '../session.ts';
import type { User } from '../types.ts';

const clientRoles = ['client-admin', 'client-viewer'] as const;
const agencyRoles = ['agency-admin', 'agency-user'] as const;

export function UsersPage() {
  const session = useSession();
  const users = useResource(() => fetchUsers(), []);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [link, setLink] = useState<IssuedLink | undefined>(undefined);
  const me = session?.user.id;

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      users.reload();
    } catch (e) {
      if (isApiError(e)) setError(e);
    }
  };

  // A role of the user's own kind: moving someone between agency and a tenant is the CLI's.
  const roleChoices = (u: DirectoryUser): readonly User['role'][] => (isAgency(u) ? agencyRoles : clientRoles);

  return (
    <>
      <PageHeader title="Users" subtitle="Who may sign in; every change here is in the audit timeline" />
      {error ? <ErrorMessage error={error} testId="users-error" /> : null}
      {link ? (
        <p class="alert alert-info" role="status" data-testid="issued-link">
          Login link for {link.userId} (works once, until <RelativeTime iso={link.expiresAt} />; older links stop working): <code>{link.link}</code>
        </p>
      ) : null}
      {users.error && !users.data ? (
        <ErrorState error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Loading label="Loading users…" />
      ) : users.data.users.length === 0 ? (
        <Empty title="No users yet">Add people with npm run adledger -- users add.</Empty>
      ) : (
        <div class="panel table-wrap">
          <table class="table" data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Tenant</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id} data-testid="user-row" data-id={u.id}>
                  <td>
                    <strong>{u.name}</strong>
                    <div class="muted small">{u.id}</div>
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${u.id}`}
                      value={u.role}
                      disabled={u.id === me}
                      data-testid="user-role"
                      onChange={(e) => act(() => changeUserRole(u.id, (e.target as HTMLSelectElement).value as User['role']))}
                    >
                      {roleChoices(u).map((r) => (
                        <option key={r} value={r}>
                          {roleLabels[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{u.tenantId ?? <span class="muted">agency</span>}</td>
                  <td>{u.disabled ? <span class="badge badge-warning">Disabled</span> : <span class="badge badge-success">Active</span>}</td>
                  <td>
                    <button type="button" class="button button-small" disabled={u.disabled} data-testid="user-link" onClick={() => act(async () => setLink(await issueLink(u.id)))}>
                      Login link
                    </button>{' '}
                    {u.id === me ? null : (
                      <>
                        <button type="button" class="button button-small" data-testid={u.disabled ? 'user-enable' : 'user-disable'} onClick={() => act(() => setUserDisabled(u.id, !u.disabled))}>
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>{' '}
                        <button
                          type="button"
                          class="button button-small button-danger-quiet"
                          data-testid="user-remove"
                          onClick={() => confirm(`Remove ${u.id}? Their name is erased and they are signed out.`) && act(() => removeUser(u.id))}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
