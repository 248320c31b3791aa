import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteUserDirectory } from './auth/sqliteUsers.ts';
import { tokenSigner, type TokenSigner } from './auth/tokens.ts';
import type { UserDirectory } from './auth/users.ts';
import type { Config } from './config.ts';

// Users and login codes live beside the read models: in their MongoDB database when
// MONGO_URL is set (every API instance on it shares them, DESIGN §8), else in their own SQLite
// file under DATA_DIR. The token key is AUTH_SECRET when set, otherwise one made once and
// kept in that directory, so instances sharing it also share the key.
export async function openAuth(config: Config): Promise<{ users: UserDirectory; signer: TokenSigner }> {
  const users = await openUserDirectory(config);
  const secret = config.AUTH_SECRET ? Buffer.from(config.AUTH_SECRET, 'utf8') : await users.signingSecret();
  return { users, signer: tokenSigner(secret, { defaultTtlSeconds: config.TOKEN_TTL_HOURS * 3600 }) };
}

async function openUserDirectory(config: Config): Promise<UserDirectory> {
  if (config.MONGO_URL) {
    const { openMongoUserDirectory } = await import('./auth/mongoUsers.ts');
    return openMongoUserDirectory(config.MONGO_URL, { database: config.MONGO_DATABASE });
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openSqliteUserDirectory(join(config.DATA_DIR, 'auth.db'));
}

export const describeUserDirectory = (config: Config): string =>
  config.MONGO_URL ? `mongodb (${config.MONGO_URL.replace(/\/\/[^@/]*@/, '//***@')}, database ${config.MONGO_DATABASE})` : `sqlite (${join(config.DATA_DIR, 'auth.db')})`;

// Where a person reaches this server, for the login links it prints: PUBLIC_URL when set
// (a proxy, TLS), else this machine at PORT. A loopback or every-interface HOST is not an
// address to browse to (0.0.0.0), so it is localhost; a specific HOST is itself.
const localHosts = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1']);
export function publicUrl(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = localHosts.has(config.HOST) ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}
