// The resubscribing iterator against scripted sources that fail, replay and hang, the way a
// dropped EventStoreDB subscription does, so resume, dedupe and close can be seen without a server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resubscribingIterator, subscriptionSet } from '../../connectors/eventstore/esdbResubscribe.ts';
import type { OpenSource } from '../../connectors/eventstore/esdbResubscribe.ts';
import type { Position, RecordedEvent } from '../../connectors/eventstore/port.ts';

const t = suite('esdb resubscribe');

const at = (position: bigint): RecordedEvent => ({
  eventId: `e${position}`,
  streamId: 'plan-t.p',
  revision: position - 1n,
  position,
  type: 'plan.edited',
  data: {},
  metadata: {},
  created: '2024-01-01T00:00:00.000Z',
});

type Ending = Error | 'hang' | 'end';
interface Script { readonly positions: readonly bigint[]; readonly then: Ending }

// Each open plays the next script: its events, then a failure, a normal end, or a wait
// that only the abort signal ends. Records what it was asked for and what it saw.
function scripted(scripts: readonly Script[]) {
  const opened: Position[] = [];
  const aborted: boolean[] = [];
  const open: OpenSource = async function* (after, signal) {
    const index = opened.push(after) - 1;
    aborted[index] = false;
    signal.addEventListener('abort', () => { aborted[index] = true; });
    const script = scripts[Math.min(index, scripts.length - 1)]!;
    for (const position of script.positions) yield at(position);
    if (script.then instanceof Error) throw script.then;
    if (script.then === 'hang') await new Promise((resolve) => signal.addEventListener('abort', resolve));
  };
  return { open, opened, aborted };
}

async function take(sub: AsyncIterable<RecordedEvent>, n: number): Promise<bigint[]> {
  const out: bigint[] = [];
  for await (const e of sub) {
    out.push(e.position);
    if (out.length >= n) break;
  }
  return out;
}

t('a drop mid-stream resumes after the last delivered position, with nothing twice or backwards', async () => {
  const drops: Array<[string, Position]> = [];
  const source = scripted([
    { positions: [10n, 20n, 30n], then: new Error('connection reset') },
    { positions: [30n, 20n, 40n, 50n], then: 'hang' },
  ]);
  const sub = resubscribingIterator(source.open, 0n, { backoffMs: [1], onDrop: (e, after) => drops.push([(e as Error).message, after]) });
  assert.equal(await take(sub, 5), [10n, 20n, 30n, 40n, 50n]);
  assert.equal(source.opened, [0n, 30n]);
  assert.equal(drops, [['connection reset', 30n]]);
  await sub.close();
  assert.equal(source.aborted, [true, true]);
});

t('events at or before the starting position are never delivered', async () => {
  const source = scripted([{ positions: [5n, 7n, 8n, 9n], then: 'hang' }]);
  const sub = resubscribingIterator(source.open, 7n, { backoffMs: [1] });
  assert.equal(await take(sub, 2), [8n, 9n]);
  assert.equal(source.opened, [7n]);
});

t('a source that ends by itself is reopened too: only close ends a subscription', async () => {
  const source = scripted([
    { positions: [1n], then: 'end' },
    { positions: [2n], then: 'hang' },
  ]);
  const sub = resubscribingIterator(source.open, 0n, { backoffMs: [1] });
  assert.equal(await take(sub, 2), [1n, 2n]);
  assert.equal(source.opened, [0n, 1n]);
});

t('close ends a read that is waiting for events, and aborts the source', async () => {
  const drops: unknown[] = [];
  const source = scripted([{ positions: [1n], then: 'hang' }]);
  const sub = resubscribingIterator(source.open, 0n, { backoffMs: [1], onDrop: (e) => drops.push(e) });
  const reading = take(sub, 5);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await sub.close();
  assert.equal(await reading, [1n]);
  assert.equal(source.aborted, [true]);
  assert.is(source.opened.length, 1);
  assert.equal(drops, [], 'closing is not a drop');
});

