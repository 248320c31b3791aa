// `adledger users add <id> --role <role> [--tenant <id>] [--name <name>] | link <id> | list`
import { isDomainError } from '../domain/shared/errors.ts';
import { zodDetails } from '../domain/shared/zodDetails.ts';
import { LOGIN_LINK_TTL_MS, loginLink } from './auth/bootstrap.ts';
import { newUserSchema } from './auth/users.ts';
import type { Config } from './config.ts';
import { openAuth, publicUrl } from './openAuth.ts';

export async function usersCommand(config: Config, sub: string | undefined, id: string | undefined, values: { role?: string; tenant?: string; name?: string }): Promise<number> {
  const { users } = await openAuth(config);
  try {
    if (sub === 'list') {
      console.log(JSON.stringify(await users.list(), null, 2));
      return 0;
    }
    if (sub === 'add' && id) {
      const parsed = newUserSchema.safeParse({ id, name: values.name ?? id, role: values.role, tenantId: values.tenant ?? null });
      if (!parsed.success) {
        for (const { path, message } of zodDetails(parsed.error)) console.error(`${path}: ${message}`);
        return 64;
      }
      const added = await users.add(parsed.data);
      if (isDomainError(added)) return fail(added.message);
    } else if (sub !== 'link' || !id) return -1;
    const issued = await users.issueLoginCode(id, LOGIN_LINK_TTL_MS);
    if (isDomainError(issued)) return fail(issued.message);
    console.log(JSON.stringify({ userId: id, link: loginLink(publicUrl(config), issued.code), expiresAt: issued.expiresAt }, null, 2));
    return 0;
  } finally {
    await users.close();
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
