// The embedded document store remembers query pages: what it serves must still be what a
// read would return — at once after its own writes (a projector's batch, a generation
// switch), and within milliseconds after another connection's.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { DocChange } from '../../readmodels/documents/port.ts';
import { tempDir } from '../support/tempDir.ts';
import { pageCache } from '../../readmodels/documents/sqlitePageCache.ts';

const t = suite('sqlite document store: remembered pages');
const spec = { name: 'things', indexes: { fields: { tenantId: 'string' }, shapes: [{ equal: ['tenantId'] }] } } as const;
const up = (id: string, position: number, status: string): DocChange => ({ type: 'upsert', id, doc: { id, tenantId: 'acme', status }, position: BigInt(position) });
const query = { where: { tenantId: 'acme' }, limit: 10 };
const statuses = async (store: Awaited<ReturnType<typeof openSqliteDocumentStore>>) => (await store.find('things', query)).docs.map((d) => `${d.id}:${d.status}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t('own batches and generation switches show in the very next find', async () => {
  const store = await openSqliteDocumentStore(join(tempDir('pages'), 'docs.db'));
  await store.prepare([spec]);
  await store.applyBatch('things', 1, [up('a', 1, 'new')], 1n);
  assert.equal(await statuses(store), ['a:new']);
  await store.applyBatch('things', 1, [up('a', 2, 'changed'), up('b', 2, 'new')], 2n);
  assert.equal(await statuses(store), ['a:changed', 'b:new']);
  await store.applyBatch('things', 2, [up('a', 2, 'rebuilt')], 2n);
  await store.activate('things', 2);
  assert.equal(await statuses(store), ['a:rebuilt']);
  await store.close();
});

t('a page is shared and frozen: a caller cannot change what the next one reads', async () => {
  const store = await openSqliteDocumentStore(join(tempDir('pages'), 'docs.db'));
  await store.prepare([spec]);
  await store.applyBatch('things', 1, [up('a', 1, 'new')], 1n);
  const first = await store.find('things', query);
  assert.throws(() => Object.assign(first.docs[0]!, { status: 'tampered' }));
  assert.equal(await statuses(store), ['a:new']);
  await store.close();
});

t("another connection's write is seen once the store asks again (at most every millisecond)", async () => {
  const path = join(tempDir('pages'), 'docs.db');
  const reader = await openSqliteDocumentStore(path);
  const writer = await openSqliteDocumentStore(path);
  await reader.prepare([spec]);
  await writer.prepare([spec]);
  await writer.applyBatch('things', 1, [up('a', 1, 'new')], 1n);
  await sleep(5);
  assert.equal(await statuses(reader), ['a:new']);
  await writer.applyBatch('things', 1, [up('a', 2, 'changed')], 2n);
  await sleep(5);
  assert.equal(await statuses(reader), ['a:changed']);
  await writer.close();
  await reader.close();
});

t('the cache stays under its byte bound after 1,000 distinct queries, keeping the newest pages', () => {
  const bound = 256 * 1024;
  const cache = pageCache(() => 1, bound);
  cache.get('things', 'first'); // as find does: a lookup (which reads data_version) before any page is kept
  const doc = (i: number) => ({ id: `d${i}`, tenantId: 'acme', text: 'x'.repeat(2000 + (i % 7) * 300) });
  for (let i = 0; i < 1000; i++) {
    cache.set(i % 2 ? 'things' : 'others', JSON.stringify({ where: { n: i }, cursor: 'c'.repeat(i % 50) }), { docs: [doc(i), doc(i + 1)] });
    assert.ok(cache.stats().bytes <= bound, `after ${i + 1} queries: ${cache.stats().bytes} bytes`);
  }
  assert.ok(cache.stats().pages > 10, 'it still remembers pages');
  assert.ok(cache.get('others', JSON.stringify({ where: { n: 998 }, cursor: 'c'.repeat(998 % 50) })), 'the newest page is kept');
  assert.is(cache.get('others', JSON.stringify({ where: { n: 0 }, cursor: '' })), undefined, 'the oldest went first');
  cache.forget('things');
  cache.forget('others');
  assert.equal(cache.stats(), { bytes: 0, pages: 0 });
});

t('1,000 forged cursors are refused (query.invalid_cursor) and never fill the cache', async () => {
  const store = await openSqliteDocumentStore(join(tempDir('pages'), 'docs.db'));
  await store.prepare([spec]);
  await store.applyBatch('things', 1, Array.from({ length: 20 }, (_, i) => up(`d${String(i).padStart(2, '0')}`, i + 1, 'new')), 20n);
  const real = await store.find('things', { ...query, limit: 5 });
  assert.ok(real.cursor);
  for (let i = 0; i < 1000; i++) {
    const forged = Buffer.from(JSON.stringify(['x', `d${i}`, 'forged-shape'])).toString('base64url');
    const error = await store.find('things', { ...query, cursor: forged }).then(() => undefined, (e: unknown) => e as { code?: string });
    assert.is(error?.code, 'query.invalid_cursor');
  }
  assert.is((await store.find('things', { ...query, limit: 5, cursor: real.cursor })).docs[0]!.id, 'd05');
  await store.close();
});

t.run();