t('close does not depend on the source honouring the abort', async () => {
  const deaf: OpenSource = async function* () {
    yield at(1n);
    await new Promise(() => undefined); // like a gRPC stream that never ends after cancel
  };
  const sub = resubscribingIterator(deaf, 0n, { backoffMs: [1] });
  const reading = take(sub, 5);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await sub.close();
  assert.equal(await reading, [1n]);
});

t('close during a backoff ends at once and opens nothing more', async () => {
  let dropped = () => undefined as void;
  const firstDrop = new Promise<void>((resolve) => { dropped = resolve; });
  const source = scripted([{ positions: [], then: new Error('unavailable') }]);
  const sub = resubscribingIterator(source.open, 0n, { backoffMs: [60_000], onDrop: () => dropped() });
  const reading = take(sub, 1);
  await firstDrop;
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const waiting = timers();
  const started = Date.now();
  await sub.close();
  assert.equal(await reading, []);
  assert.ok(Date.now() - started < 1_000);
  assert.is(source.opened.length, 1);
  assert.is(timers(), waiting - 1, 'the backoff timer is cleared, not left to hold the process');
});

t('repeated failures back off along the schedule, and a delivered event resets it', async () => {
  const times: number[] = [];
  const flaky: OpenSource = async function* (after) {
    times.push(Date.now());
    if (times.length >= 3) yield at(after + 1n); // opens 3 and 4 deliver one event each
    if (times.length === 4) await new Promise(() => undefined);
    throw new Error('down');
  };
  const sub = resubscribingIterator(flaky, 0n, { backoffMs: [20, 200] });
  assert.equal(await take(sub, 2), [1n, 2n]);
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  assert.ok(gaps[0]! >= 15 && gaps[0]! < 180, `first retry after ~20ms, got ${gaps[0]}`);
  assert.ok(gaps[1]! >= 190, `second retry after ~200ms, got ${gaps[1]}`);
  assert.ok(gaps[2]! >= 15 && gaps[2]! < 180, `after a delivery the schedule restarts, got ${gaps[2]}`);
  await sub.close();
});

t('breaking out of the loop stops the subscription like close does', async () => {
  const source = scripted([{ positions: [1n, 2n, 3n], then: 'hang' }]);
  const sub = resubscribingIterator(source.open, 0n, { backoffMs: [1] });
  assert.equal(await take(sub, 2), [1n, 2n]);
  assert.equal(source.aborted, [true]);
  assert.equal(await take(sub, 1), []);
  assert.is(source.opened.length, 1);
});

t('closing the set ends every tracked subscription, the waiting and the retrying, and none reopens its source', async () => {
  const set = subscriptionSet();
  const waiting = scripted([{ positions: [1n], then: 'hang' }]);
  const failing = scripted([{ positions: [], then: new Error('client disposed') }]); // what a closed client answers
  const a = set.track(() => resubscribingIterator(waiting.open, 0n, { backoffMs: [5] }));
  const b = set.track(() => resubscribingIterator(failing.open, 0n, { backoffMs: [5] }));
  const readingA = take(a, 5);
  const readingB = take(b, 5);
  await new Promise((resolve) => setTimeout(resolve, 30));
  await set.closeAll();
  assert.equal(await readingA, [1n]);
  assert.equal(await readingB, []);
  const openedAtClose = [waiting.opened.length, failing.opened.length];
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal([waiting.opened.length, failing.opened.length], openedAtClose, 'nothing resubscribes after close');
  assert.is(set.size, 0);
});

t('after the set is closed, a new subscription is ended at once and never opened', async () => {
  const set = subscriptionSet();
  await set.closeAll();
  let made = 0;
  const sub = set.track(() => {
    made += 1;
    return resubscribingIterator(scripted([{ positions: [1n], then: 'hang' }]).open, 0n);
  });
  assert.equal(await take(sub, 1), []);
  assert.is(made, 0);
});

t('a subscription left by breaking out of its loop is no longer tracked', async () => {
  const set = subscriptionSet();
  const source = scripted([{ positions: [1n, 2n], then: 'hang' }]);
  const sub = set.track(() => resubscribingIterator(source.open, 0n, { backoffMs: [1] }));
  assert.equal(await take(sub, 1), [1n]);
  assert.is(set.size, 0);
  assert.equal(source.aborted, [true]);
});

t.run();
