import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { Doc, DocumentStore } from '../../readmodels/documents/port.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { liveFeed, type FeedItem } from '../../projections/runtime/liveFeed.ts';
import type { RebuildProgress } from '../../projections/runtime/rebuild.ts';
import { counted, streamCounter } from '../support/counterProjection.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('projection rebuild without downtime');


async function allDocs(docs: DocumentStore): Promise<Doc[]> {
  const out: Doc[] = [];
  let cursor: string | undefined;
  do {
    const page = await docs.find('stream_counter', { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.docs);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

t('a rebuild while commands keep appending ends equal to a clean rebuild, and pushes no replayed history', async () => {
  const dir = tempDir('rebuild');
  const events = openSqliteEventStore(join(dir, 'events.db'));
  const docs = await openSqliteDocumentStore(join(dir, 'docs.db'));
  for (let i = 0; i < 3000; i++) await events.append(`s-${i % 40}`, [counted(i % 2 ? 'acme' : 'globex')], 'any');
  const feed = liveFeed();
  const daemon = projectionDaemon({ events, docs, projections: [streamCounter], feed, batchSize: 200, dropGraceMs: 1500 });
  await daemon.start();
  const startHead = await events.headPosition();
  assert.ok(await daemon.waitFor(startHead, 10_000));

  const pushed: FeedItem[] = [];
  const sub = feed.changes$.subscribe((item) => pushed.push(item));
  let writing = true;
  let written = 0;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      await events.append(`s-${i % 50}`, [counted('acme')], 'any');
      written++;
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 1));
    }
  })();
  while (written < 30) await new Promise((r) => setTimeout(r, 1));
  const progress: RebuildProgress[] = [];
  const headAtRebuild = await events.headPosition();
  const result = await daemon.rebuild('stream_counter', (p) => progress.push(p));
  const oldCheckpointRightAfter = await docs.checkpoint('stream_counter', 1); // readers in flight may still read it
  const headAfterRebuild = await events.headPosition();
  writing = false;
  await writer;
  const head = await events.headPosition();
  assert.ok(await daemon.waitFor(head, 10_000));
  sub.unsubscribe();

  assert.is(result.generation, 2);
  assert.is(await docs.activeGeneration('stream_counter'), 2);
  assert.ok(oldCheckpointRightAfter !== undefined, 'the old generation outlives the switch by the grace period');
  for (const end = Date.now() + 10_000; (await docs.checkpoint('stream_counter', 1)) !== undefined && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
  assert.is(await docs.checkpoint('stream_counter', 1), undefined, 'the old generation was dropped after it');
  assert.ok(progress.some((p) => p.phase === 'filling') && progress.at(-1)!.phase === 'done');
  assert.ok(headAfterRebuild > headAtRebuild, 'commands kept appending during the rebuild');

  // Equal to a clean rebuild into a fresh store.
  const clean = await openSqliteDocumentStore(join(dir, 'clean.db'));
  const fresh = projectionDaemon({ events, docs: clean, projections: [streamCounter] });
  await fresh.start();
  assert.ok(await fresh.waitFor(head, 10_000));
  assert.equal(await allDocs(docs), await allDocs(clean));
  await fresh.stop();

  // The feed: only news (after the rebuild began), each change once, the last one per
  // document equal to the document as stored.
  assert.ok(pushed.length > 0);
  assert.ok(pushed.every((item) => BigInt(item.position) > startHead), 'no replayed history was pushed');
  const keys = pushed.map((item) => `${item.id}@${item.position}`);
  assert.is(new Set(keys).size, keys.length, 'no change was pushed twice');
  const lastPush = new Map(pushed.map((item) => [item.id, item.doc]));
  for (const doc of await allDocs(docs)) {
    if (lastPush.has(doc.id)) assert.equal(lastPush.get(doc.id), doc, `the last push of ${doc.id} is what readers see`);
  }
  await daemon.stop();
  await events.close();
  await docs.close();
  await clean.close();
});

t.run();
