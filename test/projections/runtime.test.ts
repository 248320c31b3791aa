import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { DocumentStore } from '../../readmodels/documents/port.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { liveFeed, type FeedItem } from '../../projections/runtime/liveFeed.ts';
import { counted, POISON, streamCounter } from '../support/counterProjection.ts';
import { projection } from '../../projections/definitions/projection.ts';
import { tempDir } from '../support/tempDir.ts';
import { MAX_DOCUMENT_BYTES } from '../../readmodels/documents/port.ts';

const t = suite('projector runtime');

async function stores() {
  const dir = tempDir('projector');
  return { events: openSqliteEventStore(join(dir, 'events.db')), docs: await openSqliteDocumentStore(join(dir, 'docs.db')) };
}
async function appendMany(events: EventStore, stream: string, n: number, tenantId = 'acme') {
  for (let i = 0; i < n; i++) await events.append(stream, [counted(tenantId)], 'any');
}
const count = async (docs: DocumentStore, id: string) => Number((await docs.get('stream_counter', id))?.count ?? 0);

t('catches up from the checkpoint, then follows live; waitFor resolves at a position', async () => {
  const { events, docs } = await stores();
  await appendMany(events, 's-a', 50);
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter], batchSize: 7 });
  await daemon.start();
  assert.ok(await daemon.waitFor(await events.headPosition(), 5000));
  assert.is(await count(docs, 's-a'), 50);
  await appendMany(events, 's-b', 3);
  assert.ok(await daemon.waitFor(await events.headPosition(), 5000));
  assert.is(await count(docs, 's-b'), 3);
  const [status] = daemon.status();
  assert.is(status!.state, 'live');
  assert.is(status!.position, '53');
  assert.is(status!.lagEvents, 0);
  assert.is(await docs.checkpoint('stream_counter', 1), 53n);
  assert.not.ok(await daemon.waitFor(1000n, 50), 'a position never reached times out');
  await daemon.stop();
  // A restart resumes from the checkpoint: nothing is applied twice.
  const again = projectionDaemon({ events, docs, projections: [streamCounter] });
  await again.start();
  await appendMany(events, 's-a', 1);
  assert.ok(await again.waitFor(await events.headPosition(), 5000));
  assert.is(await count(docs, 's-a'), 51);
  await again.stop();
  await events.close();
  await docs.close();
});

t('a poison event is parked with its error and position, and the projection goes on', async () => {
  const { events, docs } = await stores();
  await appendMany(events, 's-a', 2);
  await events.append('s-a', [counted('acme', POISON)], 'any');
  const unreadable = counted('acme');
  await events.append('s-a', [{ ...unreadable, metadata: { ...unreadable.metadata, actor: 'nobody' } }], 'any');
  await appendMany(events, 's-a', 2);
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter] });
  await daemon.start();
  assert.ok(await daemon.waitFor(6n, 5000));
  assert.is(await count(docs, 's-a'), 4);
  const parked = [...(await docs.parked('stream_counter'))].sort((a, b) => Number(a.position) - Number(b.position)); // the port promises no order
  assert.equal(parked.map((p) => [p.position, p.type]), [['3', 'tenant.feed_health_reported'], ['4', 'tenant.feed_health_reported']]);
  assert.match(parked[0]!.error, /cannot apply/);
  assert.match(parked[1]!.error, /event\.invalid_metadata/, 'an event the decoder refuses is parked with the decoder\'s reason');
  assert.is(daemon.status()[0]!.parked, 2);
  await daemon.stop();
  await events.close();
  await docs.close();
});

t('an event whose document would be over the size limit is parked with the reason; the rest of its batch is applied', async () => {
  const { events, docs } = await stores();
  const HUGE = 777; // warnings mark: this projection then makes a document past the limit
  const blobs = projection({
    name: 'blobs',
    indexes: { fields: { tenantId: 'string' }, shapes: [{ equal: ['tenantId'] }] },
    handles: ['tenant.feed_health_reported'],
    async apply(event) {
      const huge = event.type === 'tenant.feed_health_reported' && event.data.warnings === HUGE;
      return [{ upsert: { id: `${event.streamId}:${event.position}`, tenantId: event.metadata.tenantId, blob: huge ? 'x'.repeat(MAX_DOCUMENT_BYTES) : 'small' } }, { upsert: { id: `seen:${event.position}`, tenantId: 'acme' } }];
    },
  });
  await appendMany(events, 's-a', 2);
  await events.append('s-a', [counted('acme', HUGE)], 'any');
  await appendMany(events, 's-a', 1);
  const daemon = projectionDaemon({ events, docs, projections: [blobs] });
  await daemon.start();
  assert.ok(await daemon.waitFor(4n, 5000));
  const parked = await docs.parked('blobs');
  assert.equal(parked.map((p) => p.position), ['3']);
  assert.match(parked[0]!.error, /document s-a:3 of blobs would be \d+ bytes, over the 8388608-byte limit/);
  const ids = (await docs.find('blobs', { where: { tenantId: 'acme' }, limit: 10 })).docs.map((d) => d.id).sort();
  assert.equal(ids, ['s-a:1', 's-a:2', 's-a:4', 'seen:1', 'seen:2', 'seen:4'], 'the parked event changed nothing, not even its small document');
  await daemon.stop();
  await events.close();
  await docs.close();
});

