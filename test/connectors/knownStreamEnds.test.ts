// The embedded store's caching decorator: a read that starts past a stream's known end
// answers at once — but only while the end is known exactly; another connection's append
// must be seen by the very next read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { withKnownStreamEnds } from '../../connectors/eventstore/knownStreamEnds.ts';
import type { EventStore, NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { newId } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('known stream ends: reads past the end answer without the file');
const ev = (n: number): NewEvent => ({ eventId: newId(), type: 'x', data: { n }, metadata: { n } });
const file = () => join(tempDir('recent'), 'events.db');
const read = async (store: EventStore, stream: string, fromRevision: bigint): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream, { fromRevision })) out.push(e);
  return out;
};

// A store that counts the reads that reach it.
function counting(): { store: EventStore; reads: () => number } {
  let reads = 0;
  const store = {
    readStream: () => {
      reads++;
      return (async function* () {})();
    },
  } as unknown as EventStore;
  return { store, reads: () => reads };
}

t('a read past the exact end does not reach the store; one at or before it, or with the end unknown, does', async () => {
  const inner = counting();
  const ends = new Map<string, bigint>([['s-1', 3n]]);
  const store = withKnownStreamEnds(inner.store, (stream) => ends.get(stream));
  assert.equal(await read(store, 's-1', 4n), []);
  assert.is(inner.reads(), 0, 'past the end: answered at once');
  await read(store, 's-1', 3n);
  await read(store, 's-2', 9n);
  for await (const _ of store.readStream('s-1', { direction: 'backwards', fromRevision: 9n })) void _;
  assert.is(inner.reads(), 3, 'at the end, an unknown end, and backwards reads go to the store');
});

t('the file answers once another connection committed: a row edited behind its back is seen', async () => {
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
