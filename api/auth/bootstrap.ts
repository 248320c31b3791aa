// First start: there must be someone who can sign in. The admin is made once, and the
// login link is printed once; later links come from `adledger users link <id>`.
import { isDomainError } from '../../domain/shared/errors.ts';
import type { NewUser, User, UserDirectory } from './users.ts';

// The CLI's own identity on this machine, for the ops routes of a running server. It is a
// directory user like any other (its tokens are checked, an admin may disable it), but it
// signs in with the server's key, never by a link, so it is nobody who can administer.
export const CLI_USER: NewUser = { id: 'adledger-cli', name: 'adledger CLI', role: 'agency-admin', tenantId: null };

export const LOGIN_LINK_TTL_MS = 24 * 3600 * 1000;
export const loginLink = (baseUrl: string, code: string): string => `${baseUrl.replace(/\/$/, '')}/login#code=${code}`;

export async function ensureFirstAdmin(users: UserDirectory, baseUrl: string): Promise<{ userId: string; link: string; expiresAt: string } | undefined> {
  // "First start" means no one can administer yet; demo users do not count.
  if ((await users.list()).some((u) => u.role === 'agency-admin' && u.id !== CLI_USER.id)) return undefined;
  const admin = await users.add({ id: 'admin', name: 'Agency admin', role: 'agency-admin', tenantId: null });
  if (isDomainError(admin)) return undefined; // another process made it first
  const issued = await users.issueLoginCode(admin.id, LOGIN_LINK_TTL_MS);
  if (isDomainError(issued)) throw new Error(issued.message);
  return { userId: admin.id, link: loginLink(baseUrl, issued.code), expiresAt: issued.expiresAt };
}

// The demo tenant's people, so the console can be seen as each role (links via the CLI).
export const demoUsers: readonly NewUser[] = [
  { id: 'maria.planner', name: 'Maria (planner)', role: 'agency-user', tenantId: null },
  { id: 'ben.client', name: 'Ben (client admin)', role: 'client-admin', tenantId: 'demo' },
  { id: 'vic.viewer', name: 'Vic (client viewer)', role: 'client-viewer', tenantId: 'demo' },
];

export async function ensureDemoUsers(users: UserDirectory): Promise<void> {
  for (const user of demoUsers) if (!(await users.get(user.id))) await users.add(user);
}

export async function ensureCliUser(users: UserDirectory): Promise<User | undefined> {
  const existing = await users.get(CLI_USER.id);
  if (existing) return existing;
  const added = await users.add(CLI_USER);
  return isDomainError(added) ? users.get(CLI_USER.id) : added;
}
