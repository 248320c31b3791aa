// Two processes on one document store through a rebuild: the one that rebuilt switches readers
// to the new generation and later stops; the other, which waited for the lease all along with
// the generation it started with, takes over in the active generation and never writes the
// dropped one back into being (MongoDB recreates a dropped collection on the first write).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { counted, streamCounter } from '../support/counterProjection.ts';
import { tempDir } from '../support/tempDir.ts';
import { uniqueSuffix } from '../support/ids.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sharedStoreSpec(name: string, connect: () => { open: () => Promise<ReadModelBackend>; cleanUp: () => Promise<void> }): void {
  const t = suite(`two processes, one document store, a rebuild: ${name}`);

  t('the standby takes over in the generation readers read, and the dropped one stays dropped', async () => {
    const { open, cleanUp } = connect();
    const events = openSqliteEventStore(join(tempDir('shared'), 'events.db'));
    const [docsOne, docsTwo] = [await open(), await open()];
    const one = projectionDaemon({ events, docs: docsOne, projections: [streamCounter], holder: 'one', dropGraceMs: 1500 });
    const two = projectionDaemon({ events, docs: docsTwo, projections: [streamCounter], holder: 'two' });
    try {
      for (let i = 0; i < 20; i++) await events.append('s-a', [counted('acme')], 'any');
      await one.start();
      await two.start();
      assert.ok(await one.waitFor(await events.headPosition(), 10_000));
      assert.is(two.status()[0]!.generation, 1, 'the standby started with generation 1');

      const readerSawActive = await docsTwo.activeGeneration('stream_counter'); // a reader's first round trip…
      assert.is((await one.rebuild('stream_counter')).generation, 2);
      // …and its query, after the switch-over: the old generation still answers, whole.
      assert.is((await docsTwo.get('stream_counter', 's-a', readerSawActive))?.count, 20, 'a reader in flight across the switch reads a whole page');
      assert.equal((await docsTwo.find('stream_counter', { where: { tenantId: 'acme' } }, readerSawActive)).docs.map((d) => d.id), ['s-a']);
      for (const end = Date.now() + 10_000; (await docsOne.checkpoint('stream_counter', 1)) !== undefined && Date.now() < end;) await sleep(50);
      assert.is(await docsOne.checkpoint('stream_counter', 1), undefined, 'generation 1 was dropped after the grace period');

      await one.stop(); // releases the lease: the standby takes it at its next claim
      for (let i = 0; i < 5; i++) await events.append('s-a', [counted('acme')], 'any');
      const head = await events.headPosition();
      for (const end = Date.now() + 15_000; !two.status().some((s) => s.state === 'live' && s.position === String(head)) && Date.now() < end;) await sleep(50);

      const [status] = two.status();
      assert.equal([status!.state, status!.generation, status!.position], ['live', 2, String(head)], JSON.stringify(status));
      assert.is((await docsTwo.get('stream_counter', 's-a'))?.count, 25, 'readers see every event in generation 2');
      assert.is(await docsTwo.checkpoint('stream_counter', 2), head);
      assert.is(await docsTwo.checkpoint('stream_counter', 1), undefined, 'nothing wrote generation 1 again (a batch commits its checkpoint)');
    } finally {
      await two.stop();
      await one.stop();
      await Promise.all([docsOne.close(), docsTwo.close()]);
      await events.close();
      await cleanUp();
    }
  });

  t.run();
}

sharedStoreSpec('sqlite', () => {
  const file = join(tempDir('shared-docs'), 'docs.db');
  return { open: () => openSqliteDocumentStore(file), cleanUp: async () => undefined };
});

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { openMongoDocumentStore } = await import('../../readmodels/documents/mongo.ts');
  const { MongoClient } = await import('mongodb');
  sharedStoreSpec('mongodb', () => {
    const database = `adledger_shared_${uniqueSuffix()}`;
    return {
      open: () => openMongoDocumentStore(mongoUrl, { database }),
      cleanUp: async () => {
        const client = await MongoClient.connect(mongoUrl);
        await client.db(database).dropDatabase().finally(() => client.close());
      },
    };
  });
} else {
  console.log('two processes, one document store: skipped MongoDB (MONGO_URL not set)');
}
