import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadModelBackend } from '../readmodels/documents/port.ts';
import { openSqliteDocumentStore } from '../readmodels/documents/sqlite.ts';
import type { Config } from './config.ts';

export async function openDocumentStore(config: Config): Promise<ReadModelBackend> {
  if (config.MONGO_URL) {
    const { openMongoDocumentStore } = await import('../readmodels/documents/mongo.ts');
    return openMongoDocumentStore(config.MONGO_URL, { database: config.MONGO_DATABASE });
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openSqliteDocumentStore(join(config.DATA_DIR, 'readmodels.db'));
}

export const describeDocumentStore = (config: Config): string =>
  config.MONGO_URL ? `mongodb (${config.MONGO_URL.replace(/\/\/[^@/]*@/, '//***@')}, database ${config.MONGO_DATABASE})` : `sqlite (${join(config.DATA_DIR, 'readmodels.db')})`;
