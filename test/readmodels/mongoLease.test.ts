// Leases on a MongoDB-wire server (FerretDB in CI): exclusive even when a candidate's read and
// its insert are split by the holder's renewals, and judged by the server's clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import { uniqueSuffix } from '../support/ids.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mongoUrl = process.env.MONGO_URL;

if (!mongoUrl) {
  console.log('mongo leases: skipped (MONGO_URL not set)');
} else {
  const { openMongoDocumentStore } = await import('../../readmodels/documents/mongo.ts');
  const database = 'adledger_leases';
  const t = suite('mongo leases');

  t('a candidate whose read and insert span three renewals of the holder does not hold the lease', async () => {
    const key = `lease${uniqueSuffix()}`;
    const holder = await openMongoDocumentStore(mongoUrl, { database });
    let renewals: boolean[] = [];
    // Between the candidate's read (it saw the holder's term expired) and its insert, the holder
    // renews three times: the term the candidate is about to insert has been pruned meanwhile.
    const candidate = await openMongoDocumentStore(mongoUrl, {
      database,
      leaseHooks: {
        beforeInsert: async (k) => {
          if (k !== key || renewals.length > 0) return;
          for (let i = 0; i < 3; i++) renewals.push(await holder.acquireLease(key, 'holder', 10_000));
        },
      },
    });
    try {
      assert.ok(await holder.acquireLease(key, 'holder', 50));
      await sleep(120); // expired: the candidate may try
      const took = await candidate.acquireLease(key, 'candidate', 10_000);
      assert.equal(renewals, [true, true, true], 'the holder renewed meanwhile');
      assert.not.ok(took, 'the candidate inserted a pruned term: not the latest, so not held');
      assert.ok(await holder.acquireLease(key, 'holder', 10_000), 'the holder still holds it');
      assert.not.ok(await candidate.acquireLease(key, 'candidate', 10_000), 'and the candidate still cannot take it');
      await holder.releaseLease(key, 'holder');
      assert.ok(await candidate.acquireLease(key, 'candidate', 10_000), 'released: the candidate takes it');
    } finally {
      await Promise.all([holder.close(), candidate.close()]);
    }
  });

  t('the store says what it guarantees on this server: no transactions on FerretDB, the lease on its clock', async () => {
    const store: ReadModelBackend = await openMongoDocumentStore(mongoUrl, { database });
    try {
      const g = store.guarantees ?? {};
      assert.ok(g.server && g.batches && g.leaseClock, JSON.stringify(g));
      if (g.server === 'ferretdb') assert.match(g.batches!, /^per-document positions/);
      assert.match(g.leaseClock!, /server/, 'MongoDB and FerretDB both send hello.localTime');
    } finally {
      await store.close();
    }
  });

  t.run();
}
