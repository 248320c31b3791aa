import type { NewEvent } from '../../connectors/eventstore/port.ts';
import { projection, type Projection } from '../../projections/definitions/projection.ts';
import { newId } from './ids.ts';

// What runtime tests append: real domain events with full metadata, since every event a
// projection sees has passed the one decoder. Its `warnings` count carries the test's marks.
export const POISON = 666; // the counter refuses an event with this many warnings

export function counted(tenantId: string, warnings = 0): NewEvent {
  const eventId = newId();
  return {
    eventId,
    type: 'tenant.feed_health_reported',
    data: { criticalErrors: 0, warnings },
    metadata: {
      eventId,
      tenantId,
      actor: { type: 'system', id: 'runtime-test', role: 'system' },
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      schemaVersion: 1,
      recordedAt: new Date().toISOString(),
    },
  };
}

// A minimal projection for runtime tests: one document per stream counting its events,
// and it refuses (throws on) the poison mark.
export const streamCounter: Projection = projection({
  name: 'stream_counter',
  indexes: { fields: { tenantId: 'string', count: 'number' }, shapes: [{ equal: ['tenantId'] }, { equal: [], sort: 'count' }] },
  handles: ['tenant.feed_health_reported'],
  async apply(event, view) {
    if (event.type === 'tenant.feed_health_reported' && event.data.warnings === POISON) throw new Error(`cannot apply ${event.eventId}`);
    const current = await view.get(event.streamId);
    const count = Number(current?.count ?? 0) + 1;
    return [{ upsert: { id: event.streamId, tenantId: event.metadata.tenantId, count, last: String(event.position) } }];
  },
});
