// The embedded user directory: its own SQLite file beside the stores.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { conflict, notFound, type DomainError } from '../../domain/shared/errors.ts';
import type { User, UserDirectory } from './users.ts';
import { classifySqliteError, guardedPort } from '../../domain/shared/storeFaults.ts';

type UserRow = { id: string; name: string; role: User['role']; tenant_id: string | null; created_at: string };
const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, tenantId: r.tenant_id, createdAt: r.created_at });
const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');
const invalidLink = (): DomainError => ({ kind: 'unauthenticated', code: 'auth.link_invalid', message: 'This login link is not valid, was already used or has expired; ask for a new one' });

// A held lock or a full disk answers 503 (store.unavailable) rather than blocking the event
// loop or failing as a 500: busy_timeout is 5 ms once the tables exist.
export function openSqliteUserDirectory(path: string, options: { now?: () => Date } = {}): UserDirectory {
  return guardedPort('user directory', openUnguarded(path, options), classifySqliteError);
}

function openUnguarded(path: string, options: { now?: () => Date }): UserDirectory {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, tenant_id TEXT, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS login_codes (code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), expires_at TEXT NOT NULL, used_at TEXT);
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value BLOB NOT NULL);
  `);
  db.pragma('busy_timeout = 5');
  const now = options.now ?? (() => new Date());
  const getUser = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  // Consuming a code is one statement, so two tabs racing one link cannot both sign in.
  const consume = db.prepare<[string, string, string], { user_id: string }>(
    'UPDATE login_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id',
  );

  return {
    async add(user) {
      const row = { ...user, tenant_id: user.tenantId, created_at: now().toISOString() };
      const inserted = db.prepare('INSERT OR IGNORE INTO users (id, name, role, tenant_id, created_at) VALUES (@id, @name, @role, @tenant_id, @created_at)').run(row);
      if (inserted.changes === 0) return conflict('user.exists', `There is already a user ${user.id}`);
      return toUser(getUser.get(user.id)!);
    },
    async get(id) {
      const row = getUser.get(id);
      return row ? toUser(row) : undefined;
    },
    async list() {
      return db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id').all().map(toUser);
    },
    async issueLoginCode(userId, ttlMs) {
      if (!getUser.get(userId)) return notFound('user.not_found', `There is no user ${userId}`);
      const code = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now().getTime() + ttlMs).toISOString();
      db.prepare('INSERT INTO login_codes (code_hash, user_id, expires_at) VALUES (?, ?, ?)').run(hashOf(code), userId, expiresAt);
      return { code, expiresAt };
    },
    async redeemLoginCode(code) {
      const at = now().toISOString();
      const used = consume.get(at, hashOf(code), at);
      const row = used ? getUser.get(used.user_id) : undefined;
      return row ? toUser(row) : invalidLink();
    },
    async signingSecret() {
      db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run('token_secret', randomBytes(32));
      return db.prepare<[string], { value: Buffer }>('SELECT value FROM settings WHERE key = ?').get('token_secret')!.value;
    },
    async close() {
      db.close();
    },
  };
}
