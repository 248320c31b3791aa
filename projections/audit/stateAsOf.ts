// An auditor's question: what did this aggregate look like at a past time or revision?
// Folded on demand through the same decoder and evolve the write side uses.
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { emptyStream, foldEvents, type Aggregate } from '../../commands/loadStream.ts';
import type { AnyEvent } from '../../domain/events.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';

export type AsOf = { readonly revision: bigint } | { readonly time: string } | undefined;

export interface StateAsOf<S> {
  readonly state: S;
  readonly revision: string; // "-1": the stream did not exist yet
  readonly position: string;
  readonly recordedAt: string | null; // when the last folded event was recorded
}

export async function stateAsOf<S, E extends AnyEvent>(store: EventStore, stream: string, aggregate: Aggregate<S, E>, asOf: AsOf): Promise<StateAsOf<S> | DomainError> {
  let loaded = emptyStream(stream, aggregate);
  let recordedAt: string | null = null;
  const cutoff = asOf && 'time' in asOf ? Date.parse(asOf.time) : undefined;
  for await (const e of store.readStream(stream)) {
    if (asOf && 'revision' in asOf && e.revision > asOf.revision) break;
    const at = typeof e.metadata.recordedAt === 'string' ? e.metadata.recordedAt : e.created;
    if (cutoff !== undefined && Date.parse(at) > cutoff) break;
    const next = foldEvents(loaded, aggregate, [e]);
    if (isDomainError(next)) return next;
    loaded = next;
    recordedAt = at;
  }
  return { state: loaded.state, revision: String(loaded.revision), position: String(loaded.position), recordedAt };
}
