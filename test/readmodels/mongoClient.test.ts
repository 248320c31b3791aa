// What the MongoDB client is pinned to, what the URL may override, and the server's clock.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Db } from 'mongodb';
import { clientOptions } from '../../readmodels/documents/mongoClient.ts';
import { serverClock } from '../../readmodels/documents/serverClock.ts';

test('without URL options: majority writes, primary reads, retried writes and reads', () => {
  const o = clientOptions('mongodb://db1,db2,db3/adledger?replicaSet=rs0');
  assert.equal({ w: o.w, readPreference: o.readPreference, retryWrites: o.retryWrites, retryReads: o.retryReads, ignoreUndefined: o.ignoreUndefined },
    { w: 'majority', readPreference: 'primary', retryWrites: true, retryReads: true, ignoreUndefined: true });
});

test("the URL's options win, whatever their case; the others stay pinned", () => {
  const o = clientOptions('mongodb://db/adledger?W=1&readpreference=primaryPreferred&retryWrites=false');
  assert.is(o.w, undefined, 'w comes from the URL');
  assert.is(o.readPreference, undefined, 'readPreference comes from the URL');
  assert.is(o.retryWrites, undefined, 'retryWrites comes from the URL');
  assert.is(o.retryReads, true);
  assert.is(o.serverSelectionTimeoutMS, 10_000);
});

// A Db whose hello answers with a server clock `skewMs` ahead of ours, after `rttMs`.
const fakeDb = (reply: () => Record<string, unknown>, calls: { n: number }) =>
  ({ command: async () => ((calls.n += 1), reply()) }) as unknown as Db;

test("the server's clock: our clock plus the offset hello's localTime shows, measured once a minute", async () => {
  let local = 1_000_000;
  const calls = { n: 0 };
  const clock = serverClock(fakeDb(() => ({ localTime: new Date(local + 5_000) }), calls), () => local);
  assert.is(await clock.now(), 1_005_000);
  assert.is(clock.source(), 'server');
  local += 30_000;
  assert.is(await clock.now(), 1_035_000, 'the offset kept');
  assert.is(calls.n, 1, 'one hello within the minute');
  local += 31_000;
  await clock.now();
  assert.is(calls.n, 2, 'measured again after a minute');
});

test('a server that sends no localTime leaves our own clock, and says so', async () => {
  const clock = serverClock(fakeDb(() => ({ ok: 1 }), { n: 0 }), () => 42);
  assert.is(await clock.now(), 42);
  assert.is(clock.source(), 'client');
});

test.run();
