// The embedded store's caching decorator: a stream this connection just wrote, or one
// nothing has passed, is read from memory — but only while no other connection has
// committed; another connection's append must be seen by the very next read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore, NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { newId } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('sqlite event store: reads after own writes');
const ev = (n: number): NewEvent => ({ eventId: newId(), type: 'x', data: { n }, metadata: { n } });
const file = () => join(tempDir('recent'), 'events.db');
const read = async (store: EventStore, stream: string, fromRevision: bigint): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream, { fromRevision })) out.push(e);
  return out;
};
const shape = (events: readonly RecordedEvent[]) => events.map((e) => [e.eventId, e.revision, e.position, e.data, e.metadata]);

t('an own append read back from memory equals what the file holds, positions included', async () => {
  const path = file();
  const mine = openSqliteEventStore(path);
  await mine.append('other-1', [ev(0)], 'no_stream'); // so stream positions are not revisions + 1
  await mine.append('s-1', [ev(1)], 'no_stream');
  await mine.append('s-1', [ev(2), ev(3), ev(4)], 0n);
  const fromMemory = await read(mine, 's-1', 1n);
  const fresh = openSqliteEventStore(path);
  assert.equal(shape(fromMemory), shape(await read(fresh, 's-1', 1n)));
  assert.equal(fromMemory.map((e) => e.position), [3n, 4n, 5n]);
  await fresh.close();
  await mine.close();
});

t('memory answers while the file is unchanged: a row edited behind its back proves which answered', async () => {
  const path = file();
  const mine = openSqliteEventStore(path);
  await mine.append('s-1', [ev(1)], 'no_stream');
  // Another connection's commit changes data_version: from then on the file must answer.
  const raw = new Database(path);
  raw.prepare("UPDATE events SET data = '{\"n\":99}' WHERE stream_id = 's-1'").run();
  assert.equal((await read(mine, 's-1', 0n)).map((e) => e.data), [{ n: 99 }], 'another connection committed: read from the file');
  raw.close();
  await mine.close();
});

t('past the known end nothing is read; another connection appending is seen at once', async () => {
  const path = file();
  const mine = openSqliteEventStore(path);
  const other = openSqliteEventStore(path);
  await mine.append('s-1', [ev(1)], 'no_stream');
  assert.equal(await read(mine, 's-1', 1n), []);
  assert.ok((await other.append('s-1', [ev(2), ev(3)], 0n)).ok);
  assert.equal((await read(mine, 's-1', 1n)).map((e) => e.data), [{ n: 2 }, { n: 3 }]);
  assert.ok((await mine.append('s-1', [ev(4)], 2n)).ok, 'the append itself checks against the file');
  assert.equal((await read(mine, 's-1', 3n)).map((e) => e.data), [{ n: 4 }]);
  await other.close();
  await mine.close();
});

t.run();
