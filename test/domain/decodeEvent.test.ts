// The one stored-event decoder: what it accepts becomes a typed event at today's schema
// version; anything else is an error value naming what is wrong, never a guess.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEvent, type StoredEvent } from '../../domain/decodeEvent.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { thenRefused } from '../support/then.ts';

const t = suite('decodeEvent');

const metadata = {
  eventId: 'e-1',
  tenantId: 'acme',
  actor: { type: 'user', id: 'ana', role: 'agency-user' },
  commandId: 'cmd-1',
  commandHash: 'h',
  correlationId: 'cmd-1',
  causationId: 'cmd-1',
  schemaVersion: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};
const stored = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  eventId: 'e-1',
  streamId: 'plan-acme.q3',
  revision: 3n,
  position: 17n,
  type: 'plan.line_item_removed',
  data: { lineItemId: 'a' },
  metadata,
  ...overrides,
});
const v1Data = { lineItemId: 'old', name: 'Old', platform: 'meta', objective: 'traffic', budget: 12.5, flightStart: '2026-12-01', flightEnd: '2026-12-10' };

t('a valid stored event comes out typed, with its place in the log and its metadata', () => {
  const event = decodeEvent(stored());
  if (isDomainError(event)) return assert.unreachable(event.message);
  assert.equal([event.type, event.data, event.revision, event.position, event.streamId], ['plan.line_item_removed', { lineItemId: 'a' }, 3n, 17n, 'plan-acme.q3']);
  assert.equal(event.metadata, metadata);
});

t('an old schema version is upcast, and its metadata says the version it is read at', () => {
  const event = decodeEvent(stored({ type: 'plan.line_item_added', data: v1Data }));
  if (isDomainError(event) || event.type !== 'plan.line_item_added') return assert.unreachable(JSON.stringify(event));
  assert.is(event.data.budgetMicros, 12_500_000);
  assert.is(event.metadata.schemaVersion, 2);
});

t('bad metadata is refused, naming the field', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...metadata, tenantId: undefined }, 'tenantId'],
    [{ ...metadata, actor: 'ana' }, 'actor'],
    [{ ...metadata, actor: { ...metadata.actor, role: 'root' } }, 'actor.role'],
    [{ ...metadata, schemaVersion: 1.5 }, 'schemaVersion'],
    [{ ...metadata, commandId: '' }, 'commandId'],
  ];
  for (const [bad, field] of cases) {
    const refused = thenRefused(decodeEvent(stored({ metadata: bad })), 'event.invalid_metadata', 'invalid');
    assert.ok(JSON.stringify(refused.details).includes(`"path":"${field}"`), `${field}: ${JSON.stringify(refused.details)}`);
    assert.match(refused.message, 'e-1');
  }
});

t('bad data, an unknown type and a version newer than the code are refused', () => {
  thenRefused(decodeEvent(stored({ data: { lineItemId: 'A.B' } })), 'event.invalid_data');
  thenRefused(decodeEvent(stored({ type: 'plan.exploded' })), 'event.unknown_type');
  thenRefused(decodeEvent(stored({ metadata: { ...metadata, schemaVersion: 9 } })), 'event.unknown_version');
});

t.run();
