// Where a projector writes: a document collection of the read models, or the reporting
// warehouse. The projector owns the loop (lease, catch-up, subscription, retries) and the
// daemon the rebuilds; a target owns its store's generations and commits each batch with its
// checkpoint, so the same rules hold for both: checkpointed, rebuildable, never doubled.
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { Projection } from '../definitions/projection.ts';
import { applyEventBatch, type BatchOutcome } from './applyBatch.ts';

export interface ProjectionTarget {
  readonly name: string;
  // Exact event types it applies, or every event (the reporting ledger); others are skipped.
  readonly handles: readonly string[] | 'all';
  // Events per batch where the daemon's default would hold too much at once (a performance
  // day carries up to 20,000 rows).
  readonly batchSize?: number;
  prepare(): Promise<void>;
  activeGeneration(): Promise<number>;
  checkpoint(generation: number): Promise<bigint | undefined>;
  // Applies the batch and records `scannedTo` (or its last position) as the checkpoint, at once.
  apply(generation: number, batch: readonly RecordedEvent[], scannedTo?: bigint): Promise<BatchOutcome>;
  saveCheckpoint(generation: number, position: bigint): Promise<void>;
  activate(generation: number): Promise<void>;
  dropGeneration(generation: number): Promise<void>;
}

export const handlesEvent = (target: ProjectionTarget, type: string, handles: ReadonlySet<string>): boolean => target.handles === 'all' || handles.has(type);

export function documentTarget(docs: ReadModelBackend, projection: Projection): ProjectionTarget {
  const handles = new Set(projection.handles);
  return {
    name: projection.name,
    handles: projection.handles,
    prepare: () => docs.prepare([{ name: projection.name, indexes: projection.indexes }]),
    activeGeneration: () => docs.activeGeneration(projection.name),
    checkpoint: (generation) => docs.checkpoint(projection.name, generation),
    apply: (generation, batch, scannedTo) => applyEventBatch(docs, projection, handles, generation, batch, scannedTo),
    saveCheckpoint: (generation, position) => docs.applyBatch(projection.name, generation, [], position),
    activate: (generation) => docs.activate(projection.name, generation),
    dropGeneration: (generation) => docs.dropGeneration(projection.name, generation),
  };
}
