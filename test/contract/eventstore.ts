// One contract for every EventStore adapter. It assumes nothing about what else is in the
// store (EventStoreDB may be shared), so every case works in streams of its own.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore, NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import { newId, uniqueSuffix } from '../support/ids.ts';

const ev = (type: string, n = 0): NewEvent => ({ eventId: newId(), type, data: { n }, metadata: { tenantId: 't' } });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function take(sub: AsyncIterable<RecordedEvent>, n: number, accept: (e: RecordedEvent) => boolean = () => true) {
  const out: RecordedEvent[] = [];
  if (n === 0) return out;
  for await (const e of sub) {
    if (accept(e)) out.push(e);
    if (out.length >= n) break;
  }
  return out;
}

export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  const t = suite<{ store: EventStore; cat: string }>(`eventstore contract: ${name}`);
  t.before.each(async (ctx) => {
    ctx.store = await open();
    ctx.cat = `c${uniqueSuffix()}`;
  });
  t.after.each(async (ctx) => ctx.store.close());

  t('appends keep order: revisions count from 0, positions increase', async ({ store, cat }) => {
    const s = `${cat}-1`;
    const r1 = await store.append(s, [ev('a.x', 1), ev('a.y', 2)], 'no_stream');
    assert.ok(r1.ok);
    if (!r1.ok) return;
    assert.is(r1.nextExpectedRevision, 1n);
    const r2 = await store.append(s, [ev('a.z', 3)], 1n);
    assert.ok(r2.ok && r2.nextExpectedRevision === 2n && r2.position > r1.position);
    const read = await collect(store.readStream(s));
    assert.equal(read.map((e) => [e.type, e.revision, (e.data as { n: number }).n]), [['a.x', 0n, 1], ['a.y', 1n, 2], ['a.z', 2n, 3]]);
    assert.ok(read[0]!.position < read[1]!.position && read[1]!.position < read[2]!.position);
    assert.is(read[2]!.position, r2.ok ? r2.position : -1n);
    assert.equal(read[0]!.metadata, { tenantId: 't' });
    assert.ok(!Number.isNaN(Date.parse(read[0]!.created)));
  });

  t('expected revision: no_stream, exists, exact and any; a refused append stores nothing', async ({ store, cat }) => {
    const s = `${cat}-1`;
    const missingExists = await store.append(s, [ev('a')], 'exists');
    assert.ok(!missingExists.ok && missingExists.error.code === 'stream.wrong_expected_revision');
    const missingExact = await store.append(s, [ev('a')], 0n);
    assert.ok(!missingExact.ok && missingExact.error.kind === 'conflict');
    assert.ok((await store.append(s, [ev('a')], 'no_stream')).ok);
    assert.not.ok((await store.append(s, [ev('b')], 'no_stream')).ok);
    assert.not.ok((await store.append(s, [ev('b')], 5n)).ok);
    assert.ok((await store.append(s, [ev('b')], 'exists')).ok);
    assert.ok((await store.append(s, [ev('c')], 1n)).ok);
    assert.ok((await store.append(s, [ev('d')], 'any')).ok);
    assert.equal((await collect(store.readStream(s))).map((e) => e.type), ['a', 'b', 'c', 'd']);
  });

  t('concurrent appends at one expected revision: exactly one of N wins', async ({ store, cat }) => {
    const s = `${cat}-1`;
    await store.append(s, [ev('start')], 'no_stream');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(s, [ev('race', i)], 0n)));
    assert.is(outcomes.filter((o) => o.ok).length, 1);
    assert.ok(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.error.code === 'stream.wrong_expected_revision'));
    assert.is((await collect(store.readStream(s))).length, 2);
  });

  t('one conflicting append fails alone; the others in flight succeed', async ({ store, cat }) => {
    await store.append(`${cat}-a`, [ev('x')], 'no_stream');
    const [good1, bad, good2] = await Promise.all([
      store.append(`${cat}-b`, [ev('x')], 'no_stream'),
      store.append(`${cat}-a`, [ev('x')], 'no_stream'),
      store.append(`${cat}-c`, [ev('x'), ev('y')], 'any'),
    ]);
    assert.ok(good1!.ok && good2!.ok && !bad!.ok);
    assert.is((await collect(store.readStream(`${cat}-a`))).length, 1);
    assert.is((await collect(store.readStream(`${cat}-c`))).length, 2);
  });

  t('re-appending the same event ids is a no-op returning the original result', async ({ store, cat }) => {
    const s = `${cat}-1`;
    const events = [ev('a'), ev('b')];
    const first = await store.append(s, events, 'no_stream');
    const again = await store.append(s, events, 'no_stream');
    assert.ok(first.ok && again.ok);
    if (first.ok && again.ok) {
      assert.is(again.nextExpectedRevision, first.nextExpectedRevision);
      assert.is(again.position, first.position);
      assert.is.not(first.alreadyStored, true);
      assert.is.not(again.alreadyStored, false, 'a store that can tell must say the second append stored nothing');
    }
    assert.is((await collect(store.readStream(s))).length, 2);
  });

  t('an append that cannot be stored is refused as a value before anything is written', async ({ store, cat }) => {
    const s = `${cat}-1`;
    const empty = await store.append(s, [], 'any');
    assert.equal(empty.ok ? 'ok' : empty.error.code, 'stream.empty_append');
    const noData = await store.append(s, [ev('a'), { ...ev('b'), data: undefined }], 'no_stream');
    assert.equal(noData.ok ? 'ok' : [noData.error.kind, noData.error.code], ['invalid', 'stream.unstorable_event']);
    const twice = ev('c');
    const repeated = await store.append(s, [twice, twice], 'no_stream');
    assert.equal(repeated.ok ? 'ok' : repeated.error.code, 'stream.unstorable_event');
    assert.equal(await collect(store.readStream(s)), []);
    assert.ok((await store.append(s, [ev('d')], 'no_stream')).ok, 'the stream is still new after the refusals');
  });

  t('an event id names one event in the whole log: another stream cannot take it, its own stream may repeat the append', async ({ store, cat }) => {
    const events = [ev('a'), ev('b')];
    const first = await store.append(`${cat}-1`, events, 'no_stream');
    assert.ok(first.ok);
    const elsewhere = await store.append(`${cat}-2`, [ev('c'), events[1]!], 'no_stream');
    assert.equal(elsewhere.ok ? 'ok' : [elsewhere.error.kind, elsewhere.error.code], ['conflict', 'stream.duplicate_event_id']);
    assert.equal(elsewhere.ok ? [] : (elsewhere.error.details as { eventIds: string[] }).eventIds, [events[1]!.eventId]);
    assert.equal(await collect(store.readStream(`${cat}-2`)), [], 'the refused append stored nothing');
    const again = await store.append(`${cat}-1`, events, 'no_stream');
    assert.ok(again.ok && first.ok && again.position === first.position, 'the first stream still takes the same append as already done');
    const stillElsewhere = await store.append(`${cat}-3`, [events[0]!], 'any');
    assert.equal(stillElsewhere.ok ? 'ok' : stillElsewhere.error.code, 'stream.duplicate_event_id');
  });

  t('reads a stream backwards, from a revision, with a limit; a missing stream is empty', async ({ store, cat }) => {
    const s = `${cat}-1`;
    await store.append(s, [0, 1, 2, 3, 4].map((n) => ev('e', n)), 'no_stream');
    const n = (es: RecordedEvent[]) => es.map((e) => (e.data as { n: number }).n);
    assert.equal(n(await collect(store.readStream(s, { direction: 'backwards' }))), [4, 3, 2, 1, 0]);
    assert.equal(n(await collect(store.readStream(s, { fromRevision: 2n }))), [2, 3, 4]);
    assert.equal(n(await collect(store.readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 2 }))), [3, 2]);
    assert.equal(n(await collect(store.readStream(s, { maxCount: 2 }))), [0, 1]);
    assert.equal(await collect(store.readStream(`${cat}-missing`)), []);
  });

  t('reads the whole log after a position, in order, with stream and type filters', async ({ store, cat }) => {
    const before = await store.headPosition();
    await store.append(`${cat}-1`, [ev('plan.a'), ev('plan.b')], 'no_stream');
    await store.append(`${cat}x-1`, [ev('tenant.a')], 'no_stream');
    await store.append(`${cat}-2`, [ev('tenant.b')], 'no_stream');
    const head = await store.headPosition();
    assert.ok(head > before);
    const all = await collect(store.readAll({ after: before, filter: { streamPrefixes: [`${cat}-`, `${cat}x-`] } }));
    assert.equal(all.map((e) => e.type), ['plan.a', 'plan.b', 'tenant.a', 'tenant.b']);
    assert.ok(all.every((e, i) => i === 0 || e.position > all[i - 1]!.position));
    assert.is(all[all.length - 1]!.position, head);
    const mine = await collect(store.readAll({ after: before, filter: { streamPrefixes: [`${cat}-`] } }));
    assert.equal(mine.map((e) => e.type), ['plan.a', 'plan.b', 'tenant.b']);
    const tenants = await collect(store.readAll({ after: before, filter: { eventTypePrefixes: ['tenant.'] } }));
    assert.ok(tenants.every((e) => e.type.startsWith('tenant.')) && tenants.length >= 2);
    const after1 = await collect(store.readAll({ after: all[0]!.position, maxCount: 2, filter: { streamPrefixes: [`${cat}`] } }));
    assert.equal(after1.map((e) => e.type), ['plan.b', 'tenant.a']);
    assert.ok((await collect(store.readAll({ after: START, maxCount: 1 }))).length === 1);
  });

  t('subscription catches up, then goes live, missing nothing while appends continue', async ({ store, cat }) => {
    const s = `${cat}-1`;
    const before = await store.headPosition();
    for (let i = 0; i < 30; i++) await store.append(s, [ev('e', i)], 'any');
    const sub = store.subscribeAll({ after: before, filter: { streamPrefixes: [`${cat}-`] } });
    const writer = (async () => {
      for (let i = 30; i < 100; i++) {
        await store.append(s, [ev('e', i)], 'any');
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const got = await take(sub, 100);
    await writer;
    await sub.close();
    assert.equal(got.map((e) => (e.data as { n: number }).n), Array.from({ length: 100 }, (_, i) => i));
    assert.equal(got.map((e) => e.revision), Array.from({ length: 100 }, (_, i) => BigInt(i)));
  });

  t('subscription filters by event type and ends on close', async ({ store, cat }) => {
    const before = await store.headPosition();
    const sub = store.subscribeAll({ after: before, filter: { eventTypePrefixes: [`${cat}.keep`] } });
    const reading = take(sub, 2, (e) => e.streamId.startsWith(cat));
    await store.append(`${cat}-1`, [ev(`${cat}.drop`), ev(`${cat}.keep.a`)], 'any');
    await store.append(`${cat}-2`, [ev(`${cat}.drop`), ev(`${cat}.keep.b`)], 'any');
    const got = await reading;
    assert.equal(got.map((e) => e.type), [`${cat}.keep.a`, `${cat}.keep.b`]);
    const sub2 = store.subscribeAll({ after: await store.headPosition() });
    const pending = take(sub2, 1);
    await sub2.close();
    assert.equal(await pending, []);
  });

  t('an exact event-type filter takes only those types, not others sharing their prefix', async ({ store, cat }) => {
    const before = await store.headPosition();
    const wanted = [`${cat}.launch.requested`, `${cat}.plan.created`];
    const sub = store.subscribeAll({ after: before, filter: { eventTypes: wanted, streamPrefixes: [`${cat}-`] } });
    const reading = take(sub, 2);
    await store.append(`${cat}-1`, [ev(`${cat}.launch.requested_twice`), ev(`${cat}.launch.requested`), ev(`${cat}.launch`)], 'any');
    await store.append(`${cat}-2`, [ev(`${cat}.plan.created`), ev(`${cat}.plan.created.v2`)], 'any');
    const got = await reading;
    await sub.close();
    assert.equal(got.map((e) => e.type), wanted);
    const read = await collect(store.readAll({ after: before, filter: { eventTypes: wanted } }));
    assert.equal(read.map((e) => e.type), wanted);
  });

  t('closing the store ends every open subscription, waiting or mid-stream, with nothing thrown afterwards', async ({ store, cat }) => {
    const unhandled: unknown[] = [];
    const record = (error: unknown) => void unhandled.push(error);
    process.on('unhandledRejection', record);
    try {
      const before = await store.headPosition();
      await store.append(`${cat}-1`, [ev('a')], 'no_stream');
      const waiting = collect(store.subscribeAll({ after: await store.headPosition() }));
      const midStream = collect(store.subscribeAll({ after: before, filter: { streamPrefixes: [`${cat}-`] } }));
      await new Promise((r) => setTimeout(r, 50)); // both have read what there is and wait for more
      await store.close();
      const bound = new Promise<'still running'>((r) => setTimeout(() => r('still running'), 2_000).unref());
      const [idle, busy] = await Promise.race([Promise.all([waiting, midStream]), bound]).then((v) => (v === 'still running' ? [v, v] : v));
      assert.equal(idle, [], 'the waiting subscription ends empty');
      assert.equal(busy === 'still running' ? busy : busy.map((e) => e.type), ['a'], 'the other ends after what it had');
      await new Promise((r) => setTimeout(r, 300)); // a subscription resubscribing on its own would fail by now
      assert.equal(unhandled, []);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  t('probe: a healthy store takes the probe write and appends no event', async ({ store }) => {
    const before = await store.headPosition();
    await store.probe();
    await store.probe();
    assert.is(await store.headPosition(), before);
  });

  t.run();
}
