// A projector whose document store fails: the error is retried with backoff and shown in
// its status (retrying, the error code), never parked, and nothing throws out of the loop.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { storeFault } from '../../domain/shared/storeFaults.ts';
import { counted, streamCounter } from '../support/counterProjection.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('projector: document store faults');


// The store, with `methods` failing their first `n` calls: as a store fault (what the
// adapters throw for SQLITE_BUSY, disk full…), or as a raw driver error.
function failing(docs: ReadModelBackend, methods: readonly (keyof ReadModelBackend)[], n: number, raw = false): ReadModelBackend & { failures: () => number } {
  let failures = 0;
  const wrapped: Record<string, unknown> = { ...docs, failures: () => failures };
  for (const m of methods) {
    const original = docs[m] as (...args: unknown[]) => Promise<unknown>;
    wrapped[m] = async (...args: unknown[]) => {
      if (failures < n) {
        failures++;
        const cause = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        throw raw ? cause : storeFault('document store', cause, true);
      }
      return original.apply(docs, args);
    };
  }
  return wrapped as unknown as ReadModelBackend & { failures: () => number };
}

async function run(methods: readonly (keyof ReadModelBackend)[], n: number, raw = false) {
  const dir = tempDir('faults');
  const events = openSqliteEventStore(join(dir, 'events.db'));
  const real = await openSqliteDocumentStore(join(dir, 'docs.db'));
  for (let i = 0; i < 5; i++) await events.append('s-a', [counted('acme')], 'any');
  const docs = failing(real, methods, n, raw);
  const errors: unknown[] = [];
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter], onError: (_, e) => errors.push(e) });
  const states = new Set<string>();
  const watch = setInterval(() => states.add(daemon.status()[0]?.state ?? 'none'), 2);
  await daemon.start();
  assert.ok(await daemon.waitFor(await events.headPosition(), 10_000), `caught up: ${JSON.stringify(daemon.status())}`);
  clearInterval(watch);
  const [status] = daemon.status();
  assert.is(docs.failures(), n, 'every planned failure happened');
  assert.is(status!.parked, 0, 'nothing parked');
  assert.equal(await real.parked('stream_counter'), []);
  assert.is(Number((await real.get('stream_counter', 's-a'))?.count), 5, 'each event applied once');
  assert.ok(status!.retries >= 1, `retries counted: ${JSON.stringify(status)}`);
  assert.match(status!.lastErrorCode ?? '', raw ? 'SQLITE_BUSY' : 'store.unavailable (SQLITE_BUSY)');
  assert.ok(states.has('retrying') || status!.retries > 0);
  assert.is(errors.length, status!.retries, 'each retried error is told to the log');
  await daemon.stop();
  await events.close();
  await real.close();
}

t('a store read inside apply (view.get) fails twice: retried, not parked', () => run(['get'], 2));
t('a raw driver error from a read inside apply is not parked either', () => run(['get'], 2, true));
t('the batch commit fails three times: retried until it commits', () => run(['applyBatch'], 3));
t('projections sharing a store commit together; the shared commit fails three times: retried, each applied once', async () => {
  const dir = tempDir('faults-group');
  const events = openSqliteEventStore(join(dir, 'events.db'));
  const real = await openSqliteDocumentStore(join(dir, 'docs.db'));
  for (let i = 0; i < 5; i++) await events.append('s-a', [counted('acme')], 'any');
  const docs = failing(real, ['applyBatches'], 3);
  const twin = { ...streamCounter, name: 'stream_counter_twin' };
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter, twin] });
  await daemon.start();
  assert.ok(await daemon.waitFor(await events.headPosition(), 10_000), `caught up: ${JSON.stringify(daemon.status())}`);
  assert.is(docs.failures(), 3, 'every planned failure happened');
  for (const name of ['stream_counter', 'stream_counter_twin']) {
    assert.is(Number((await real.get(name, 's-a'))?.count), 5, `${name}: each event applied once`);
    assert.is(await real.checkpoint(name, 1), 5n, `${name}: its checkpoint committed with it`);
  }
  assert.ok(daemon.status().every((s) => s.retries === 3), JSON.stringify(daemon.status()));
  await daemon.stop();
  await events.close();
  await real.close();
});
t('the lease and the checkpoint fail at start: retried, the process goes on', () => run(['acquireLease', 'checkpoint'], 3));

t.run();
