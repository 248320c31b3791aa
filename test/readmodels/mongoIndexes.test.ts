// The MongoDB adapter's indexes: one per declared query shape, created in one call with only
// the missing ones named, partial on live documents where the server can, and earlier
// versions' one-field indexes dropped. Runs when MONGO_URL is set (FerretDB in CI).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MongoClient } from 'mongodb';
import type { CollectionSpec } from '../../readmodels/documents/port.ts';
import { wantedIndexes } from '../../readmodels/documents/mongoIndexes.ts';
import { uniqueSuffix } from '../support/ids.ts';

const t = suite('mongodb: indexes per query shape');
const url = process.env.MONGO_URL;
const database = 'adledger_contract';

const spec = (name: string, shapes: CollectionSpec['indexes']['shapes']): CollectionSpec => ({
  name,
  indexes: { fields: { tenantId: 'string', status: 'string', updatedAt: 'string' }, shapes },
});
const byTenant = { equal: ['tenantId'], sort: 'updatedAt' };
const byTenantStatus = { equal: ['tenantId', 'status'], sort: 'updatedAt' };

t('a shape becomes {d.<equal…>, d.<sort>, _id}, partial on live documents when asked', () => {
  const [, , partial] = wantedIndexes(spec('c', [byTenantStatus]), true);
  assert.equal(partial?.key, { 'd.tenantId': 1, 'd.status': 1, 'd.updatedAt': 1, _id: 1 });
  assert.equal(partial?.partialFilterExpression, { _deleted: false });
  const [pos, posId, full] = wantedIndexes(spec('c', [byTenantStatus]), false);
  assert.equal([pos?.name, posId?.name], ['pos', 'pos_id'], 'changedSince keeps its two');
  assert.is(full?.partialFilterExpression, undefined);
  assert.is.not(full?.name, partial?.name, 'a partial index and a full one never share a name');
});

if (url) {
  const { openMongoDocumentStore } = await import('../../readmodels/documents/mongo.ts');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  const namesOf = async (collection: string): Promise<string[]> =>
    (await client.db(database).collection(`${collection}__g1`).listIndexes().toArray()).map((i) => String(i.name)).sort();

  t('prepare builds one index per shape, partial where the server has them, and drops indexes no shape wants', async () => {
    await client.connect();
    const c = `i${uniqueSuffix()}`;
    // An earlier version's one-field index, on a collection that already has documents.
    await client.db(database).collection(`${c}__g1`).createIndex({ 'd.status': 1, _id: 1 }, { name: 'by_status' });
    const store = await openMongoDocumentStore(url, { database });
    try {
      await store.prepare([spec(c, [byTenant, byTenantStatus])]);
      const liveOnly = store.indexing.liveOnly;
      assert.type(liveOnly, 'boolean');
      // FerretDB 1.24 answers partialFilterExpression with NotImplemented: its indexes hold tombstones too.
      const info = await client.db(database).command({ buildInfo: 1 });
      if (typeof info.ferretdbVersion === 'string') assert.is(liveOnly, false, `FerretDB ${info.ferretdbVersion}`);
      const expected = wantedIndexes(spec(c, [byTenant, byTenantStatus]), liveOnly!).map((i) => i.name!);
      assert.equal(await namesOf(c), ['_id_', ...expected].sort());

      // Another process with one shape fewer: it adds nothing and drops the one it does not declare.
      const other = await openMongoDocumentStore(url, { database });
      try {
        await other.prepare([spec(c, [byTenant])]);
        assert.equal(await namesOf(c), ['_id_', ...wantedIndexes(spec(c, [byTenant]), liveOnly!).map((i) => i.name!)].sort());
      } finally {
        await other.close();
      }
    } finally {
      await store.close();
    }
  });

  t('two processes preparing the same new collections at once both succeed, and every index is there once', async () => {
    const [one, two] = [await openMongoDocumentStore(url, { database }), await openMongoDocumentStore(url, { database })];
    try {
      for (let round = 0; round < 8; round++) {
        const c = `i${uniqueSuffix()}`;
        const outcomes = await Promise.allSettled([one.prepare([spec(c, [byTenant, byTenantStatus])]), two.prepare([spec(c, [byTenant, byTenantStatus])])]);
        assert.equal(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason))), ['ok', 'ok'], `round ${round}`);
        assert.equal(await namesOf(c), ['_id_', ...wantedIndexes(spec(c, [byTenant, byTenantStatus]), one.indexing.liveOnly).map((i) => i.name!)].sort());
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  t.after(async () => client.close());
} else {
  console.log('mongodb indexes: skipped the server cases (MONGO_URL not set)');
}

t.run();
