// Where the vault's key comes from: CREDENTIALS_KEY (base64 of 32 bytes) when configured;
// otherwise DATA_DIR/credentials.key, generated once with owner-only permissions. The key is
// never written into a database: whoever copies the data alone cannot read the secrets (and
// so that file must be backed up on its own).
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES, vaultKey, type VaultKey } from './cipher.ts';

export const KEY_FILE = 'credentials.key';

// A start-up refusal: one line that says what to do.
export class KeyFileError extends Error {}

export function loadVaultKey(options: { readonly configured?: string | undefined; readonly dataDir: string }): { key: VaultKey; source: string } {
  if (options.configured !== undefined) return { key: vaultKey(Buffer.from(options.configured, 'base64')), source: 'CREDENTIALS_KEY' };
  const file = join(options.dataDir, KEY_FILE);
  try {
    // 'wx': never overwrite a key some secrets were encrypted with; 0600: the owner only.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw new KeyFileError(`credentials: cannot create ${file}: ${(error as Error).message}`);
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(`credentials: ${file} is readable by group or others (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 ${file}, or set CREDENTIALS_KEY`);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new KeyFileError(`credentials: ${file} does not hold a base64 key of ${KEY_BYTES} bytes; restore it from its backup, or set CREDENTIALS_KEY`);
  return { key: vaultKey(key), source: file };
}
