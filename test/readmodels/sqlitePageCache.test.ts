// The embedded document store remembers query pages: what it serves must still be what a
// read would return — at once after its own writes (a projector's batch, a generation
// switch), and within milliseconds after another connection's.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { DocChange } from '../../readmodels/documents/port.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('sqlite document store: remembered pages');
const spec = { name: 'things', indexes: ['tenantId'] };
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

t.run();