t('a document whose indexed field holds another type than declared parks its event, and none of that event\'s documents is written', async () => {
  const { events, docs } = await stores();
  // Each event writes a per-stream summary and a per-event row; warnings 7 puts a string in the number field.
  const typed = projection({
    name: 'typed_rows',
    indexes: { fields: { tenantId: 'string', warnings: 'number' }, shapes: [{ equal: ['tenantId'], sort: 'warnings' }] },
    handles: ['tenant.feed_health_reported'],
    async apply(event) {
      const warnings = event.type === 'tenant.feed_health_reported' ? event.data.warnings : 0;
      return [
        { upsert: { id: event.streamId, tenantId: event.metadata.tenantId, last: String(event.position) } },
        { upsert: { id: event.eventId, tenantId: event.metadata.tenantId, warnings: warnings === 7 ? 'seven' : warnings === 8 ? null : warnings } },
      ];
    },
  });
  for (const warnings of [1, 7, 8, 2]) await events.append('s-a', [counted('acme', warnings)], 'any');
  const daemon = projectionDaemon({ events, docs, projections: [typed] });
  await daemon.start();
  assert.ok(await daemon.waitFor(4n, 5000));
  const parked = await docs.parked('typed_rows');
  assert.equal(parked.map((p) => p.position), ['2']);
  assert.match(parked[0]!.error, /indexed field warnings holds string "seven", declared number/);
  assert.is((await docs.get('typed_rows', 's-a'))?.last, '4');
  const rows = (await docs.find('typed_rows', { where: { tenantId: 'acme' }, sort: { field: 'warnings', direction: 'asc' } })).docs;
  assert.equal(rows.filter((d) => d.id !== 's-a').map((d) => d.warnings), [null, 1, 2], 'null is a value of every type: written, and first');
  await daemon.stop();
  await events.close();
  await docs.close();
});

t('the live feed carries each changed document once, after its batch, with tenant and position', async () => {
  const { events, docs } = await stores();
  const feed = liveFeed();
  const seen: FeedItem[] = [];
  const sub = feed.changes$.subscribe((item) => seen.push(item));
  await appendMany(events, 's-old', 5); // history before start is not news
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter], feed });
  await daemon.start();
  assert.ok(await daemon.waitFor(5n, 5000));
  const fromHistory = seen.length;
  await appendMany(events, 's-new', 1, 'globex');
  assert.ok(await daemon.waitFor(6n, 5000));
  const last = seen[seen.length - 1]!;
  assert.equal([last.collection, last.id, last.tenantId, last.position, last.doc?.count], ['stream_counter', 's-new', 'globex', '6', 1]);
  assert.is(await count(docs, 's-new'), 1, 'the document was committed when the feed said so');
  assert.is(fromHistory, 1, 'five events caught up in one batch change one document: one push');
  sub.unsubscribe();
  await daemon.stop();
  await events.close();
  await docs.close();
});

t('one active projector per projection: a second holder waits for the lease', async () => {
  const { events, docs } = await stores();
  await appendMany(events, 's-a', 3);
  const first = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'one' });
  const second = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'two' });
  await first.start();
  assert.ok(await first.waitFor(3n, 5000));
  await second.start();
  await new Promise((r) => setTimeout(r, 50));
  assert.is(second.status()[0]!.state, 'waiting_for_lease');
  assert.is(await count(docs, 's-a'), 3);
  await first.stop();
  await second.stop();
  await events.close();
  await docs.close();
});

t('a process whose projections another holds reads their checkpoints, and a rebuild asked for anywhere runs where the lease is', async () => {
  const { events, docs } = await stores();
  await appendMany(events, 's-a', 3);
  const holder = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'one' });
  await holder.start();
  const waiting = projectionDaemon({ events, docs, projections: [streamCounter], holder: 'two' });
  await waiting.start();
  await appendMany(events, 's-a', 2);
  const head = await events.headPosition();
  assert.ok(await waiting.waitFor(head, 5000), 'past the head, as the other process committed it');
  assert.is(await count(docs, 's-a'), 5);
  const [status] = waiting.status();
  assert.equal([status!.state, status!.runBy, status!.position], ['waiting_for_lease', 'another process', String(head)]);
  assert.is(waiting.pushedUpTo('stream_counter'), undefined);
  assert.is(holder.pushedUpTo('stream_counter'), head);
  try {
    await waiting.rebuild('stream_counter');
    assert.unreachable('a rebuild where another process holds the lease');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'projection.runs_elsewhere');
  }
  assert.not.ok(await waiting.waitFor(head + 10n, 100), 'a position no one reached times out');
  // Asked for in the coordination store (as an API instance does), run by the lease holder.
  await docs.requestRebuild('stream_counter', 'ana');
  for (let waited = 0; (await docs.activeGeneration('stream_counter')) === 1 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.is(await docs.activeGeneration('stream_counter'), 2, 'the holder took the request and switched over');
  assert.is(await count(docs, 's-a'), 5, 'the rebuilt generation holds what the log says');
  assert.is(await docs.takeRebuildRequest('stream_counter'), undefined, 'the request was taken');
  await waiting.stop();
  await holder.stop();
  await events.close();
  await docs.close();
});

t.run();
