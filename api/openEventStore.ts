import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../connectors/eventstore/port.ts';
import { openSqliteEventStore, type SqliteEventStoreOptions } from '../connectors/eventstore/sqlite.ts';
import type { Config } from './config.ts';

export async function openEventStore(config: Config, options: SqliteEventStoreOptions = {}): Promise<EventStore> {
  if (config.ESDB_URL) {
    const { openEsdbStore } = await import('../connectors/eventstore/esdb.ts');
    return openEsdbStore(config.ESDB_URL);
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openSqliteEventStore(join(config.DATA_DIR, 'events.db'), options);
}

export const describeEventStore = (config: Config): string =>
  config.ESDB_URL ? `eventstoredb (${config.ESDB_URL.replace(/\/\/[^@/]*@/, '//***@')})` : `sqlite (${join(config.DATA_DIR, 'events.db')})`;
