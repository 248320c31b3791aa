// `adledger audit verify`: recompute every stream's hash chain from the log itself.
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { parseStreamName } from '../../domain/streams.ts';
import { chainHash, GENESIS_HASH } from '../../domain/shared/hashChain.ts';

export type ChainProblem = 'hash_mismatch' | 'broken_link' | 'revision_gap' | 'position_gap' | 'missing_hash';

export interface ChainBreak {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly problem: ChainProblem;
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly breaks: readonly ChainBreak[];
}

interface StreamTip {
  hash: string;
  revision: bigint;
}

export async function verifyChains(store: EventStore, options: { tenantId?: string } = {}): Promise<ChainReport> {
  const tips = new Map<string, StreamTip>();
  const breaks: ChainBreak[] = [];
  let events = 0;
  let lastPosition = 0n;
  const fail = (e: RecordedEvent, problem: ChainProblem, message: string) =>
    breaks.push({ stream: e.streamId, revision: String(e.revision), position: String(e.position), problem, message });

  for await (const e of store.readAll()) {
    // A hole in a gap-free log is a deleted event, whichever stream it belonged to.
    if (store.gapFreePositions && e.position !== lastPosition + 1n) {
      fail(e, 'position_gap', `Positions ${lastPosition + 1n}..${e.position - 1n} are missing from the log`);
    }
    lastPosition = e.position;
    if (options.tenantId !== undefined && tenantOf(e) !== options.tenantId) continue;
    events++;
    const tip = tips.get(e.streamId) ?? { hash: GENESIS_HASH, revision: -1n };
    if (e.revision !== tip.revision + 1n) fail(e, 'revision_gap', `Revision ${e.revision} follows ${tip.revision} in ${e.streamId}`);
    const stored = e.metadata.hash;
    if (typeof stored !== 'string') {
      fail(e, 'missing_hash', `Event ${e.eventId} carries no hash`);
    } else {
      if (e.metadata.prevHash !== tip.hash) fail(e, 'broken_link', `Event ${e.eventId} does not link to the event before it`);
      if (chainHash(String(e.metadata.prevHash), e) !== stored) fail(e, 'hash_mismatch', `Event ${e.eventId} was changed after it was written`);
    }
    tips.set(e.streamId, { hash: typeof stored === 'string' ? stored : tip.hash, revision: e.revision });
  }
  return { ok: breaks.length === 0, streams: tips.size, events, breaks };
}

function tenantOf(e: RecordedEvent): string | undefined {
  return parseStreamName(e.streamId)?.tenantId ?? (e.metadata.tenantId as string | undefined);
}
