// `adledger audit verify`: the log's stream chains and its log chain, checked from the log
// itself against the keyring and the anchors (projections/audit/verifyLog.ts does the walk).
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import type { Anchor } from '../../connectors/audit/anchors.ts';
import { eventDigest } from '../../domain/shared/logChain.ts';
import { parseStreamName } from '../../domain/streams.ts';
import type { KeyLookup } from './streamChains.ts';
import { verifyLog, type LogEntry } from './verifyLog.ts';

export type { ChainBreak, ChainProblem, ChainReport } from './chainBreaks.ts';

export interface VerifyOptions {
  readonly tenantId?: string; // only this tenant's stream chains (the log chain always spans every event)
  readonly keys?: KeyLookup;
  readonly anchors?: readonly Anchor[];
}

export function verifyChains(store: EventStore, options: VerifyOptions = {}) {
  return verifyLog(entriesOf(store, options.tenantId), { gapFreePositions: store.gapFreePositions, ...(options.keys ? { keys: options.keys } : {}), ...(options.anchors ? { anchors: options.anchors } : {}) });
}

async function* entriesOf(store: EventStore, tenantId: string | undefined): AsyncIterable<LogEntry> {
  for await (const e of store.readAll()) {
    const inScope = tenantId === undefined || tenantOf(e) === tenantId;
    yield { position: e.position, digest: eventDigest(e), ...(inScope ? { event: e } : {}) };
  }
}

export function tenantOf(e: Pick<RecordedEvent, 'streamId' | 'metadata'>): string | undefined {
  return parseStreamName(e.streamId)?.tenantId ?? (e.metadata.tenantId as string | undefined);
}
