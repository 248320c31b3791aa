// One contract for every DocumentStore adapter (documents, checkpoints, generations; find's
// cases are in documentstoreFind.ts). It assumes nothing about what else is in the store (a
// MongoDB server may be shared), so every case works in collections named for this run only.
import * as assert from 'uvu/assert';
import type { DocChange, DocumentStore } from '../../readmodels/documents/port.ts';
import { allPages, contractSuite, del, ids, spec, up } from './documentstoreFixtures.ts';

export function documentStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  const t = contractSuite(`documentstore contract: ${name}`, open);

  t('prepare is idempotent: preparing again, here or in another instance, keeps documents', async ({ store, c }) => {
    await store.applyBatch(c, 1, [up('a', 1, { status: 'x' })], 1n);
    await store.prepare([spec(c)]);
    await store.prepare([spec(c), spec(c)]);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'x' });
    const other = await open();
    try {
      await other.prepare([spec(c)]);
      assert.equal(await other.get(c, 'a'), { id: 'a', status: 'x' });
      assert.equal(ids((await other.find(c, { where: { status: 'x' } })).docs), ['a']);
      assert.is(await other.checkpoint(c, 1), 1n);
    } finally {
      await other.close();
    }
  });

  t('upsert then get returns the document as written; a newer upsert replaces it whole', async ({ store, c }) => {
    const doc = { status: 'draft', score: 1.25, tenant: 't1', nested: { a: [1, 'two', { three: true }], b: null }, flag: false, tags: [] };
    await store.applyBatch(c, 1, [up('p:1', 5, doc)], 5n);
    assert.equal(await store.get(c, 'p:1'), { id: 'p:1', ...doc });
    assert.is(await store.get(c, 'missing'), undefined);
    await store.applyBatch(c, 1, [up('p:1', 6, { status: 'live' })], 6n);
    assert.equal(await store.get(c, 'p:1'), { id: 'p:1', status: 'live' });
    assert.equal(ids((await store.find(c, { where: { tenant: 't1' } })).docs), [], 'fields absent from the new version are gone, in indexes too');
  });

  t('delete hides the document from get and find; a newer upsert brings it back', async ({ store, c }) => {
    await store.applyBatch(c, 1, [up('a', 1, { status: 'x' }), up('b', 2, { status: 'x' })], 2n);
    await store.applyBatch(c, 1, [del('a', 3), del('never-written', 4)], 4n);
    assert.is(await store.get(c, 'a'), undefined);
    assert.is(await store.get(c, 'never-written'), undefined);
    assert.equal(ids((await store.find(c, { where: { status: 'x' } })).docs), ['b']);
    assert.equal(ids((await store.find(c, {})).docs), ['b']);
    await store.applyBatch(c, 1, [up('a', 5, { status: 'y' })], 5n);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'y' });
  });

  t('applying the same batch twice changes nothing: documents and checkpoint', async ({ store, c }) => {
    const batch = [up('a', 10, { status: 'one' }), del('b', 11), up('c', 12, { status: 'three' }), up('b', 13, { status: 'back' }), del('c', 14)];
    await store.applyBatch(c, 1, batch, 14n);
    const snapshot = async () => ({ docs: await allPages(store, c, { limit: 500 }), checkpoint: await store.checkpoint(c, 1) });
    const before = await snapshot();
    assert.equal(before, { docs: [{ id: 'a', status: 'one' }, { id: 'b', status: 'back' }], checkpoint: 14n });
    await store.applyBatch(c, 1, batch, 14n);
    assert.equal(await snapshot(), before);
  });

  t('an older change replayed after a newer one changes nothing, and an upsert after a delete does not resurrect', async ({ store, c }) => {
    const old = [up('a', 10, { status: 'old' }), up('b', 11, { status: 'old' }), del('c', 12), up('d', 13, { status: 'old' })];
    await store.applyBatch(c, 1, old, 13n);
    await store.applyBatch(c, 1, [up('a', 20, { status: 'new' }), del('b', 21), up('c', 22, { status: 'new' }), up('d', 23, { status: 'new' })], 23n);
    await store.applyBatch(c, 1, old, 13n); // a projector that lost its lease, or a crash before the checkpoint
    await store.applyBatch(c, 1, [up('b', 15, { status: 'stale' }), del('a', 19), del('d', 22)], 22n);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'new' });
    assert.is(await store.get(c, 'b'), undefined, 'an upsert older than the delete does not bring it back');
    assert.equal(await store.get(c, 'c'), { id: 'c', status: 'new' });
    assert.equal(await store.get(c, 'd'), { id: 'd', status: 'new' }, 'a delete older than the upsert deletes nothing');
    assert.equal(ids((await store.find(c, { where: { status: 'new' } })).docs), ['a', 'c', 'd']);
    assert.equal(ids((await store.find(c, { where: { status: 'stale' } })).docs), []);
    assert.is(await store.checkpoint(c, 1), 23n, 'the checkpoint does not go back');
  });

  t('several changes to one document in a batch: the latest position wins', async ({ store, c }) => {
    await store.applyBatch(c, 1, [
      up('a', 5, { status: 'v1' }), up('a', 6, { status: 'v2' }),
      up('b', 7, { status: 'v1' }), del('b', 8),
      del('c', 9), up('c', 10, { status: 'v2' }),
    ], 10n);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'v2' });
    assert.is(await store.get(c, 'b'), undefined);
    assert.equal(await store.get(c, 'c'), { id: 'c', status: 'v2' });
  });

  t('two writers racing on new documents: each ends at the newer version, whichever lands first', async ({ store, c }) => {
    // A projector that lost its lease and its successor, in two processes: the older writer
    // must never win, also when both find the document missing and both try to create it.
    const other = await open();
    try {
      await other.prepare([spec(c)]);
      for (let round = 0; round < 4; round++) {
        const keys = Array.from({ length: 40 }, (_, i) => `r${round}-${i}`);
        const batch = (position: number, status: string) => {
          const changes = keys.map((id) => up(id, position, { status, tenant: `r${round}` }));
          return round % 2 ? changes.reverse() : changes;
        };
        const older = 100 * round + 10;
        await Promise.all([
          store.applyBatch(c, 1, batch(older, 'older'), BigInt(older)),
          other.applyBatch(c, 1, batch(older + 1, 'newer'), BigInt(older + 1)),
        ]);
        const got = await allPages(store, c, { where: { tenant: `r${round}` }, limit: 500 });
        assert.equal(got.map((d) => `${d.id}:${d.status}`), keys.sort().map((id) => `${id}:newer`));
        assert.is(await store.checkpoint(c, 1), BigInt(older + 1));
      }
    } finally {
      await other.close();
    }
  });

  t('the checkpoint is stored per collection and generation, positions beyond 2^53 exactly', async ({ store, c, c2 }) => {
    assert.is(await store.checkpoint(c, 1), undefined);
    await store.applyBatch(c, 1, [up('a', 3)], 3n);
    await store.applyBatch(c, 1, [], 7n); // a batch whose events this projection ignores still moves it
    assert.is(await store.checkpoint(c, 1), 7n);
    assert.is(await store.checkpoint(c, 2), undefined);
    assert.is(await store.checkpoint(c2, 1), undefined);
    const far = 2n ** 60n + 1n;
    await store.applyBatch(c2, 2, [up('x', far, { status: 'far' })], far);
    await store.applyBatch(c2, 2, [up('x', far - 1n, { status: 'near' })], far - 1n);
    assert.is(await store.checkpoint(c2, 2), far);
    assert.equal(await store.get(c2, 'x', 2), { id: 'x', status: 'far' });
    assert.is(await store.checkpoint(c, 1), 7n);
  });

  t('applyBatches: several collections and generations with their checkpoints, as applyBatch each; a replay changes nothing', async ({ store, c, c2 }) => {
    const batches = [
      { collection: c, generation: 1, changes: [up('a', 4, { status: 'one' }), up('b', 5, { status: 'one' })], checkpoint: 6n },
      { collection: c2, generation: 2, changes: [up('a', 5, { status: 'two' }), del('gone', 6)], checkpoint: 6n },
      { collection: c2, generation: 1, changes: [], checkpoint: 3n },
    ];
    await store.applyBatches(batches);
    await store.applyBatches(batches);
    await store.applyBatches([]);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'one' });
    assert.equal(await store.get(c2, 'a', 2), { id: 'a', status: 'two' });
    assert.is(await store.get(c2, 'a', 1), undefined);
    assert.equal([await store.checkpoint(c, 1), await store.checkpoint(c2, 2), await store.checkpoint(c2, 1)], [6n, 6n, 3n]);
  });

  t('a generation filled before it is active answers indexed queries once activated', async ({ store, c }) => {
    const many = Array.from({ length: 60 }, (_, i) => up(`d${String(i).padStart(2, '0')}`, i + 1, { status: i % 3 ? 'x' : 'y', score: 60 - i }));
    await store.applyBatch(c, 3, many, 60n);
    await store.activate(c, 3);
    const ys = await allPages(store, c, { where: { status: 'y' }, sort: { field: 'score', direction: 'asc' }, limit: 7 });
    assert.equal(ids(ys), many.filter((_, i) => i % 3 === 0).reverse().map((m) => m.id));
  });

  t('generations are isolated; activate switches readers; dropGeneration removes docs and checkpoint', async ({ store, c }) => {
    assert.is(await store.activeGeneration(c), 1);
    await store.applyBatch(c, 1, [up('a', 1, { status: 'g1' }), up('only1', 2, { status: 'g1' })], 2n);
    await store.applyBatch(c, 2, [up('a', 1, { status: 'g2' }), up('only2', 3, { status: 'g2' })], 3n);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'g1' });
    assert.is(await store.get(c, 'only2'), undefined);
    assert.equal(ids((await store.find(c, {})).docs), ['a', 'only1']);
    assert.equal(ids((await store.find(c, {}, 2)).docs), ['a', 'only2']);
    assert.equal(await store.get(c, 'a', 2), { id: 'a', status: 'g2' });

    await store.activate(c, 2);
    assert.is(await store.activeGeneration(c), 2);
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'g2' });
    assert.equal(ids((await store.find(c, { where: { status: 'g2' } })).docs), ['a', 'only2']);
    const reader = await open();
    try {
      await reader.prepare([spec(c)]);
      assert.is(await reader.activeGeneration(c), 2, 'another instance sees the switch');
      assert.equal(await reader.get(c, 'only2'), { id: 'only2', status: 'g2' });
    } finally {
      await reader.close();
    }

    await store.dropGeneration(c, 1);
    assert.is(await store.get(c, 'only1', 1), undefined);
    assert.equal((await store.find(c, {}, 1)).docs, []);
    assert.is(await store.checkpoint(c, 1), undefined);
    assert.is(await store.checkpoint(c, 2), 3n);
    assert.equal(ids((await store.find(c, {})).docs), ['a', 'only2']);
    let refused = false;
    try {
      await store.dropGeneration(c, 2);
    } catch {
      refused = true;
    }
    assert.ok(refused, 'the live generation cannot be dropped');
    assert.equal(await store.get(c, 'a'), { id: 'a', status: 'g2' });
  });

  t('probe: a healthy store takes the probe write, and it leaves collections untouched', async ({ store, c }) => {
    await store.applyBatch(c, 1, [up('a', 1, { status: 'x' })], 1n);
    await store.probe();
    await store.probe();
    assert.equal(ids((await store.find(c, {})).docs), ['a']);
  });

  // changedSince, in a line per change: what a follower of committed changes sees.
  const seen = (changes: readonly DocChange[]) =>
    changes.map((ch) => (ch.type === 'upsert' ? `up ${ch.id}@${ch.position} ${JSON.stringify(ch.doc)}` : `del ${ch.id}@${ch.position}${ch.tenantId ? ` ${ch.tenantId}` : ''}`));

  t('changedSince: the documents last changed in (from, upTo], by position then id, tombstones as deletes with their tenant', async ({ store, c }) => {
    await store.applyBatch(c, 1, [up('z', 1, { status: 'a' }), up('b', 2, { status: 'a' }), up('a', 2, { status: 'a' }), up('gone', 3, { tenant: 't1' })], 3n);
    await store.applyBatch(c, 1, [up('c', 4, { status: 'a' }), { type: 'delete', id: 'gone', position: 5n, tenantId: 't1' }, del('never-written', 6)], 6n);
    assert.equal(seen(await store.changedSince(c, 1, { position: 1n }, 6n, 100)), [
      'up a@2 {"id":"a","status":"a"}',
      'up b@2 {"id":"b","status":"a"}',
      'up c@4 {"id":"c","status":"a"}',
      'del gone@5 t1',
      'del never-written@6',
    ]);
    assert.equal(seen(await store.changedSince(c, 1, { position: 2n }, 4n, 100)), ['up c@4 {"id":"c","status":"a"}'], 'from is exclusive, upTo inclusive');
    assert.equal(seen(await store.changedSince(c, 1, { position: 0n }, 1n, 100)), ['up z@1 {"id":"z","status":"a"}']);
    assert.equal(await store.changedSince(c, 1, { position: 6n }, 9n, 100), []);
    assert.equal(await store.changedSince(c, 1, { position: 4n }, 2n, 100), [], 'an empty window');
    const far = 2n ** 60n + 1n;
    await store.applyBatch(c, 1, [up('far', far)], far);
    assert.equal(seen(await store.changedSince(c, 1, { position: far - 1n }, far, 100)), [`up far@${far} {"id":"far"}`], 'positions beyond 2^53 exactly');
  });

  t('changedSince: many documents at one position page by from.id, each once; a limit outside 1..1000 is refused', async ({ store, c }) => {
    const ids5 = ['e', 'a', 'd', 'b', 'c'];
    await store.applyBatch(c, 1, [up('before', 6), ...ids5.map((id) => up(id, 7)), up('after', 8)], 8n);
    const pages: string[][] = [];
    let from: { position: bigint; id?: string } = { position: 6n };
    for (let page = 0; page < 10; page++) {
      const changes = await store.changedSince(c, 1, from, 8n, 2);
      pages.push(changes.map((ch) => `${ch.id}@${ch.position}`));
      if (changes.length < 2) break;
      const last = changes[changes.length - 1]!;
      from = { position: last.position, id: last.id };
    }
    assert.equal(pages, [['a@7', 'b@7'], ['c@7', 'd@7'], ['e@7', 'after@8'], []]);
    assert.equal((await store.changedSince(c, 1, { position: 7n, id: 'c' }, 7n, 10)).map((ch) => ch.id), ['d', 'e'], 'from.id with upTo at the same position');
    for (const limit of [0, 1001, 1.5]) {
      const error = await store.changedSince(c, 1, { position: 0n }, 8n, limit).then(() => undefined, (e: unknown) => e as { code?: string });
      assert.is(error?.code, 'query.invalid', `limit ${limit}`);
    }
    assert.is((await store.changedSince(c, 1, { position: 0n }, 8n, 1000)).length, 7);
  });

  t('changedSince: a document changed again later is seen at its latest position only; other generations and collections stay out', async ({ store, c, c2 }) => {
    await store.applyBatch(c, 1, [up('a', 1, { status: 'v1' }), up('b', 2, { status: 'v1' })], 2n);
    await store.applyBatch(c, 1, [up('a', 3, { status: 'v2' })], 3n);
    assert.equal(seen(await store.changedSince(c, 1, { position: 0n }, 2n, 100)), ['up b@2 {"id":"b","status":"v1"}'], 'a moved past the older window');
    assert.equal(seen(await store.changedSince(c, 1, { position: 2n }, 3n, 100)), ['up a@3 {"id":"a","status":"v2"}']);
    await store.applyBatch(c, 2, [up('a', 1, { status: 'g2' }), up('g2only', 3)], 3n);
    await store.applyBatch(c2, 1, [up('other', 2)], 2n);
    assert.equal((await store.changedSince(c, 1, { position: 0n }, 9n, 100)).map((ch) => ch.id), ['b', 'a']);
    assert.equal((await store.changedSince(c, 2, { position: 0n }, 9n, 100)).map((ch) => ch.id), ['a', 'g2only']);
    assert.equal((await store.changedSince(c2, 1, { position: 0n }, 9n, 100)).map((ch) => ch.id), ['other']);
    await store.activate(c, 2);
    assert.equal((await store.changedSince(c, 2, { position: 1n }, 9n, 100)).map((ch) => ch.id), ['g2only'], 'read in position order once activated (indexed)');
  });

  t.run();
}
