// An auditor's question: what did this aggregate look like at a past time or revision?
import type { EventStore } from '../connectors/eventstore/port.ts';
import { applyRecorded, emptyLoad, type Fold } from './loadAggregate.ts';

export type AsOf = { readonly revision: bigint } | { readonly time: string } | undefined;

export interface StateAsOf<S> {
  readonly state: S;
  readonly revision: string; // "-1": the stream did not exist yet
  readonly position: string;
  readonly recordedAt: string | null; // when the last folded event was recorded
}

export async function stateAsOf<S>(store: EventStore, stream: string, fold: Fold<S>, asOf: AsOf): Promise<StateAsOf<S>> {
  let loaded = emptyLoad(stream, fold);
  let recordedAt: string | null = null;
  const cutoff = asOf && 'time' in asOf ? Date.parse(asOf.time) : undefined;
  for await (const e of store.readStream(stream)) {
    if (asOf && 'revision' in asOf && e.revision > asOf.revision) break;
    const at = String(e.metadata.recordedAt ?? e.created);
    if (cutoff !== undefined && Date.parse(at) > cutoff) break;
    loaded = applyRecorded(loaded, fold, [e]);
    recordedAt = at;
  }
  return { state: loaded.state, revision: String(loaded.revision), position: String(loaded.position), recordedAt };
}
