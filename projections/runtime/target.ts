// Where a projector writes: a document collection of the read models, or the reporting
// warehouse. The projector owns the loop (lease, catch-up, subscription, retries) and the
// daemon the rebuilds; a target owns its store's generations and commits each batch with its
// checkpoint, so the same rules hold for both: checkpointed, rebuildable, never doubled.
// Targets on one store run as a group: one read of the log, each event decoded once, one
// commit per batch for all of them with their checkpoints inside.
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { Projection } from '../definitions/projection.ts';
import { applyEventBatch, stageEventBatch, type BatchOutcome } from './applyBatch.ts';

export interface ProjectionTarget {
  readonly name: string;
  // Exact event types it applies, or every event (the reporting ledger); others are skipped.
  readonly handles: readonly string[] | 'all';
  // Events per batch where the daemon's default would not fit, and what else a batch may hold.
  readonly batchSize?: number;
  readonly budget?: BatchBudget;
  prepare(): Promise<void>;
  activeGeneration(): Promise<number>;
  checkpoint(generation: number): Promise<bigint | undefined>;
  // Applies the batch and records `scannedTo` (or its last position) as the checkpoint, at once.
  apply(generation: number, batch: readonly RecordedEvent[], scannedTo?: bigint): Promise<BatchOutcome>;
  saveCheckpoint(generation: number, position: bigint): Promise<void>;
  activate(generation: number): Promise<void>;
  dropGeneration(generation: number): Promise<void>;
}

// One member's share of a batch: the events after `after`, up to and including `upTo`,
// which becomes its checkpoint.
export interface MemberBatch {
  readonly target: ProjectionTarget;
  readonly generation: number;
  readonly after: bigint;
  readonly upTo: bigint;
}

// What a batch may hold besides a count of events: a performance day carries up to 20,000
// rows, a ledger event one, and a batch is held in memory whole.
export interface BatchBudget {
  weigh(event: RecordedEvent): number;
  readonly max: number;
}

// Targets a projector runs together, and how a batch of theirs is committed.
export interface TargetGroup {
  readonly name: string;
  readonly batchSize?: number;
  readonly budget?: BatchBudget;
  apply(batch: readonly RecordedEvent[], members: readonly MemberBatch[]): Promise<ReadonlyMap<string, BatchOutcome>>;
}

export const handlesEvent = (target: ProjectionTarget, type: string, handles: ReadonlySet<string>): boolean => target.handles === 'all' || handles.has(type);

const within = (batch: readonly RecordedEvent[], after: bigint, upTo: bigint): readonly RecordedEvent[] => {
  if (batch.length === 0 || (batch[0]!.position > after && batch[batch.length - 1]!.position <= upTo)) return batch;
  return batch.filter((e) => e.position > after && e.position <= upTo);
};

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

// Read-model projections on one document store: every member's changes and checkpoint in
// one commit (one transaction on the embedded store).
export function documentGroup(docs: ReadModelBackend, projections: readonly Projection[]): TargetGroup {
  const byName = new Map(projections.map((p) => [p.name, { projection: p, handles: new Set(p.handles) }]));
  return {
    name: projections.length === 1 ? projections[0]!.name : 'read_models',
    async apply(batch, members) {
      const staged = [];
      for (const m of members) {
        const { projection, handles } = byName.get(m.target.name)!;
        staged.push(await stageEventBatch(docs, projection, handles, m.generation, within(batch, m.after, m.upTo), m.upTo));
      }
      const [only] = staged;
      if (staged.length === 1) await docs.applyBatch(only!.write.collection, only!.write.generation, only!.write.changes, only!.write.checkpoint);
      else await docs.applyBatches(staged.map((s) => s.write));
      return new Map(staged.map((s) => [s.write.collection, s.outcome]));
    },
  };
}

// A target that commits on its own (the warehouse).
export function singleGroup(target: ProjectionTarget): TargetGroup {
  return {
    name: target.name,
    ...(target.batchSize !== undefined ? { batchSize: target.batchSize } : {}),
    ...(target.budget !== undefined ? { budget: target.budget } : {}),
    async apply(batch, members) {
      const out = new Map<string, BatchOutcome>();
      for (const m of members) out.set(m.target.name, await m.target.apply(m.generation, within(batch, m.after, m.upTo), m.upTo));
      return out;
    },
  };
}
