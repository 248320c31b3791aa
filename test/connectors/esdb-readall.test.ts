// A filtered $all read on EventStoreDB is a server-filtered subscription taken until it is
// caught up; here scripted subscription signals show where it stops, what it drops, and where
// a paged read must take over when an older server goes quiet without saying it caught up.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { takeFiltered, type Resume, type Signal } from '../../connectors/eventstore/esdbReadAll.ts';
import type { EventFilter, RecordedEvent } from '../../connectors/eventstore/port.ts';

const t = suite('esdb filtered readAll');

const event = (commit: bigint, type = 'plan.edited', streamId = 'plan-t.p'): Signal => ({
  kind: 'event',
  resolved: {
    event: { streamId, id: `00000000-0000-4000-8000-${String(commit).padStart(12, '0')}`, revision: 0n, type, data: {}, metadata: {}, isJson: true, created: new Date(0), position: { commit, prepare: commit } },
  } as AllStreamResolvedEvent,
});
const checkpoint = (commit: bigint): Signal => ({ kind: 'checkpoint', position: { commit, prepare: commit } });
const caughtUp: Signal = { kind: 'caughtUp' };
const quiet: Signal = { kind: 'quiet' };

async function run(signals: Signal[], after: bigint, maxCount: number, filter?: EventFilter) {
  let delivered = 0;
  async function* source() {
    for (const s of signals) {
      delivered += 1;
      yield s;
    }
  }
  const taken = takeFiltered(source(), after, maxCount, filter);
  const events: RecordedEvent[] = [];
  let step = await taken.next();
  for (; !step.done; step = await taken.next()) events.push(step.value);
  return { positions: events.map((e) => e.position), resume: step.value as Resume | undefined, delivered };
}

t('given the server says it caught up, then the read ends there with nothing left to page', async () => {
  const r = await run([event(10n), event(20n), caughtUp, event(30n)], 0n, Infinity);
  assert.equal(r.positions, [10n, 20n]);
  assert.is(r.resume, undefined);
});

t('given maxCount, then the read stops at that many events without waiting for more', async () => {
  const r = await run([event(10n), event(20n), event(30n), event(40n)], 0n, 2);
  assert.equal(r.positions, [10n, 20n]);
  assert.is(r.resume, undefined);
  assert.is(r.delivered, 2, 'nothing past the last wanted event is asked for');
});

t('`after` is exclusive: an event at or before it (an inclusive server start) is dropped', async () => {
  const r = await run([event(20n), event(30n), caughtUp], 20n, Infinity);
  assert.equal(r.positions, [30n]);
});

t('events the port filter refuses, and the server\'s own, are dropped even if the server sent them', async () => {
  const r = await run([event(10n, 'plan.a'), event(20n, '$metadata'), event(30n, 'tenant.a'), event(40n, 'plan.b', '$$plan-t.p'), caughtUp], 0n, Infinity, { eventTypePrefixes: ['plan.'] });
  assert.equal(r.positions, [10n]);
});

t('given a quiet server that never says it caught up, then a paged read takes over from the last checkpoint past the last event', async () => {
  const r = await run([event(10n), checkpoint(500n), checkpoint(900n), quiet], 0n, 5);
  assert.equal(r.positions, [10n]);
  assert.equal(r.resume, { from: { commit: 900n, prepare: 900n }, last: { commit: 10n, prepare: 10n }, remaining: 4 });
});

t('given a checkpoint behind the last event, then the paged read resumes after the event, not from the checkpoint', async () => {
  const r = await run([checkpoint(5n), event(10n), quiet], 0n, Infinity);
  assert.equal(r.resume?.from, { commit: 10n, prepare: 10n });
});

t('given a subscription the server ends, then what is left is read in pages from the last event', async () => {
  const r = await run([event(10n)], 3n, 7);
  assert.equal(r.resume, { from: { commit: 10n, prepare: 10n }, last: { commit: 10n, prepare: 10n }, remaining: 6 });
});

t('given maxCount 0, then nothing is read at all', async () => {
  const r = await run([event(10n)], 0n, 0);
  assert.equal([r.positions, r.resume, r.delivered], [[], undefined, 0]);
});

t.run();
