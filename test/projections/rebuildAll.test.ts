// Read models run as one group and rebuild together: one read of the log, one commit per batch
// for all of them, new generations filled without secondary indexes and indexed when they go
// live, each equal to a clean run, and no replayed history pushed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { liveFeed, type FeedItem } from '../../projections/runtime/liveFeed.ts';
import type { Projection } from '../../projections/definitions/projection.ts';
import { counted, streamCounter } from '../support/counterProjection.ts';
import { tempDir } from '../support/tempDir.ts';
import { allDocs } from '../support/allDocs.ts';

const t = suite('projections rebuilt together');

// A second read model over the same events: one document per tenant.
const tenantCounter: Projection = {
  name: 'tenant_counter',
  indexes: { fields: { count: 'number' }, shapes: [{ equal: [], sort: 'count' }] },
  handles: ['tenant.feed_health_reported'],
  async apply(event, view) {
    const id = event.metadata.tenantId;
    const count = Number((await view.get(id))?.count ?? 0) + 1;
    return [{ upsert: { id, tenantId: id, count } }];
  },
};
const both = [streamCounter, tenantCounter];

const append = async (events: EventStore, n: number, offset = 0) => {
  for (let i = 0; i < n; i++) await events.append(`s-${(i + offset) % 30}`, [counted(i % 3 ? 'acme' : 'globex')], 'any');
};

t('a live group commits each batch once for all its projections, and both reach the head', async () => {
  const dir = tempDir('group');
  const events = openSqliteEventStore(join(dir, 'events.db'));
  const real = await openSqliteDocumentStore(join(dir, 'docs.db'));
  await append(events, 500);
  const commits: number[] = [];
  const docs = { ...real, applyBatches: async (batches: Parameters<typeof real.applyBatches>[0]) => (commits.push(batches.length), real.applyBatches(batches)) };
  const daemon = projectionDaemon({ events, docs, projections: both, batchSize: 100 });
  await daemon.start();
  assert.ok(await daemon.waitFor(500n, 10_000));
  assert.ok(commits.length >= 5 && commits.every((n) => n === 2), `each commit carried both projections: ${commits.join(',')}`);
  assert.equal([await real.checkpoint('stream_counter', 1), await real.checkpoint('tenant_counter', 1)], [500n, 500n]);
  assert.equal((await allDocs(real, 'tenant_counter')).map((d) => [d.id, d.count]), [['acme', 333], ['globex', 167]]);
  await daemon.stop();
  await events.close();
  await real.close();
});

t('rebuildAll while appends go on: new generations, indexed when live, equal to a clean run, only news pushed', async () => {
  const dir = tempDir('rebuild-all');
  const events = openSqliteEventStore(join(dir, 'events.db'));
  const docs = await openSqliteDocumentStore(join(dir, 'docs.db'));
  await append(events, 2000);
  const feed = liveFeed();
  const daemon = projectionDaemon({ events, docs, projections: both, feed, batchSize: 150, dropGraceMs: 1500 });
  await daemon.start();
  const startHead = await events.headPosition();
  assert.ok(await daemon.waitFor(startHead, 10_000));
  const pushed: FeedItem[] = [];
  const sub = feed.changes$.subscribe((item) => pushed.push(item));
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      await append(events, 1, i);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
    }
  })();

  const phases: string[] = [];
  const result = await daemon.rebuildAll((p) => phases.push(`${p.name}:${p.phase}`));
  const oldCheckpointRightAfter = await docs.checkpoint('stream_counter', 1); // readers in flight may still read it
  writing = false;
  await writer;
  const head = await events.headPosition();
  assert.ok(await daemon.waitFor(head, 10_000), JSON.stringify(daemon.status()));
  sub.unsubscribe();

  assert.equal(result.map((p) => [p.name, p.generation, p.phase]), [['stream_counter', 2, 'done'], ['tenant_counter', 2, 'done']]);
  assert.equal([await docs.activeGeneration('stream_counter'), await docs.activeGeneration('tenant_counter')], [2, 2]);
  assert.ok(oldCheckpointRightAfter !== undefined, 'the old generation outlives the switch by the grace period');
  for (const end = Date.now() + 10_000; (await docs.checkpoint('stream_counter', 1)) !== undefined && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
  assert.is(await docs.checkpoint('stream_counter', 1), undefined, 'the old generation was dropped after it');
  assert.ok(phases.includes('tenant_counter:filling') && phases.at(-1)!.endsWith(':done'));

  const clean = await openSqliteDocumentStore(join(dir, 'clean.db'));
  const fresh = projectionDaemon({ events, docs: clean, projections: both });
  await fresh.start();
  assert.ok(await fresh.waitFor(head, 10_000));
  for (const name of ['stream_counter', 'tenant_counter']) assert.equal(await allDocs(docs, name), await allDocs(clean, name), `${name} equals a clean run`);
  await fresh.stop();
  await clean.close();

  assert.ok(pushed.every((item) => BigInt(item.position) > startHead), 'no replayed history was pushed');
  const keys = pushed.map((item) => `${item.collection}/${item.id}@${item.position}`);
  assert.is(new Set(keys).size, keys.length, 'no change was pushed twice');
  await daemon.stop();
  await events.close();
  await docs.close();

  // The live generation carries its secondary indexes (built at the switch), as generation 1 did.
  const db = new Database(join(dir, 'docs.db'), { readonly: true });
  const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_stream_counter_g2' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
  db.close();
  const unhashed = indexes.map((name) => name.replace(/_[0-9a-f]{6}$/, '')); // shape indexes end in a hash of their keys
  assert.equal(unhashed, ['changes_rm_stream_counter_g2', 'rm_stream_counter_g2__q_by_count', 'rm_stream_counter_g2__q_tenantId_by_id']);
});

t('a rebuild generation is filled without secondary indexes until it is activated', async () => {
  const dir = tempDir('no-index');
  const docs = await openSqliteDocumentStore(join(dir, 'docs.db'));
  await docs.prepare([{ name: 'stream_counter', indexes: streamCounter.indexes }]);
  await docs.applyBatch('stream_counter', 2, [{ type: 'upsert', id: 'a', doc: { id: 'a', tenantId: 'acme', count: 1 }, position: 1n }], 1n);
  const indexesOf = () => {
    const db = new Database(join(dir, 'docs.db'), { readonly: true });
    const names = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_stream_counter_g2' AND sql IS NOT NULL").pluck().get();
    db.close();
    return names;
  };
  assert.is(indexesOf(), 0);
  await docs.activate('stream_counter', 2);
  assert.is(indexesOf(), 3); // the two declared shapes and the change feed's (position, id)
  assert.equal((await docs.find('stream_counter', { where: { tenantId: 'acme' } })).docs.map((d) => d.id), ['a']);
  await docs.close();
});

t.run();
