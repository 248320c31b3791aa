// The EventStoreDB mappings, checked against the client's own classes and helpers
// (WrongExpectedVersionError, StreamNotFoundError, jsonEvent), since no server runs here.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import {
  NO_POSITION,
  fromAppendError,
  fromPosition,
  fromRecorded,
  isAfter,
  isStreamNotFound,
  isSystemEvent,
  toCommit,
  toEsdbExpected,
  toEventData,
  toServerFilter,
} from '../../connectors/eventstore/esdbMapping.ts';

const t = suite('esdb mapping');
const id = '0b6c3a52-2f4e-4d8e-9a43-6f1f2f7f5c11';

const recorded = (over: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent => ({
  streamId: 'plan-t1.p1',
  id,
  isJson: true,
  revision: 4n,
  type: 'plan.version_submitted',
  created: new Date('2024-05-06T07:08:09.123Z'),
  data: { version: 2 },
  metadata: { tenantId: 't1' },
  position: { commit: 9_001n, prepare: 9_001n },
  ...over,
} as EsdbRecordedEvent);

t('expected revisions map onto the client constants, revisions pass through', () => {
  assert.is(toEsdbExpected('no_stream'), 'no_stream');
  assert.is(toEsdbExpected('any'), 'any');
  assert.is(toEsdbExpected('exists'), 'stream_exists');
  assert.is(toEsdbExpected(7n), 7n);
});

t('a wrong expected version becomes our conflict with the actual revision', () => {
  const error = new WrongExpectedVersionError(undefined, { streamName: 'plan-t1.p1', expected: 3n, current: 5n });
  const mapped = fromAppendError(error, 'plan-t1.p1', 3n);
  assert.equal(mapped, {
    kind: 'conflict',
    code: 'stream.wrong_expected_revision',
    message: 'Stream plan-t1.p1 is at 5, not at the expected 3',
    details: { stream: 'plan-t1.p1', expected: '3', actual: '5' },
  });
});

t('a conflict on a stream that does not exist reports no_stream and our own expectation', () => {
  const error = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 'stream_exists', current: NO_STREAM });
  const mapped = fromAppendError(error, 's-1', 'exists');
  assert.equal(mapped?.details, { stream: 's-1', expected: 'exists', actual: 'no_stream' });
});

t('other failures are not conflicts, so the adapter rethrows them', () => {
  assert.is(fromAppendError(new StreamNotFoundError(undefined, 's-1'), 's-1', 'any'), undefined);
  assert.is(fromAppendError(new Error('unavailable'), 's-1', 'any'), undefined);
  assert.is(fromAppendError('boom', 's-1', 'any'), undefined);
});

t('only the client StreamNotFoundError counts as a missing stream', () => {
  assert.ok(isStreamNotFound(new StreamNotFoundError(undefined, 'plan-x')));
  assert.not.ok(isStreamNotFound(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 2n })));
  assert.not.ok(isStreamNotFound(new Error('stream-not-found')));
});

t('a recorded event maps its revision, commit position, payload and ISO time', () => {
  assert.equal(fromRecorded(recorded()), {
    eventId: id,
    streamId: 'plan-t1.p1',
    revision: 4n,
    position: 9_001n,
    type: 'plan.version_submitted',
    data: { version: 2 },
    metadata: { tenantId: 't1' },
    created: '2024-05-06T07:08:09.123Z',
  });
});

t('metadata that is absent or binary becomes an empty record', () => {
  assert.equal(fromRecorded(recorded({ metadata: undefined })).metadata, {});
  assert.equal(fromRecorded(recorded({ metadata: new Uint8Array([1, 2]) })).metadata, {});
});

t('a stream read without a position falls back to the resolved commit position, else NO_POSITION', () => {
  const none = (1n << 64n) - 1n; // what the client shows when a server before 22.6 sent no position
  assert.is(fromRecorded(recorded({ position: undefined }), 77n).position, 77n);
  assert.is(fromRecorded(recorded({ position: undefined })).position, NO_POSITION);
  assert.is(toCommit({ commit: none, prepare: none }), NO_POSITION);
  assert.is(toCommit({ commit: 12n, prepare: 10n }), 12n);
  assert.is(toCommit({ commit: 12n, prepare: 10n }, 99n), 12n, 'the record\'s own position wins when it is real');
});

t('the client fills a missing record position itself, so the fallback applies to its fillers too', () => {
  const none = (1n << 64n) - 1n;
  assert.is(fromRecorded(recorded({ position: { commit: none, prepare: none } }), 4_096n).position, 4_096n);
  assert.is(fromRecorded(recorded({ position: { commit: 0n, prepare: 0n } }), 4_096n).position, 4_096n);
  assert.is(fromRecorded(recorded({ position: { commit: 0n, prepare: 0n } })).position, NO_POSITION);
  assert.is(toCommit({ commit: none, prepare: none }, none), NO_POSITION);
});

t('our exclusive START reads from the start, any other position from that record', () => {
  assert.is(fromPosition(0n), 'start');
  assert.equal(fromPosition(4_242n), { commit: 4_242n, prepare: 4_242n });
});

t('isAfter orders by commit, then prepare, and is strict', () => {
  const p = (commit: bigint, prepare: bigint) => ({ commit, prepare });
  assert.ok(isAfter(p(11n, 11n), p(10n, 10n)));
  assert.not.ok(isAfter(p(10n, 10n), p(10n, 10n)));
  assert.not.ok(isAfter(p(9n, 9n), p(10n, 10n)));
  assert.ok(isAfter(p(20n, 15n), p(20n, 12n)));
  assert.not.ok(isAfter(p(20n, 12n), p(20n, 15n)));
});

t('system events are $-typed or live in $-streams', () => {
  assert.ok(isSystemEvent('$stats-127.0.0.1:2113', 'statsCollected'));
  assert.ok(isSystemEvent('$ce-plan', '$>'));
  assert.ok(isSystemEvent('plan-t1.p1', '$metadata'));
  assert.not.ok(isSystemEvent('plan-t1.p1', 'plan.drafted'));
});

t('the server filter prefers event types, then streams, else excludes system events', () => {
  const both = toServerFilter({ streamPrefixes: ['plan-'], eventTypePrefixes: ['plan.', 'launch.blocked'] });
  assert.is(both.filterOn, 'eventType');
  assert.equal('prefixes' in both ? both.prefixes : undefined, ['plan.', 'launch.blocked']);
  const streams = toServerFilter({ streamPrefixes: ['tenant-'] });
  assert.is(streams.filterOn, 'streamName');
  assert.equal('prefixes' in streams ? streams.prefixes : undefined, ['tenant-']);
  for (const none of [undefined, {}, { eventTypePrefixes: [] }]) {
    const filter = toServerFilter(none);
    assert.is(filter.filterOn, 'eventType');
    assert.is('regex' in filter ? filter.regex : undefined, '^[^$].*');
  }
});

t('new events become the same EventData that jsonEvent builds', () => {
  const event = { eventId: id, type: 'tenant.created', data: { name: 'Acme' }, metadata: { actor: 'u1' } };
  assert.equal(toEventData(event), jsonEvent({ id, type: event.type, data: event.data, metadata: event.metadata }));
  assert.is(toEventData({ ...event, data: null }).data, null);
});

t.run();
