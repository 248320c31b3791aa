import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadVaultKey } from '../connectors/credentials/keyFile.ts';
import type { CredentialVault } from '../connectors/credentials/port.ts';
import { openSqliteVault } from '../connectors/credentials/sqlite.ts';
import type { Config } from './config.ts';

// The credential vault: its own SQLite file in DATA_DIR; the key from CREDENTIALS_KEY, or
// from DATA_DIR/credentials.key (generated once, owner-only) — never from a database.
// Throws KeyFileError (one line) when the key file is too open or damaged.
export function openVault(config: Config): { vault: CredentialVault; adapter: string; key: string } {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const { key, source } = loadVaultKey({ configured: config.CREDENTIALS_KEY, dataDir: config.DATA_DIR });
  const file = join(config.DATA_DIR, 'credentials.db');
  return { vault: openSqliteVault(file, key), adapter: `sqlite (${file})`, key: `${key.id} from ${source}` };
}
