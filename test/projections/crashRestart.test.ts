// What a projector restarted after a crash has to do well: answer read-your-writes waits for
// what it had already applied, and catch up the backlog it finds in full batches.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import { projection } from '../../projections/definitions/projection.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { counted, streamCounter } from '../support/counterProjection.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('projector restart');

async function stores() {
  const dir = tempDir('restart');
  return { events: openSqliteEventStore(join(dir, 'events.db')), docs: await openSqliteDocumentStore(join(dir, 'docs.db')) };
}

// Appends `n` events across 100 streams, in group commits of 1000.
async function appendMany(events: EventStore, n: number): Promise<bigint> {
  for (let done = 0; done < n; done += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - done) }, (_, i) =>
      events.append(`s-${(done + i) % 100}`, [counted('acme')], 'any'),
    );
    await Promise.all(batch);
  }
  return events.headPosition();
}

// Like the audit timeline: one document per event, written from the event alone, so an
// event costs no read and no await beyond apply itself.
const eventLog = projection({
  name: 'event_log',
  indexes: { fields: { tenantId: 'string' }, shapes: [] },
  handles: ['tenant.feed_health_reported'],
  async apply(event) {
    return [{ upsert: { id: event.eventId, tenantId: event.metadata.tenantId, position: String(event.position) } }];
  },
});

// The document store, counting the batches committed to it.
function counting(docs: ReadModelBackend): { docs: ReadModelBackend; batches: number[] } {
  const batches: number[] = [];
  return { batches, docs: { ...docs, applyBatch: (c, g, changes, checkpoint) => (batches.push(changes.length), docs.applyBatch(c, g, changes, checkpoint)) } };
}

t('a daemon restarted with every checkpoint at the head answers waitFor(head) without new events', async () => {
  const { events, docs } = await stores();
  const head = await appendMany(events, 5);
  const first = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'server-1' });
  await first.start();
  assert.ok(await first.waitFor(head, 5000));
  await first.stop();

  const again = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'server-1' });
  try {
    await again.start();
    // The status shows position = head soon after start; waitFor must say so too, instead of
    // waiting for a batch that never comes (a `?after=` query would hang until its timeout).
    const answered = await again.waitFor(head, 2000);
    assert.equal(again.status().map((s) => s.position), [String(head)], 'the projector is at the head');
    assert.ok(answered, `waitFor(${head}) resolved true on a restarted daemon already at ${head}`);
  } finally {
    await again.stop();
    await events.close();
    await docs.close();
  }
});

t('a long backlog (a restart after a crash) is caught up in full batches, not a few events per commit', async () => {
  const { events, docs: store } = await stores();
  const n = 20_000;
  const batchSize = 1000;
  const head = await appendMany(events, n);
  const { docs, batches } = counting(store);
  const daemon = projectionDaemon({ events, docs, projections: [eventLog], batchSize });
  try {
    await daemon.start();
    assert.ok(await daemon.waitFor(head, 120_000));
  } finally {
    await daemon.stop();
    await events.close();
    await store.close();
  }
  assert.is(batches.reduce((a, b) => a + b, 0), n, 'every event applied once');
  const small = batches.filter((b) => b < batchSize / 2).length;
  console.log(`  restart: ${n} events in ${batches.length} batches of up to ${batchSize}; ${small} under ${batchSize / 2}; first sizes ${batches.slice(0, 24).join(',')}`);
  // Every event was in the log before the start, so each take can fill a batch; allow slack
  // for the pump's page boundaries, not thousands of 4-event commits (each one an fsync).
  assert.ok(batches.length <= (2 * n) / batchSize, `${n} backlog events took ${batches.length} commits (at most ${(2 * n) / batchSize} expected)`);
});

t.run();
