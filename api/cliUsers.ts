// `adledger users add <id> --role <role> [--tenant <id>] [--name <name>] | link <id> | list
//  | disable <id> | enable <id> | role <id> --role <role> [--tenant <id>] | remove <id>`
// Each change is recorded in the log as the CLI (a system actor on the server's machine) and
// made in the directory, as the API does (api/auth/accessAdmin.ts). A running server sees it
// within a second: its sessions read the directory again at most that much later.
import { existingKeyring } from './openAudit.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { userRoleSchema } from '../domain/shared/roles.ts';
import type { Actor } from '../domain/shared/envelope.ts';
import { zodDetails } from '../domain/shared/zodDetails.ts';
import { writeSide } from '../commands/aggregates.ts';
import { accessAdmin, userFacts } from './auth/accessAdmin.ts';
import { loginLink } from './auth/bootstrap.ts';
import { newUserSchema } from './auth/users.ts';
import type { Config } from './config.ts';
import { openAuth, publicUrl } from './openAuth.ts';
import { openEventStore } from './openEventStore.ts';

export const cliActor: Actor = { type: 'system', id: 'adledger-cli', role: 'system' };

export async function usersCommand(config: Config, sub: string | undefined, id: string | undefined, values: { role?: string; tenant?: string; name?: string }): Promise<number> {
  const { users } = await openAuth(config);
  if (sub === 'list') {
    console.log(JSON.stringify(await users.list(), null, 2));
    await users.close();
    return 0;
  }
  if (!id || !['add', 'link', 'disable', 'enable', 'role', 'remove'].includes(sub ?? '')) {
    await users.close();
    return -1;
  }
  const store = await openEventStore(config);
  // Chained with the server's audit key when there is one: an unkeyed event after the keys
  // exist is what verify reports as tampering.
  const keyring = existingKeyring(config);
  const admin = accessAdmin(writeSide(store, undefined, { users: userFacts(users), ...(keyring ? { chainKey: () => keyring.current() } : {}) }), users);
  try {
    if (sub === 'add') {
      const parsed = newUserSchema.safeParse({ id, name: values.name ?? id, role: values.role, tenantId: values.tenant ?? null });
      if (!parsed.success) return invalid(zodDetails(parsed.error));
      const added = await admin.add(cliActor, parsed.data);
      if (isDomainError(added)) return fail(added.message);
    }
    if (sub === 'add' || sub === 'link') {
      const issued = await admin.issueLink(cliActor, id);
      if (isDomainError(issued)) return fail(issued.message);
      return print({ userId: id, link: loginLink(publicUrl(config), issued.code), expiresAt: issued.expiresAt });
    }
    if (sub === 'role') {
      const role = userRoleSchema.safeParse(values.role);
      if (!role.success) return invalid([{ path: '--role', message: `Expected one of ${userRoleSchema.options.join(', ')}` }]);
      const changed = await admin.changeRole(cliActor, id, role.data, values.tenant ?? null);
      return isDomainError(changed) ? fail(changed.message) : print(changed);
    }
    const done = sub === 'remove' ? await admin.remove(cliActor, id) : await admin[sub === 'disable' ? 'disable' : 'enable'](cliActor, id);
    return isDomainError(done) ? fail(done.message) : print(done === true ? { removed: id } : done);
  } finally {
    await users.close();
    await store.close();
  }
}

function print(value: unknown): number {
  console.log(JSON.stringify(value, null, 2));
  return 0;
}

function invalid(details: readonly { path: string; message: string }[]): number {
  for (const { path, message } of details) console.error(`${path}: ${message}`);
  return 64;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
