import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadVaultKey } from '../connectors/credentials/keyFile.ts';
import type { CredentialVault } from '../connectors/credentials/port.ts';
import { openSqliteVault } from '../connectors/credentials/sqlite.ts';
import type { Config } from './config.ts';

export interface OpenedVault {
  readonly vault: CredentialVault;
  readonly adapter: string;
  readonly key: string; // the key's id and where it came from (never the key)
  readonly warning?: string;
}

// The credential vault: MongoDB's `credentials` collection when MONGO_URL is set (stateless
// instances share it), else its own SQLite file in DATA_DIR. The key from CREDENTIALS_KEY,
// or from DATA_DIR/credentials.key (generated once, owner-only) — never from a database.
// Throws KeyFileError (one line) when the key file is too open or damaged.
export async function openVault(config: Config): Promise<OpenedVault> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const { key, source } = loadVaultKey({ configured: config.CREDENTIALS_KEY, dataDir: config.DATA_DIR });
  const described = `${key.id} from ${source}`;
  if (config.MONGO_URL) {
    const { openMongoVault } = await import('../connectors/credentials/mongo.ts');
    const vault = await openMongoVault(config.MONGO_URL, key, { database: config.MONGO_DATABASE });
    const adapter = `mongodb (${config.MONGO_URL.replace(/\/\/[^@/]*@/, '//***@')}, database ${config.MONGO_DATABASE}, collection credentials)`;
    // Instances sharing the vault must share its key; a key file is one machine's.
    const warning = config.CREDENTIALS_KEY ? undefined : 'MONGO_URL is set but CREDENTIALS_KEY is not: other instances cannot read the credentials this one stores; set CREDENTIALS_KEY';
    return { vault, adapter, key: described, ...(warning ? { warning } : {}) };
  }
  const file = join(config.DATA_DIR, 'credentials.db');
  return { vault: openSqliteVault(file, key), adapter: `sqlite (${file})`, key: described };
}
