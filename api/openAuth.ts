import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteUserDirectory } from './auth/sqliteUsers.ts';
import { tokenSigner, type TokenSigner } from './auth/tokens.ts';
import type { UserDirectory } from './auth/users.ts';
import type { Config } from './config.ts';

// Users live in their own SQLite file under DATA_DIR whatever stores the log and the read
// models; the token key is AUTH_SECRET when set (several API instances must share it),
// otherwise one made and kept in that file.
export async function openAuth(config: Config): Promise<{ users: UserDirectory; signer: TokenSigner }> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const users = openSqliteUserDirectory(join(config.DATA_DIR, 'auth.db'));
  const secret = config.AUTH_SECRET ? Buffer.from(config.AUTH_SECRET, 'utf8') : await users.signingSecret();
  return { users, signer: tokenSigner(secret, { defaultTtlSeconds: config.TOKEN_TTL_HOURS * 3600 }) };
}

export const publicUrl = (config: Config): string => config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
