// The log chain checked against the anchors: recomputed in position order segment by
// segment (each anchor's segment with that anchor's key, from the state of the anchor
// before it) and compared where each anchor was taken. A segment that differs is reported
// once, naming its position range; the next segment starts again from what the anchor
// signed, so each tampered range shows on its own.
import { anchorSignature, LOG_GENESIS, logChainStep } from '../../domain/shared/logChain.ts';
import type { ChainKey } from '../../domain/shared/hashChain.ts';
import type { Anchor } from '../../connectors/audit/anchors.ts';
import type { Fail } from './chainBreaks.ts';

export function anchoredLog(anchors: readonly Anchor[], keyOf: (id: string) => ChainKey | undefined, fail: Fail) {
  const usable = checkRecord(anchors, keyOf, fail);
  let next = 0; // the anchor whose segment we are in
  let state = LOG_GENESIS;
  let events = 0;
  let head = 0n;
  const compare = (anchor: Anchor, ended: boolean) => {
    const from = next === 0 ? 1n : BigInt(usable[next - 1]!.position) + 1n;
    const at = { position: anchor.position, details: { anchor: anchor.seq, anchoredAt: anchor.at, from: String(from), to: anchor.position, anchoredEvents: anchor.events, foundEvents: events } };
    if (ended && head < BigInt(anchor.position)) {
      fail({ ...at, problem: 'log_truncated', message: `The log ends at position ${head}, but anchor ${anchor.seq} (${anchor.at}) saw it reach ${anchor.position} with ${anchor.events} events: its tail was deleted` });
    } else if (state !== anchor.state || events !== anchor.events) {
      const counted = events === anchor.events ? '' : ` (${events} events where ${anchor.events} were anchored)`;
      fail({ ...at, problem: 'anchor_mismatch', message: `Between positions ${from} and ${anchor.position} the log is not what anchor ${anchor.seq} signed at ${anchor.at}${counted}: an event there was edited, inserted, reordered or deleted` });
    }
    state = anchor.state;
    events = anchor.events;
    next++;
  };
  return {
    anchors: usable,
    step(position: bigint, digest: string): void {
      while (next < usable.length && position > BigInt(usable[next]!.position)) compare(usable[next]!, false);
      head = position;
      if (next >= usable.length) return; // the tail after the last anchor: nothing signed it yet
      state = logChainStep(keyOf(usable[next]!.keyId)!.secret, state, position, digest);
      events++;
    },
    end(): number {
      const checked = usable.length;
      while (next < usable.length) compare(usable[next]!, true);
      return checked;
    },
  };
}

// Anchors numbered 1, 2, 3…, each signed with a key we hold and chained to the one before;
// the ones after the first break are not trusted (nor compared).
function checkRecord(anchors: readonly Anchor[], keyOf: (id: string) => ChainKey | undefined, fail: Fail): readonly Anchor[] {
  let prevSignature = LOG_GENESIS;
  let prevPosition = 0n;
  for (const [i, anchor] of anchors.entries()) {
    const key = keyOf(anchor.keyId);
    const problem =
      anchor.seq !== i + 1 ? `anchor ${i + 1} is missing (found ${anchor.seq})`
      : !key ? `it was signed with key ${anchor.keyId}, which the keyring does not hold`
      : anchor.prevSignature !== prevSignature ? 'it does not link to the anchor before it'
      : BigInt(anchor.position) < prevPosition ? 'its position is before the anchor before it'
      : anchorSignature(key.secret, anchor) !== anchor.signature ? 'its signature does not match what it says'
      : undefined;
    if (problem) {
      fail({ position: anchor.position, problem: 'anchor_invalid', message: `Anchor ${anchor.seq} cannot be trusted: ${problem}`, details: { anchor: anchor.seq } });
      return anchors.slice(0, i);
    }
    prevSignature = anchor.signature;
    prevPosition = BigInt(anchor.position);
  }
  return anchors;
}
