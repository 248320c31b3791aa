// The embedded event store when its storage fails: a full disk and a lock held by another
// connection answer `store.unavailable` as values, never half-commit a batch, never block
// the event loop for more than a few ms, and recover by themselves.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { AppendOutcome, NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { newId } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';
import { mountSmallDisk } from '../support/tmpfs.ts';

const t = suite('sqlite event store: storage faults');
const ev = (size = 10): NewEvent => ({ eventId: newId(), type: 'x', data: { pad: 'p'.repeat(size) }, metadata: {} });
async function collect(it: AsyncIterable<RecordedEvent>) {
  const out: RecordedEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const codeOf = (o: AppendOutcome) => (o.ok ? 'ok' : o.error.code);

// The longest gap between ticks of a 5 ms interval while `work` runs: how long the event loop was blocked.
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    return { result: await work(), stallMs };
  } finally {
    clearInterval(timer);
  }
}

t('a lock held by another connection: appends answer store.unavailable within ~2 s, the loop never stalls, then recover', async () => {
  const path = join(tempDir('busy'), 'events.db');
  const store = openSqliteEventStore(path);
  assert.ok((await store.append('s-a', [ev()], 'no_stream')).ok);
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  const started = Date.now();
  const { result, stallMs } = await longestStall(() => Promise.all([store.append('s-a', [ev()], 0n), store.append('s-b', [ev()], 'no_stream')]));
  assert.equal(result.map(codeOf), ['store.unavailable', 'store.unavailable']);
  assert.ok(Date.now() - started < 3000, `answered after ${Date.now() - started} ms`);
  assert.ok(stallMs < 100, `the event loop stalled for ${stallMs} ms`);
  const message = result[0]!.ok ? '' : result[0]!.error.message;
  assert.not.match(message, /SQLITE|locked|busy/i, 'no driver text');
  other.exec('ROLLBACK');
  other.close();
  assert.equal(codeOf(await store.append('s-a', [ev()], 0n)), 'ok', 'the revision cache still knows s-a at 0');
  assert.equal((await collect(store.readAll())).map((e) => `${e.streamId}@${e.revision}`), ['s-a@0', 's-a@1']);
  await store.close();
});

t('a lock released while the batch waits: the batch commits', async () => {
  const path = join(tempDir('busy'), 'events.db');
  const store = openSqliteEventStore(path);
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  setTimeout(() => other.exec('ROLLBACK'), 100);
  assert.equal(codeOf(await store.append('s-a', [ev()], 'no_stream')), 'ok');
  other.close();
  await store.close();
});

t('a full disk: every append of the batch fails as a value, nothing is half-written, and it recovers once there is room', async () => {
  const disk = mountSmallDisk(2);
  if ('skipped' in disk) {
    console.log(`event store disk-full test: skipped (${disk.skipped})`);
    return;
  }
  try {
    const faults: unknown[] = [];
    const store = openSqliteEventStore(join(disk.dir, 'events.db'), { onFault: (e) => faults.push(e) });
    assert.ok((await store.append('s-a', [ev()], 'no_stream')).ok);
    disk.fill();
    // A batch of several appends, single- and multi-event, big enough to need new WAL pages.
    const outcomes = await Promise.all([
      store.append('s-a', [ev(20_000)], 0n),
      store.append('s-b', [ev(20_000), ev(20_000)], 'no_stream'),
      store.append('s-c', [ev(20_000)], 'any'),
    ]);
    assert.equal(outcomes.map(codeOf), ['store.unavailable', 'store.unavailable', 'store.unavailable']);
    assert.ok(faults.length > 0, 'the driver error is handed to the server log');
    assert.equal((await collect(store.readAll())).map((e) => e.streamId), ['s-a'], 'nothing of the failed batch is stored');
    disk.free();
    assert.equal(codeOf(await store.append('s-a', [ev(20_000)], 0n)), 'ok', 'the revision cache was not advanced by the failed batch');
    assert.equal(codeOf(await store.append('s-b', [ev(), ev()], 'no_stream')), 'ok');
    const all = await collect(store.readAll());
    assert.equal(all.map((e) => `${e.streamId}@${e.revision}`), ['s-a@0', 's-a@1', 's-b@0', 's-b@1']);
    assert.equal(all.map((e) => e.position), [1n, 2n, 3n, 4n]);
    await store.close();
  } finally {
    disk.unmount();
  }
});

t.run();
