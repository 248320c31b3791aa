// What the embedded store promises beyond the shared contract: a gap-free log, durable
// settings, all-or-nothing appends inside a shared transaction, and other writers seen.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { newId } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('sqlite event store');
const ev = (type = 'x', data: unknown = {}): NewEvent => ({ eventId: newId(), type, data, metadata: {} });
const path = () => join(tempDir('sqlite'), 'events.db');
async function collect(it: AsyncIterable<RecordedEvent>) {
  const out: RecordedEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

t('positions run 1..n without holes, even when appends in the same commit are refused', async () => {
  const store = openSqliteEventStore(path());
  await store.append('s-a', [ev()], 'no_stream');
  const outcomes = await Promise.all([
    store.append('s-a', [ev()], 'no_stream'), // refused
    store.append('s-b', [ev(), ev()], 'no_stream'),
    store.append('s-a', [ev()], 7n), // refused
    store.append('s-c', [ev()], 'any'),
  ]);
  assert.equal(outcomes.map((o) => o.ok), [false, true, false, true]);
  const positions = (await collect(store.readAll())).map((e) => e.position);
  assert.equal(positions, [1n, 2n, 3n, 4n]);
  assert.is(await store.headPosition(), 4n);
  await store.close();
});

t('an append that fails part-way stores none of its events and spoils no other append', async () => {
  const store = openSqliteEventStore(path());
  const outcomes = await Promise.all([
    store.append('s-a', [ev('ok.1')], 'no_stream'),
    store.append('s-b', [ev('bad.1'), ev('bad.2', { n: 1n })], 'no_stream'), // a bigint cannot be stored as JSON
    store.append('s-c', [ev('ok.2')], 'no_stream'),
  ]);
  assert.equal(outcomes.map((o) => o.ok), [true, false, true]);
  assert.equal((await collect(store.readAll())).map((e) => e.type), ['ok.1', 'ok.2']);
  assert.equal(await collect(store.readStream('s-b')), []);
  await store.close();
});

t('the file is in WAL mode, and what was acknowledged is there after reopening', async () => {
  const file = path();
  const store = openSqliteEventStore(file);
  const r = await store.append('s-a', [ev('kept', { n: 1 })], 'no_stream');
  assert.ok(r.ok);
  const probe = new Database(file, { readonly: true });
  assert.is(probe.pragma('journal_mode', { simple: true }), 'wal');
  probe.close();
  await store.close();
  const reopened = openSqliteEventStore(file);
  const [kept] = await collect(reopened.readStream('s-a'));
  assert.equal([kept?.type, kept?.data], ['kept', { n: 1 }]);
  await reopened.close();
});

t('a subscriber sees events that another process (another connection) appends to the file', async () => {
  const file = path();
  const reader = openSqliteEventStore(file);
  const writer = openSqliteEventStore(file);
  const sub = reader.subscribeAll({ filter: { streamPrefixes: ['other-'] } });
  const got: string[] = [];
  const reading = (async () => {
    for await (const e of sub) {
      got.push(e.type);
      if (got.length === 3) break;
    }
  })();
  for (const type of ['one', 'two', 'three']) await writer.append('other-1', [ev(type)], 'any');
  await reading;
  assert.equal(got, ['one', 'two', 'three']);
  await sub.close();
  await writer.close();
  await reader.close();
});

t('closing the store ends live subscriptions instead of leaving them hanging', async () => {
  const store = openSqliteEventStore(path());
  const sub = store.subscribeAll();
  const done = (async () => {
    let n = 0;
    for await (const _ of sub) n++;
    return n;
  })();
  await store.append('s-a', [ev()], 'any');
  await new Promise((r) => setTimeout(r, 20));
  await store.close();
  assert.is(await done, 1);
});

t.run();
