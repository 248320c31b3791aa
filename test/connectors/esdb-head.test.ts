// The EventStoreDB head cache against a scripted server read and a hand-moved clock: how
// often the server is asked, and that an answer never falls below this process's own writes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { headCache } from '../../connectors/eventstore/esdbHead.ts';

const t = suite('esdb head cache');

function server(...answers: bigint[]) {
  const asked: number[] = [];
  let clock = 0;
  const read = async () => {
    asked.push(clock);
    return answers[Math.min(asked.length - 1, answers.length - 1)]!;
  };
  return { read, asked, now: () => clock, tick: (ms: number) => void (clock += ms) };
}

t('given a fresh answer, when asked again within the max age, then the server is not asked again', async () => {
  const s = server(100n, 200n);
  const cache = headCache(s.read, { maxAgeMs: 150, now: s.now });
  assert.is(await cache.head(), 100n);
  s.tick(149);
  assert.is(await cache.head(), 100n);
  assert.equal(s.asked, [0]);
});

t('given an answer older than the max age, when asked, then the server is read again', async () => {
  const s = server(100n, 200n);
  const cache = headCache(s.read, { maxAgeMs: 150, now: s.now });
  await cache.head();
  s.tick(150);
  assert.is(await cache.head(), 200n);
  assert.equal(s.asked, [0, 150]);
});

t('given an append of this process after the last read, then the head is at least its position at once', async () => {
  const s = server(100n);
  const cache = headCache(s.read, { maxAgeMs: 150, now: s.now });
  await cache.head();
  cache.saw(180n);
  assert.is(await cache.head(), 180n);
  cache.saw(170n); // a slower append landing earlier in the log lowers nothing
  assert.is(await cache.head(), 180n);
  assert.equal(s.asked, [0]);
});

t('given a lagging server answer (a follower behind this process\'s writes), then the head never goes back', async () => {
  const s = server(100n, 90n);
  const cache = headCache(s.read, { maxAgeMs: 10, now: s.now });
  cache.saw(120n);
  assert.is(await cache.head(), 120n);
  s.tick(10);
  assert.is(await cache.head(), 120n);
  assert.equal(s.asked.length, 2);
});

t('given many concurrent askers, then one server read answers them all', async () => {
  const s = server(7n);
  const cache = headCache(s.read, { now: s.now });
  assert.equal(await Promise.all([cache.head(), cache.head(), cache.head()]), [7n, 7n, 7n]);
  assert.is(s.asked.length, 1);
});

t('given a failing server read, then the failure reaches the caller and the next ask tries again', async () => {
  let fail = true;
  const cache = headCache(async () => {
    if (fail) throw new Error('unavailable');
    return 5n;
  });
  await cache.head().then(() => assert.unreachable('should have failed'), (e: Error) => assert.is(e.message, 'unavailable'));
  fail = false;
  assert.is(await cache.head(), 5n);
});

t.run();
