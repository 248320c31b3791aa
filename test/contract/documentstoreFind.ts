// The document-store contract, find: equality, ranges, order, limits, cursors and typed fields
// behave alike on every adapter. Collections are this run's own, as in documentstore.ts.
import * as assert from 'uvu/assert';
import type { DocChange, DocumentStore, FindQuery } from '../../readmodels/documents/port.ts';
import { encodeCursor, queryShape } from '../../readmodels/documents/cursor.ts';
import { allPages, contractSuite, expectedOrder, ids, up } from './documentstoreFixtures.ts';

export function documentStoreFindContract(name: string, open: () => Promise<DocumentStore>): void {
  const t = contractSuite(`documentstore contract, find: ${name}`, open);

  t('find: equality on declared fields, null matching a missing field', async ({ store, c }) => {
    await store.applyBatch(c, 1, [
      up('1', 1, { tenant: 't1', status: 'live', score: 3 }),
      up('2', 2, { tenant: 't1', status: 'paused', score: 3 }),
      up('3', 3, { tenant: 't2', status: 'live', score: 3 }),
      up('4', 4, { tenant: 't1', status: null }),
      up('5', 5, { tenant: 't1' }),
    ], 5n);
    assert.equal(ids((await store.find(c, { where: { tenant: 't1' } })).docs), ['1', '2', '4', '5']);
    assert.equal(ids((await store.find(c, { where: { tenant: 't1', status: 'live' } })).docs), ['1']);
    assert.equal(ids((await store.find(c, { where: { score: 3, status: 'live' } })).docs), ['1', '3']);
    assert.equal(ids((await store.find(c, { where: { tenant: 't1', status: null } })).docs), ['4', '5']);
    assert.equal(ids((await store.find(c, { where: { tenant: 't3' } })).docs), []);
  });

  t('find: a range on one field, with each bound, alone or with equality', async ({ store, c }) => {
    const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'];
    await store.applyBatch(c, 1, days.map((day, i) => up(`d${i}`, i + 1, { day, score: i * 10, tenant: i % 2 ? 'odd' : 'even' })), 5n);
    const q = async (query: FindQuery) => ids((await store.find(c, query)).docs);
    assert.equal(await q({ range: { field: 'score', gt: 10, lt: 40 } }), ['d2', 'd3']);
    assert.equal(await q({ range: { field: 'score', gte: 10, lte: 40 } }), ['d1', 'd2', 'd3', 'd4']);
    assert.equal(await q({ range: { field: 'score', gt: 25 } }), ['d3', 'd4']);
    assert.equal(await q({ range: { field: 'score', lte: 0 } }), ['d0']);
    assert.equal(await q({ range: { field: 'day', gte: '2026-01-02', lt: '2026-01-04' } }), ['d1', 'd2']);
    assert.equal(await q({ where: { tenant: 'even' }, range: { field: 'day', gt: '2026-01-01' } }), ['d2', 'd4']);
  });

  t('find: sort ascending and descending, ties broken by id in the same direction', async ({ store, c }) => {
    await store.applyBatch(c, 1, [
      up('b', 1, { score: 2 }), up('a', 2, { score: 2 }), up('d', 3, { score: 1 }), up('c', 4, { score: 3 }), up('e', 5, { score: 2 }),
    ], 5n);
    assert.equal(ids((await store.find(c, { sort: { field: 'score', direction: 'asc' } })).docs), ['d', 'a', 'b', 'e', 'c']);
    assert.equal(ids((await store.find(c, { sort: { field: 'score', direction: 'desc' } })).docs), ['c', 'e', 'b', 'a', 'd']);
    assert.equal(ids((await store.find(c, {})).docs), ['a', 'b', 'c', 'd', 'e'], 'without a sort, by id');
    assert.equal(ids((await store.find(c, { sort: { field: 'score', direction: 'desc' }, limit: 2 })).docs), ['c', 'e']);
  });

  t('find: limit defaults to 50 and is at most 500; a short page has no cursor', async ({ store, c }) => {
    const many = Array.from({ length: 501 }, (_, i) => up(`m${String(i).padStart(3, '0')}`, i + 1, { tenant: 'm' }));
    await store.applyBatch(c, 1, many, 501n);
    const first = await store.find(c, { where: { tenant: 'm' } });
    assert.is(first.docs.length, 50);
    assert.ok(first.cursor !== undefined);
    const big = await store.find(c, { where: { tenant: 'm' }, limit: 1000 });
    assert.is(big.docs.length, 500);
    assert.ok(big.cursor !== undefined);
    const rest = await store.find(c, { where: { tenant: 'm' }, limit: 1000, cursor: big.cursor });
    assert.equal(ids(rest.docs), ['m500']);
    assert.is(rest.cursor, undefined);
    await store.applyBatch(c, 1, [up('f1', 502, { tenant: 'few' }), up('f2', 503, { tenant: 'few' })], 503n);
    const short = await store.find(c, { where: { tenant: 'few' }, limit: 3 });
    assert.equal(ids(short.docs), ['f1', 'f2']);
    assert.is(short.cursor, undefined);
    const none = await store.find(c, { where: { tenant: 'nobody' } });
    assert.equal(none.docs, []);
    assert.is(none.cursor, undefined);
  });

  t('find: cursor paging returns every matching document exactly once, in order, on a non-unique sort field', async ({ store, c }) => {
    const docs: DocChange[] = [];
    for (let i = 0; i < 47; i++) {
      const doc: Record<string, unknown> = { tenant: i % 5 === 0 ? 'other' : 't', status: ['a', 'b', 'c'][i % 3] };
      if (i % 7 !== 3) doc.score = i % 4; // some documents have no score at all
      if (i % 11 === 0) doc.score = null;
      docs.push(up(`p${String((i * 37) % 101).padStart(3, '0')}`, i + 1, doc));
    }
    await store.applyBatch(c, 1, docs, 47n);
    const stored = (await allPages(store, c, { limit: 500 }));
    assert.is(stored.length, 47);
    const matching = stored.filter((d) => d.tenant === 't');
    for (const direction of ['asc', 'desc'] as const) {
      for (const limit of [1, 4, 7]) {
        const got = await allPages(store, c, { where: { tenant: 't' }, sort: { field: 'score', direction }, limit });
        assert.equal(ids(got), expectedOrder(matching, 'score', direction), `${direction}, pages of ${limit}`);
      }
      const ranged = await allPages(store, c, { where: { tenant: 't' }, range: { field: 'score', gte: 1, lt: 3 }, sort: { field: 'score', direction }, limit: 3 });
      assert.equal(ids(ranged), expectedOrder(matching.filter((d) => d.score === 1 || d.score === 2), 'score', direction));
      const byStatus = await allPages(store, c, { sort: { field: 'status', direction }, limit: 6 });
      assert.equal(ids(byStatus), expectedOrder(stored, 'status', direction));
    }
    assert.equal(ids(await allPages(store, c, { where: { tenant: 't' }, limit: 5 })), ids(matching), 'without a sort: by id');
  });

  t('find: typed fields page alike on every store (numbers, strings, booleans, with nulls and absences); a value of another type is refused', async ({ store, c }) => {
    // MongoDB compares within one type and SQLite across types: with each field of one type
    // (and null), both give the same order and the same pages. Strings that read as numbers
    // sort as text ('10' before '9'); numbers include negatives and fractions.
    const statuses = ['9', '10', 'b', 'B', '', 'é', 'a', null, undefined];
    const scores = [2, -1, 0.5, 10, 2, null, undefined, 9, -0.25, 2];
    const flags = [true, false, null, undefined];
    const docs = Array.from({ length: 37 }, (_, i) => {
      const doc: Record<string, unknown> = { tenant: 't' };
      for (const [field, values] of [['status', statuses], ['score', scores], ['flag', flags]] as const) {
        const value = values[(i * 7 + field.length) % values.length];
        if (value !== undefined) doc[field] = value;
      }
      return up(`m${String((i * 13) % 37).padStart(2, '0')}`, i + 1, doc);
    });
    await store.applyBatch(c, 1, docs, 37n);
    const stored = await allPages(store, c, { limit: 500 });
    for (const field of ['status', 'score', 'flag']) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const limit of [1, 3, 8]) {
          const got = await allPages(store, c, { where: { tenant: 't' }, sort: { field, direction }, limit });
          assert.equal(ids(got), expectedOrder(stored, field, direction), `${field} ${direction}, pages of ${limit}`);
        }
      }
    }
    assert.equal(ids(await allPages(store, c, { where: { tenant: 't' }, range: { field: 'score', gt: 0 }, sort: { field: 'score', direction: 'asc' }, limit: 2 })),
      expectedOrder(stored.filter((d) => typeof d.score === 'number' && d.score > 0), 'score', 'asc'));
    assert.equal(ids((await store.find(c, { where: { flag: false }, limit: 500 })).docs), ids(stored.filter((d) => d.flag === false)));

    const sorted = { where: { tenant: 't' }, sort: { field: 'score', direction: 'asc' } } as const;
    const refused = async (query: FindQuery) => {
      const error = await store.find(c, query).then(() => undefined, (e: unknown) => e as { code?: string });
      assert.is(error?.code, 'query.invalid', JSON.stringify(query));
    };
    await refused({ where: { score: '2' } });
    await refused({ where: { status: 9 } });
    await refused({ where: { flag: 1 } });
    await refused({ where: { score: Number.NaN } });
    await refused({ range: { field: 'score', gt: 'a' } });
    await refused({ range: { field: 'status', gte: null } });
    await refused({ ...sorted, cursor: encodeCursor({ value: '2', id: 'm01' }, queryShape(c, sorted)) });
    assert.ok((await store.find(c, { ...sorted, cursor: encodeCursor({ value: null, id: 'm01' }, queryShape(c, sorted)) })).docs.length > 0, 'a null sort value is any field\'s');
  });

  t('find: a cursor of one query is refused by another (query.invalid_cursor), and a forged one too', async ({ store, c, c2 }) => {
    const docs = Array.from({ length: 6 }, (_, i) => up(`d${i}`, i + 1, { status: i % 2 ? 'odd' : 'even', tenant: 't' }));
    await store.applyBatch(c, 1, docs, 6n);
    await store.applyBatch(c2, 1, docs, 6n);
    const first = await store.find(c, { where: { tenant: 't' }, sort: { field: 'status', direction: 'asc' }, limit: 2 });
    assert.ok(first.cursor);
    const refused = async (collection: string, query: FindQuery) => {
      const error = await store.find(collection, query).then(() => undefined, (e: unknown) => e as { code?: string });
      assert.is(error?.code, 'query.invalid_cursor', JSON.stringify(query));
    };
    const cursor = first.cursor!;
    await refused(c, { where: { tenant: 'u' }, sort: { field: 'status', direction: 'asc' }, cursor });
    await refused(c, { where: { tenant: 't' }, sort: { field: 'status', direction: 'desc' }, cursor });
    await refused(c2, { where: { tenant: 't' }, sort: { field: 'status', direction: 'asc' }, cursor });
    await refused(c, { where: { tenant: 't' }, sort: { field: 'status', direction: 'asc' }, cursor: Buffer.from('["x","d1"]').toString('base64url') });
    await refused(c, { where: { tenant: 't' }, cursor: 'not-a-cursor' });
    const next = await store.find(c, { where: { tenant: 't' }, sort: { field: 'status', direction: 'asc' }, limit: 4, cursor });
    assert.is(next.docs.length, 4, 'the same query with another limit takes its own cursor');
  });

  t.run();
}
