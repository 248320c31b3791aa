// One contract for every ProjectorCoordination adapter (leases, parked events). Like the
// document store's, it assumes nothing else about the store: collections are this run's own.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ParkedEvent, ProjectorCoordination } from '../../readmodels/documents/coordination.ts';
import { newId, uniqueSuffix } from '../support/ids.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Opened = ProjectorCoordination & { close(): Promise<void> };

export function coordinationContract(name: string, open: () => Promise<Opened>): void {
  const t = suite<{ store: Opened; c: string; c2: string }>(`coordination contract: ${name}`);
  t.before.each(async (ctx) => {
    ctx.store = await open();
    ctx.c = `c${uniqueSuffix()}`;
    ctx.c2 = `${ctx.c}_b`;
  });
  t.after.each(async (ctx) => ctx.store.close());

  t('lease: one holder at a time, renewed by its holder, freed by release, taken over after expiry', async ({ store, c, c2 }) => {
    assert.ok(await store.acquireLease(c, 'p1', 10_000));
    assert.not.ok(await store.acquireLease(c, 'p2', 10_000));
    assert.ok(await store.acquireLease(c, 'p1', 10_000), 'the holder renews');
    assert.ok(await store.acquireLease(c2, 'p2', 10_000), 'leases are per collection');
    await store.releaseLease(c, 'p2'); // not the holder: nothing happens
    assert.not.ok(await store.acquireLease(c, 'p2', 10_000));
    await store.releaseLease(c, 'p1');
    assert.ok(await store.acquireLease(c, 'p2', 10_000));
    assert.not.ok(await store.acquireLease(c, 'p1', 10_000));
  });

  t('rebuild request: taken once by one taker, the first request standing, per collection', async ({ store, c, c2 }) => {
    assert.is(await store.takeRebuildRequest(c), undefined, 'nothing asked yet');
    await store.requestRebuild(c, 'ana');
    await store.requestRebuild(c, 'ben'); // asked again before it was taken: the first stands
    const [first, second] = await Promise.all([store.takeRebuildRequest(c), store.takeRebuildRequest(c)]);
    const taken = [first, second].filter((r) => r !== undefined);
    assert.is(taken.length, 1, `taken once: ${JSON.stringify([first, second])}`);
    assert.is(taken[0]!.requestedBy, 'ana');
    assert.ok(!Number.isNaN(Date.parse(taken[0]!.requestedAt)), taken[0]!.requestedAt);
    assert.is(await store.takeRebuildRequest(c), undefined, 'gone once taken');
    assert.is(await store.takeRebuildRequest(c2), undefined, 'requests are per collection');
    await store.requestRebuild(c, 'ben');
    assert.is((await store.takeRebuildRequest(c))?.requestedBy, 'ben', 'asked again after it was taken');
  });

  t('lease: expiry lets another holder in, unless the holder renewed in time', async ({ store, c, c2 }) => {
    assert.ok(await store.acquireLease(c, 'p1', 300));
    assert.ok(await store.acquireLease(c2, 'p1', 300));
    await sleep(200);
    assert.ok(await store.acquireLease(c2, 'p1', 300), 'renewed before expiry');
    await sleep(200);
    assert.ok(await store.acquireLease(c, 'p2', 10_000), 'expired: another holder takes it');
    assert.not.ok(await store.acquireLease(c, 'p1', 300), 'the old holder lost it');
    assert.not.ok(await store.acquireLease(c2, 'p2', 10_000), 'the renewed lease still holds');
  });

  t('lease: of many concurrent candidates exactly one wins, for a new lease and for an expired one', async ({ store, c }) => {
    const others = await Promise.all([open(), open()]);
    try {
      const stores = [store, ...others];
      const race = () => Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 3]!.acquireLease(c, `p${i}`, 150)));
      assert.is((await race()).filter(Boolean).length, 1, 'new lease');
      for (let round = 0; round < 3; round++) {
        await sleep(200);
        assert.is((await race()).filter(Boolean).length, 1, `expired lease, round ${round}`);
      }
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  t('parked events are listed per collection', async ({ store, c, c2 }) => {
    const parked = (collection: string, generation: number, position: string, n: number): ParkedEvent => ({
      collection, generation, position, eventId: newId(), type: `plan.thing_${n}`, error: `cannot apply ${n}: "quoted"\nsecond line`,
      parkedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    });
    const mine = [parked(c, 1, '18446744073709551615', 1), parked(c, 2, '42', 2)];
    const theirs = parked(c2, 1, '7', 3);
    for (const event of [mine[1]!, theirs, mine[0]!]) await store.park(event);
    const byId = (a: ParkedEvent, b: ParkedEvent) => (a.eventId < b.eventId ? -1 : 1);
    assert.equal([...(await store.parked(c))].sort(byId), [...mine].sort(byId));
    assert.equal(await store.parked(c2), [theirs]);
    const all = (await store.parked()).filter((e) => e.collection === c || e.collection === c2);
    assert.equal([...all].sort(byId), [...mine, theirs].sort(byId));
    assert.equal(await store.parked(`${c}_none`), []);
  });

  t.run();
}
