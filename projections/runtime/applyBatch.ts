// One batch: events in, document changes out, committed with the checkpoint; events a
// projection cannot apply are parked (before the commit, so none is ever skipped silently).
// Only the projection's own errors park an event: a store error fails the batch, which the
// projector retries. A document changed several times in a batch is written once, in its
// last state.
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { CollectionBatch, Doc, DocChange, ReadModelBackend } from '../../readmodels/documents/port.ts';
import { documentSizeError } from '../../readmodels/documents/documentSize.ts';
import { toProjectedEvent, type Projection, type ProjectionView } from '../definitions/projection.ts';
import { tenantOf, type FeedItem } from './liveFeed.ts';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';
import { docTypeError } from '../../readmodels/documents/indexSpec.ts';

export interface BatchOutcome {
  readonly applied: number; // events the projection handled
  readonly parked: number;
  readonly feed: readonly FeedItem[]; // one per changed document, last change wins
  readonly lastRecordedAt: string | undefined;
}

export interface StagedBatch {
  readonly write: CollectionBatch;
  readonly outcome: BatchOutcome;
}

// The changes `events` make to one generation of a projection, not yet committed.
export async function stageEventBatch(
  docs: ReadModelBackend,
  projection: Projection,
  handles: ReadonlySet<string>,
  generation: number,
  events: readonly RecordedEvent[],
  checkpoint: bigint,
): Promise<StagedBatch> {
  const overlay = new Map<string, Doc | null>();
  // What the store threw while the projection read through the view: not the projection's
  // fault, so the batch fails (and is retried) instead of the event being parked.
  const storeErrors = new Set<unknown>();
  const view: ProjectionView = {
    get: async (id) => {
      if (overlay.has(id)) return overlay.get(id) ?? undefined;
      try {
        return await docs.get(projection.name, id, generation);
      } catch (error) {
        storeErrors.add(error);
        throw error;
      }
    },
  };
  const changes = new Map<string, DocChange>();
  const feed = new Map<string, FeedItem>();
  let applied = 0;
  let parked = 0;
  for (const recorded of events) {
    if (!handles.has(recorded.type)) continue;
    try {
      const event = toProjectedEvent(recorded);
      const out = await projection.apply(event, view);
      for (const change of out) {
        if (!('upsert' in change)) continue; // every upsert checked before any is staged: an event is kept whole or parked
        const refused = documentSizeError(projection.name, change.upsert) ?? docTypeError(projection.name, projection.indexes, change.upsert);
        if (refused) throw new Error(refused); // as a projection's own mistake: the event is parked with it
      }
      const position = String(recorded.position);
      for (const change of out) {
        if ('upsert' in change) {
          const doc = change.upsert;
          overlay.set(doc.id, doc);
          changes.set(doc.id, { type: 'upsert', id: doc.id, doc, position: recorded.position });
          feed.set(doc.id, { collection: projection.name, id: doc.id, tenantId: tenantOf(doc), position, doc });
        } else {
          const before = await view.get(change.delete);
          const tenantId = before ? tenantOf(before) : undefined;
          overlay.set(change.delete, null);
          // The tombstone keeps the tenant, for processes that read the change back (changedSince).
          changes.set(change.delete, { type: 'delete', id: change.delete, position: recorded.position, ...(tenantId === undefined ? {} : { tenantId }) });
          feed.set(change.delete, { collection: projection.name, id: change.delete, tenantId, position });
        }
      }
      applied++;
    } catch (error) {
      if (storeErrors.has(error) || isStoreFault(error)) throw error;
      parked++;
      await docs.park({
        collection: projection.name,
        generation,
        position: String(recorded.position),
        eventId: recorded.eventId,
        type: recorded.type,
        error: error instanceof Error ? error.message : String(error),
        parkedAt: new Date().toISOString(),
      });
    }
  }
  const last = events[events.length - 1];
  return {
    write: { collection: projection.name, generation, changes: [...changes.values()], checkpoint },
    outcome: { applied, parked, feed: [...feed.values()], lastRecordedAt: last ? String(last.metadata.recordedAt ?? last.created) : undefined },
  };
}

// One projection alone: staged and committed with its checkpoint.
export async function applyEventBatch(
  docs: ReadModelBackend,
  projection: Projection,
  handles: ReadonlySet<string>,
  generation: number,
  batch: readonly RecordedEvent[],
  scannedTo?: bigint, // the log was read up to here (a filtered read may end past the last event)
): Promise<BatchOutcome> {
  const last = batch[batch.length - 1];
  const checkpoint = last && (scannedTo === undefined || last.position > scannedTo) ? last.position : scannedTo;
  if (checkpoint === undefined) return { applied: 0, parked: 0, feed: [], lastRecordedAt: undefined };
  const staged = await stageEventBatch(docs, projection, handles, generation, batch, checkpoint);
  await docs.applyBatch(projection.name, generation, staged.write.changes, checkpoint);
  return staged.outcome;
}

