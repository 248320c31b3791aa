import { projection, type Projection } from '../../projections/definitions/projection.ts';

// A minimal projection for runtime tests: one document per stream counting its events,
// and it refuses (throws on) any event whose data says `poison: true`.
export const streamCounter: Projection = projection({
  name: 'stream_counter',
  indexes: ['tenantId', 'count'],
  handles: ['test.counted', 'test.poison'],
  async apply(event, view) {
    if ((event.data as { poison?: boolean }).poison) throw new Error(`cannot apply ${event.eventId}`);
    const current = await view.get(event.streamId);
    const count = Number(current?.count ?? 0) + 1;
    return [{ upsert: { id: event.streamId, tenantId: event.metadata.tenantId, count, last: String(event.position) } }];
  },
});
