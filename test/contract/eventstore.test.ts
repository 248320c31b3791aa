import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { eventStoreContract } from './eventstore.ts';
import { tempDir } from '../support/tempDir.ts';

const dir = tempDir('es');
let n = 0;
eventStoreContract('sqlite', async () => openSqliteEventStore(join(dir, `events-${n++}.db`)));

const esdbUrl = process.env.ESDB_URL;
if (esdbUrl) {
  const { openEsdbStore } = await import('../../connectors/eventstore/esdb.ts');
  eventStoreContract('eventstoredb', () => openEsdbStore(esdbUrl));
} else {
  console.log('eventstore contract: skipped EventStoreDB (ESDB_URL not set; no EventStoreDB server can be installed on this machine)');
}
