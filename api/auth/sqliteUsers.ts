// The embedded user directory: its own SQLite file beside the stores.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { conflict, type DomainError } from '../../domain/shared/errors.ts';
import { invalidLink, userNotFound, type User, type UserDirectory } from './users.ts';
import { classifySqliteError, guardedPort } from '../../domain/shared/storeFaults.ts';

type UserRow = { id: string; name: string; role: User['role']; tenant_id: string | null; created_at: string; disabled: number; token_version: number };
const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, tenantId: r.tenant_id, createdAt: r.created_at, disabled: r.disabled === 1, tokenVersion: r.token_version });
const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

// Columns added after the first release: an older auth.db gains them on open.
const laterColumns = {
  disabled: 'INTEGER NOT NULL DEFAULT 0',
  token_version: 'INTEGER NOT NULL DEFAULT 0',
  removed_at: 'TEXT',
} as const;

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
  const have = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(users)').all().map((c) => c.name));
  for (const [column, type] of Object.entries(laterColumns)) if (!have.has(column)) db.exec(`ALTER TABLE users ADD COLUMN ${column} ${type}`);
  db.exec('CREATE INDEX IF NOT EXISTS login_codes_by_user ON login_codes (user_id)');
  db.pragma('busy_timeout = 5');
  const now = options.now ?? (() => new Date());
  const getUser = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ? AND removed_at IS NULL');
  // Consuming a code is one statement, so two tabs racing one link cannot both sign in.
  const consume = db.prepare<[string, string, string], { user_id: string }>(
    'UPDATE login_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id',
  );
  const dropCodes = db.prepare<[string]>('DELETE FROM login_codes WHERE user_id = ? AND used_at IS NULL');
  // A removed user's row stays as a tombstone without the name, so the id's versions go on.
  const insert = db.prepare(`
    INSERT INTO users (id, name, role, tenant_id, created_at) VALUES (@id, @name, @role, @tenant_id, @created_at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, tenant_id = excluded.tenant_id, created_at = excluded.created_at,
      disabled = 0, removed_at = NULL, token_version = token_version + 1
    WHERE removed_at IS NOT NULL`);
  const update = (id: string, set: string, params: unknown[]): User | DomainError => {
    const row = db.prepare<unknown[], UserRow>(`UPDATE users SET ${set}, token_version = token_version + 1 WHERE id = ? AND removed_at IS NULL RETURNING *`).get(...params, id);
    return row ? toUser(row) : userNotFound(id);
  };

  return {
    async add(user) {
      const row = { ...user, tenant_id: user.tenantId, created_at: now().toISOString() };
      if (insert.run(row).changes === 0) return conflict('user.exists', `There is already a user ${user.id}`);
      return toUser(getUser.get(user.id)!);
    },
    async get(id) {
      const row = getUser.get(id);
      return row ? toUser(row) : undefined;
    },
    async list() {
      return db.prepare<[], UserRow>('SELECT * FROM users WHERE removed_at IS NULL ORDER BY id').all().map(toUser);
    },
    async setDisabled(id, disabled) {
      const current = getUser.get(id);
      if (!current) return userNotFound(id);
      if ((current.disabled === 1) === disabled) return toUser(current);
      return db.transaction(() => {
        if (disabled) dropCodes.run(id);
        return disabled ? update(id, 'disabled = 1', []) : toUser(db.prepare<[string], UserRow>('UPDATE users SET disabled = 0 WHERE id = ? RETURNING *').get(id)!);
      })();
    },
    async changeRole(id, role, tenantId) {
      return update(id, 'role = ?, tenant_id = ?', [role, tenantId]);
    },
    async remove(id) {
      return db.transaction((): true | DomainError => {
        dropCodes.run(id);
        const removed = update(id, `name = '', removed_at = ?`, [now().toISOString()]);
        return 'kind' in removed ? removed : true;
      })();
    },
    async issueLoginCode(userId, ttlMs) {
      if (!getUser.get(userId)) return userNotFound(userId);
      const code = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now().getTime() + ttlMs).toISOString();
      db.transaction(() => {
        dropCodes.run(userId);
        db.prepare('INSERT INTO login_codes (code_hash, user_id, expires_at) VALUES (?, ?, ?)').run(hashOf(code), userId, expiresAt);
      })();
      return { code, expiresAt };
    },
    async redeemLoginCode(code) {
      const at = now().toISOString();
      const used = consume.get(at, hashOf(code), at);
      const row = used ? getUser.get(used.user_id) : undefined;
      return row && row.disabled === 0 ? toUser(row) : invalidLink();
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
