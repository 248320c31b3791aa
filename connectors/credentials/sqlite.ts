// The embedded vault: its own SQLite file in DATA_DIR (owner-only), never the key beside it.
// A removed version keeps its row with the ciphertext erased, so its number is never reused.
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import { classifySqliteError, guardedPort } from '../../domain/shared/storeFaults.ts';
import type { VaultKey } from './cipher.ts';
import type { CredentialRef, CredentialVault } from './port.ts';
import { sealedVault, type SealedRow, type SealedRows } from './sealedVault.ts';

type Row = { version: number; key_id: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };
const where = 'tenant_id = @tenantId AND platform = @platform AND account_id = @accountId';
const refOf = (r: CredentialRef) => ({ tenantId: r.tenantId, platform: r.platform, accountId: r.accountId });
const toSealed = (r: Row): SealedRow => ({ version: r.version, keyId: r.key_id, iv: r.iv, tag: r.tag, ciphertext: r.ciphertext });

export function openSqliteVault(path: string, key: VaultKey, options: { now?: () => Date } = {}): CredentialVault {
  const db = new Database(path);
  chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS credentials (
    tenant_id TEXT NOT NULL, platform TEXT NOT NULL, account_id TEXT NOT NULL, version INTEGER NOT NULL,
    key_id TEXT, iv BLOB, tag BLOB, ciphertext BLOB, created_at TEXT NOT NULL, destroyed_at TEXT,
    PRIMARY KEY (tenant_id, platform, account_id, version))`);
  const now = options.now ?? (() => new Date());
  const highest = db.prepare<[object], { v: number | null }>(`SELECT max(version) AS v FROM credentials WHERE ${where}`);
  const insert = db.prepare(
    'INSERT INTO credentials (tenant_id, platform, account_id, version, key_id, iv, tag, ciphertext, created_at) VALUES (@tenantId, @platform, @accountId, @version, @keyId, @iv, @tag, @ciphertext, @at)',
  );
  const live = `${where} AND ciphertext IS NOT NULL`;
  const newest = db.prepare<[object], Row>(`SELECT * FROM credentials WHERE ${live} ORDER BY version DESC LIMIT 1`);
  const exact = db.prepare<[object], Row>(`SELECT * FROM credentials WHERE ${live} AND version = @version`);
  const erase = 'UPDATE credentials SET key_id = NULL, iv = NULL, tag = NULL, ciphertext = NULL, destroyed_at = @at';
  const destroyAll = db.prepare(`${erase} WHERE ${live}`);
  const destroyOne = db.prepare(`${erase} WHERE ${live} AND version = @version`);
  const otherKeys = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM credentials WHERE ciphertext IS NOT NULL AND key_id <> ?');

  const insertNext = db.transaction((ref: CredentialRef, make: SealedRowsMake): number => {
    const version = (highest.get(refOf(ref))?.v ?? 0) + 1;
    insert.run({ ...refOf(ref), version, ...make(version), at: now().toISOString() });
    return version;
  });
  const rows: SealedRows = {
    insertNext: async (ref, make) => insertNext.immediate(ref, make),
    async read(ref, version) {
      const row = version === undefined ? newest.get(refOf(ref)) : exact.get({ ...refOf(ref), version });
      return row ? toSealed(row) : undefined;
    },
    async destroy(ref, version) {
      const at = now().toISOString();
      if (version === undefined) destroyAll.run({ ...refOf(ref), at });
      else destroyOne.run({ ...refOf(ref), version, at });
    },
    countOtherKeys: async (keyId) => otherKeys.get(keyId)?.n ?? 0,
    async close() {
      db.close();
    },
  };
  return guardedPort('credential vault', sealedVault(rows, key), classifySqliteError);
}

type SealedRowsMake = Parameters<SealedRows['insertNext']>[1];
