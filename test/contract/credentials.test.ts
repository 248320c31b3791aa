import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KeyFileError, loadVaultKey } from '../../connectors/credentials/keyFile.ts';
import { openSqliteVault } from '../../connectors/credentials/sqlite.ts';
import type { CredentialRef } from '../../connectors/credentials/port.ts';
import { tempDir } from '../support/tempDir.ts';
import { credentialVaultContract } from './credentials.ts';

const file = join(tempDir('vault'), 'credentials.db');
const sqlRef = (r: CredentialRef, version: number) => ({ tenantId: r.tenantId, platform: r.platform, accountId: r.accountId, version });
const where = 'tenant_id = @tenantId AND platform = @platform AND account_id = @accountId AND version = @version';

credentialVaultContract('sqlite', {
  open: async (key) => openSqliteVault(file, key),
  async copyCiphertext(from, fromVersion, to, toVersion) {
    const db = new Database(file);
    const row = db.prepare(`SELECT key_id, iv, tag, ciphertext FROM credentials WHERE ${where}`).get(sqlRef(from, fromVersion));
    db.prepare(`UPDATE credentials SET key_id = @key_id, iv = @iv, tag = @tag, ciphertext = @ciphertext WHERE ${where}`).run({ ...(row as object), ...sqlRef(to, toVersion) });
    db.close();
  },
  async rawDump() {
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
  },
});

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { mongoVaultUnderTest } = await import('./credentialsMongo.ts');
  credentialVaultContract('mongodb', await mongoVaultUnderTest(mongoUrl));
} else {
  console.log('credentials contract: skipped MongoDB (MONGO_URL not set)');
}

const keys = suite('credentials: where the key comes from');

keys('given CREDENTIALS_KEY, then it is the key and no file is written', () => {
  const dir = tempDir('key');
  const configured = randomBytes(32).toString('base64');
  const { key, source } = loadVaultKey({ configured, dataDir: dir });
  assert.is(source, 'CREDENTIALS_KEY');
  assert.is(key.key.toString('base64'), configured);
  assert.not.ok(existsSync(join(dir, 'credentials.key')));
});

keys('given no key configured, then one is generated into DATA_DIR/credentials.key with mode 0600, and the same key is read next time', () => {
  const dir = tempDir('key');
  const first = loadVaultKey({ dataDir: dir });
  const path = join(dir, 'credentials.key');
  assert.is(first.source, path);
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.is(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').length, 32);
  assert.is(loadVaultKey({ dataDir: dir }).key.id, first.key.id);
});

keys('given a key file readable by group or others, then start-up is refused with a line that says chmod 600', () => {
  for (const mode of [0o640, 0o604, 0o644]) {
    const dir = tempDir('key');
    loadVaultKey({ dataDir: dir });
    chmodSync(join(dir, 'credentials.key'), mode);
    assert.throws(() => loadVaultKey({ dataDir: dir }), (e: Error) => e instanceof KeyFileError && /chmod 600/.test(e.message) && !e.message.includes('\n'));
  }
});

keys('given a key file that is not 32 bytes of base64, then start-up is refused instead of generating over it', () => {
  const dir = tempDir('key');
  const path = join(dir, 'credentials.key');
  writeFileSync(path, 'short\n', { mode: 0o600 });
  assert.throws(() => loadVaultKey({ dataDir: dir }), (e: Error) => e instanceof KeyFileError && /32 bytes/.test(e.message));
  assert.is(readFileSync(path, 'utf8'), 'short\n', 'the file was not overwritten');
});

keys('the vault file itself is created owner-only', async () => {
  const path = join(tempDir('vaultfile'), 'credentials.db');
  const vault = openSqliteVault(path, loadVaultKey({ dataDir: tempDir('key') }).key);
  assert.is(statSync(path).mode & 0o777, 0o600);
  await vault.close();
});

keys.run();
