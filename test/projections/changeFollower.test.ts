// The live feed of a process without a projector: what other processes commit to the document
// store reaches it once, in log order, and nothing else does (history, replays of a rebuild,
// what its own projector publishes, what is not yet under a checkpoint).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { DocChange, ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { projection } from '../../projections/definitions/projection.ts';
import { applyEventBatch } from '../../projections/runtime/applyBatch.ts';
import { followCommittedChanges, type ChangeFollowerOptions } from '../../projections/runtime/changeFollower.ts';
import { liveFeed, type FeedItem } from '../../projections/runtime/liveFeed.ts';
import { tempDir } from '../support/tempDir.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { counted } from '../support/counterProjection.ts';
import { NO_INDEXES } from '../../readmodels/documents/indexSpec.ts';

const up = (id: string, position: number, doc: Record<string, unknown> = {}): DocChange =>
  ({ type: 'upsert', id, doc: { id, ...doc }, position: BigInt(position) });
const del = (id: string, position: number, tenantId?: string): DocChange =>
  ({ type: 'delete', id, position: BigInt(position), ...(tenantId ? { tenantId } : {}) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// One line per pushed item: `id@position`, the tenant, and the document or `deleted`.
const line = (item: FeedItem) => `${item.id}@${item.position} ${item.tenantId ?? '-'} ${item.doc ? JSON.stringify(item.doc) : 'deleted'}`;

interface Ctx {
  store: ReadModelBackend;
  c: string; // followed
  mine: string; // this process's own projector writes it (local)
  marks: string; // sentinels: proof that the follower has polled past a moment
}

function followerSpec(name: string, open: () => Promise<ReadModelBackend>): void {
  const t = suite<Ctx>(`change follower: ${name}`);
  t.before.each(async (ctx) => {
    ctx.store = await open();
    ctx.c = `f${uniqueSuffix()}`;
    ctx.mine = `${ctx.c}_mine`;
    ctx.marks = `${ctx.c}_marks`;
    await ctx.store.prepare([ctx.c, ctx.mine, ctx.marks].map((n) => ({ name: n, indexes: NO_INDEXES })));
  });
  t.after.each(async (ctx) => ctx.store.close());

  // A follower on all three collections, and what it pushed of `c` and `mine`.
  const follow = async (ctx: Ctx, options: Partial<ChangeFollowerOptions> = {}) => {
    const feed = liveFeed();
    const all: FeedItem[] = [];
    feed.changes$.subscribe((item) => all.push(item));
    const follower = followCommittedChanges({ docs: ctx.store, collections: [ctx.c, ctx.mine, ctx.marks], feed, pollMs: 5, ...options });
    // The follower's retry pauses are unref'd (a server keeps the process alive): the test must,
    // or a start that fails first leaves nothing alive and the run ends mid-test.
    const alive = setInterval(() => {}, 1000);
    await follower.ready.finally(() => clearInterval(alive));
    let mark = 0;
    const pushed = (collection = ctx.c) => all.filter((i) => i.collection === collection).map(line);
    const until = async (what: string, done: () => boolean, ms = 10_000) => {
      for (const end = Date.now() + ms; !done(); await sleep(5)) {
        if (Date.now() > end) assert.unreachable(`waited ${ms} ms for ${what}; pushed: ${JSON.stringify(all.map(line))}`);
      }
    };
    // Two sentinels seen one after the other: a whole poll ran after everything written before.
    const polledPast = async () => {
      for (let round = 0; round < 2; round++) {
        const id = `m${++mark}`;
        await ctx.store.applyBatch(ctx.marks, 1, [up(id, mark)], BigInt(mark));
        await until(`sentinel ${id}`, () => all.some((i) => i.collection === ctx.marks && i.id === id));
      }
    };
    return { pushed, until, polledPast, stop: () => follower.stop(), all };
  };

  t('pushes each committed change once, in position then id order, with its tenant; nothing from before it started', async (ctx) => {
    const { store, c } = ctx;
    await store.applyBatch(c, 1, [up('a', 1, { tenantId: 't1', v: 1 }), up('b', 2, { tenantId: 't1' }), up('history', 2)], 2n);
    const f = await follow(ctx);
    await store.applyBatch(c, 1, [up('a', 3, { tenantId: 't1', v: 2 }), del('b', 4, 't1'), up('x', 5), up('w', 5, { tenantId: 't2' })], 5n);
    await store.applyBatch(c, 1, [up('c', 6, { tenantId: 't2' }), del('never-written', 7)], 7n);
    await f.until('c@6', () => f.pushed().length >= 6);
    await f.polledPast();
    assert.equal(f.pushed(), [
      'a@3 t1 {"id":"a","tenantId":"t1","v":2}',
      'b@4 t1 deleted',
      'w@5 t2 {"id":"w","tenantId":"t2"}',
      'x@5 - {"id":"x"}',
      'c@6 t2 {"id":"c","tenantId":"t2"}',
      'never-written@7 - deleted',
    ]);
    await f.stop();
  });

  t('a delete a projection makes is pushed with the tenant the document had: its tombstone keeps it', async (ctx) => {
    const { store, c } = ctx;
    // Warnings 1 writes the stream's document, 2 deletes it.
    const toggle = projection({
      name: c,
      indexes: NO_INDEXES,
      handles: ['tenant.feed_health_reported'],
      apply: async (event) => (event.type === 'tenant.feed_health_reported' && event.data.warnings === 2
        ? [{ delete: event.streamId }]
        : [{ upsert: { id: event.streamId, tenantId: event.metadata.tenantId } }]),
    });
    const events = openSqliteEventStore(join(tempDir('follower-log'), 'events.db'));
    await events.append('s-1', [counted('acme', 1)], 'any');
    await events.append('s-1', [counted('acme', 2)], 'any');
    const recorded: RecordedEvent[] = [];
    for await (const e of events.readAll()) recorded.push(e);
    const f = await follow(ctx);
    await applyEventBatch(store, toggle, new Set(toggle.handles), 1, recorded.slice(0, 1));
    await f.until('the upsert', () => f.pushed().length >= 1);
    await applyEventBatch(store, toggle, new Set(toggle.handles), 1, recorded.slice(1));
    await f.until('the delete', () => f.pushed().length >= 2);
    assert.equal(f.pushed(), ['s-1@1 acme {"id":"s-1","tenantId":"acme"}', 's-1@2 acme deleted']);
    await f.stop();
    await events.close();
  });

  t('a batch larger than a page, with hundreds of documents at one position, arrives whole and once', async (ctx) => {
    const { store, c } = ctx;
    const f = await follow(ctx);
    const together = Array.from({ length: 700 }, (_, i) => up(`p${String(i).padStart(4, '0')}`, 10));
    const spread = Array.from({ length: 600 }, (_, i) => up(`s${i}`, 11 + i));
    await store.applyBatch(c, 1, [...spread, ...together].reverse(), 610n);
    await f.until('1300 changes', () => f.pushed().length >= 1300);
    await f.polledPast();
    assert.equal(f.pushed(), [...together, ...spread].map((ch) => `${ch.id}@${ch.position} - {"id":"${ch.id}"}`));
    await f.stop();
  });

  t('documents written past the checkpoint wait until the checkpoint of their batch is written (MongoDB writes them first)', async (ctx) => {
    const { store, c } = ctx;
    await store.applyBatch(c, 1, [up('h', 1)], 9n);
    const f = await follow(ctx);
    await store.applyBatch(c, 1, [up('a', 10), up('b', 11)], 9n); // a batch caught between its documents and its checkpoint
    await f.polledPast();
    assert.equal(f.pushed(), []);
    await store.applyBatch(c, 1, [], 11n);
    await f.until('a and b', () => f.pushed().length >= 2);
    await f.polledPast();
    assert.equal(f.pushed(), ['a@10 - {"id":"a"}', 'b@11 - {"id":"b"}']);
    await f.stop();
  });

  t('what the projector of this process publishes (local) is tracked, never pushed again', async (ctx) => {
    const { store, c, mine } = ctx;
    let pushedHere: bigint | undefined = 0n; // the projector here holds the lease on `mine`
    const f = await follow(ctx, { local: (collection) => (collection === mine ? pushedHere : undefined) });
    await store.applyBatch(mine, 1, [up('own', 1), del('gone', 2)], 2n);
    pushedHere = 2n; // and pushed those changes itself
    await store.applyBatch(c, 1, [up('theirs', 3)], 3n);
    await f.polledPast();
    assert.equal([f.pushed(mine), f.pushed(c)], [[], ['theirs@3 - {"id":"theirs"}']]);
    pushedHere = undefined; // another process took the lease: its changes are news here now
    await store.applyBatch(mine, 1, [up('later', 4)], 4n);
    await f.until('later@4', () => f.pushed(mine).length >= 1);
    await f.polledPast();
    assert.equal(f.pushed(mine), ['later@4 - {"id":"later"}'], 'what was local before is not pushed after');
    await f.stop();
  });

  t('a rebuild switching over replays no history, and loses nothing committed around the switch', async (ctx) => {
    const { store, c } = ctx;
    // Holds the follower's next look at `c` while the switch happens, as a slow poll would.
    let held: Promise<void> = Promise.resolve();
    let release = () => {};
    const docs: ChangeFollowerOptions['docs'] = {
      activeGeneration: async (collection) => ((collection === c ? await held : undefined), store.activeGeneration(collection)),
      checkpoint: (collection, generation) => store.checkpoint(collection, generation),
      changedSince: (...args) => store.changedSince(...args),
    };
    await store.applyBatch(c, 1, [up('a', 1, { v: 1 }), up('b', 2)], 2n);
    const f = await follow(ctx, { docs });
    await store.applyBatch(c, 1, [up('a', 3, { v: 2 })], 3n);
    await f.until('a@3', () => f.pushed().length >= 1);
    held = new Promise((r) => (release = r));
    // The live projector commits d@4 to generation 1 and stops there; generation 2, rebuilt from
    // the whole log, is brought to the same point and activated; the projector resumes in it.
    await store.applyBatch(c, 1, [up('d', 4)], 4n);
    await store.applyBatch(c, 2, [up('a', 3, { v: 2, rebuilt: true }), up('b', 2, { rebuilt: true }), up('d', 4, { rebuilt: true })], 4n);
    await store.activate(c, 2);
    await store.applyBatch(c, 2, [up('e', 5)], 5n);
    release();
    await f.until('e@5', () => f.pushed().some((l) => l.startsWith('e@5')));
    await store.applyBatch(c, 1, [up('stale', 6)], 6n); // the old generation is read no more
    await f.polledPast();
    const pushed = f.pushed();
    assert.equal(pushed.map((l) => l.split(' ')[0]), ['a@3', 'd@4', 'e@5'], JSON.stringify(pushed));
    await f.stop();
  });

  t('a generation dropped by a switch-over while it is read loses nothing: the rest is read from the new one', async (ctx) => {
    const { store, c } = ctx;
    let switched = false;
    const docs: ChangeFollowerOptions['docs'] = {
      activeGeneration: (collection) => store.activeGeneration(collection),
      checkpoint: (collection, generation) => store.checkpoint(collection, generation),
      changedSince: async (...args) => {
        if (args[0] === c && !switched) {
          switched = true; // the rebuild switches over and drops generation 1 just before this read
          await store.applyBatch(c, 2, [up('a', 1, { rebuilt: true }), up('d', 3, { rebuilt: true })], 3n);
          await store.activate(c, 2);
          await store.dropGeneration(c, 1);
        }
        return store.changedSince(...args);
      },
    };
    await store.applyBatch(c, 1, [up('a', 1)], 1n);
    const f = await follow(ctx, { docs });
    await store.applyBatch(c, 1, [up('d', 3)], 3n);
    await f.until('d@3', () => f.pushed().length >= 1);
    await f.polledPast();
    assert.equal(f.pushed(), ['d@3 - {"id":"d","rebuilt":true}']);
    await f.stop();
  });

  t('a store fault is reported and the next poll resumes where it was: nothing skipped, nothing twice', async (ctx) => {
    const { store, c } = ctx;
    const errors: unknown[] = [];
    const fault = () => Object.assign(new Error('store gone'), { code: 'store.unavailable' });
    let reads = 0;
    let startFailed = false;
    const flaky: ChangeFollowerOptions['docs'] = {
      activeGeneration: async (collection) => {
        if (!startFailed) throw ((startFailed = true), fault());
        return store.activeGeneration(collection);
      },
      checkpoint: (collection, generation) => store.checkpoint(collection, generation),
      changedSince: async (...args) => {
        if (args[0] === c && ++reads === 2) throw fault(); // the second page of the first window
        return store.changedSince(...args);
      },
    };
    await store.applyBatch(c, 1, [up('history', 1)], 1n);
    const f = await follow(ctx, { docs: flaky, onError: (e) => errors.push(e) });
    const batch = Array.from({ length: 1200 }, (_, i) => up(`d${String(i).padStart(4, '0')}`, 2 + Math.floor(i / 3)));
    await store.applyBatch(c, 1, batch, 401n);
    await f.until('1200 changes', () => f.pushed().length >= 1200);
    await f.polledPast();
    assert.equal(f.pushed(), batch.map((ch) => `${ch.id}@${ch.position} - {"id":"${ch.id}"}`));
    assert.equal(errors.map((e) => (e as Error).message), ['store gone', 'store gone'], 'the start and the page that failed');
    await f.stop();
  });

  t('stop ends the loop: nothing is pushed after it resolves', async (ctx) => {
    const { store, c } = ctx;
    const f = await follow(ctx);
    await store.applyBatch(c, 1, [up('before', 1)], 1n);
    await f.until('before@1', () => f.pushed().length >= 1);
    await f.stop();
    const count = f.all.length;
    await store.applyBatch(c, 1, [up('after', 2)], 2n);
    await sleep(100); // twenty poll intervals
    assert.is(f.all.length, count);
  });

  t.run();
}

followerSpec('sqlite', () => openSqliteDocumentStore(join(tempDir('follower'), 'docs.db')));

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { openMongoDocumentStore } = await import('../../readmodels/documents/mongo.ts');
  followerSpec('mongodb', () => openMongoDocumentStore(mongoUrl, { database: 'adledger_follower' }));
} else {
  console.log('change follower: skipped MongoDB (MONGO_URL not set)');
}
