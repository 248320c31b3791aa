// Test double of the runtime for projection specs: events are built like stored events
// (metadata, stream revisions, increasing log positions, the stored schema version), read
// through the real upcasters, and applied one by one over an in-memory view.
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import { readEvent } from '../../domain/events.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { accessStream, launchStream, performanceStream, planStream, scheduleStream, tenantStream } from '../../domain/streams.ts';
import { currentSchemaVersion } from '../../domain/upcasting.ts';
import type { ProjectedEvent, Projection } from '../../projections/definitions/projection.ts';
import { toProjectedEvent } from '../../projections/definitions/projection.ts';
import type { Doc } from '../../readmodels/documents/port.ts';
import type { GivenEvent } from '../domain/given.ts';
import { givenMetadata, TENANT } from '../domain/given.ts';
import { docTypeError } from '../../readmodels/documents/indexSpec.ts';

export type Docs = ReadonlyMap<string, Doc>;

const field = (data: unknown, key: string): unknown => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined);

// Plan events default to plan q3 (the domain fixtures' plan); launch events carry their plan and version.
function streamOf(event: GivenEvent): string {
  const [category] = event.type.split('.');
  if (category === 'tenant') return tenantStream(TENANT);
  if (category === 'plan') return planStream(TENANT, String(field(event.data, 'planId') ?? 'q3'));
  if (category === 'schedule') return scheduleStream(String(field(event.data, 'workflow')));
  if (category === 'user') return accessStream(TENANT);
  if (category === 'performance') return performanceStream(TENANT, String(field(event.data, 'platform')), String(field(event.data, 'accountId')));
  return launchStream(TENANT, String(field(event.data, 'planId')), Number(field(event.data, 'version')));
}

// Events as an event store would hand them out, positions from `first` on; each must be
// valid for its schema version, as the command pipeline guarantees for stored events.
export function stored(events: readonly GivenEvent[], first = 1): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return events.map((event, i) => {
    const n = first + i;
    const schemaVersion = 'schemaVersion' in event ? event.schemaVersion : currentSchemaVersion(event.type);
    const check = readEvent({ type: event.type, schemaVersion, data: event.data });
    if (isDomainError(check)) throw new Error(`Bad test event ${event.type}: ${check.message}`);
    const streamId = streamOf(event);
    const revision = (revisions.get(streamId) ?? -1n) + 1n;
    revisions.set(streamId, revision);
    const metadata = givenMetadata(n, event, schemaVersion);
    return { eventId: `evt-${n}`, streamId, revision, position: BigInt(n), type: event.type, data: event.data, metadata, created: metadata.recordedAt };
  });
}

export const projected = (events: readonly GivenEvent[], first = 1): ProjectedEvent[] => stored(events, first).map(toProjectedEvent);

// A document is JSON: it survives a JSON round trip unchanged (no undefined, bigint, Date).
function checkDoc(projection: Projection, doc: Doc): void {
  assert.equal(JSON.parse(JSON.stringify(doc)), doc, `${projection.name} ${doc.id} is not plain JSON`);
  for (const key of ['tenantId', 'updatedAt', 'position']) assert.type(doc[key], 'string', `${projection.name} ${doc.id} lacks ${key}`);
  for (const key of Object.keys(projection.indexes.fields)) assert.ok(key in doc, `${projection.name} ${doc.id} lacks indexed field ${key}`);
  assert.is(docTypeError(projection.name, projection.indexes, doc), undefined);
}

// Applies the events the projection handles, in order, over `start`; returns the documents.
// Each apply runs twice on the same view and must answer the same (determinism).
export async function replay(projection: Projection, events: readonly ProjectedEvent[], start: Docs = new Map()): Promise<Map<string, Doc>> {
  const docs = new Map(start);
  const view = { get: async (id: string) => docs.get(id) };
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const changes = await projection.apply(event, view);
    assert.equal(await projection.apply(event, view), changes, `${projection.name} is not deterministic on ${event.type}`);
    for (const change of changes) {
      if ('upsert' in change) {
        checkDoc(projection, change.upsert);
        docs.set(change.upsert.id, change.upsert);
      } else docs.delete(change.delete);
    }
  }
  return docs;
}

// The idempotence every projection owes a replay: the same events again change nothing.
export async function replayTwice(projection: Projection, events: readonly ProjectedEvent[]): Promise<Map<string, Doc>> {
  const once = await replay(projection, events);
  assert.equal(Object.fromEntries(await replay(projection, events, once)), Object.fromEntries(once), `${projection.name}: a replay changed documents`);
  return once;
}
