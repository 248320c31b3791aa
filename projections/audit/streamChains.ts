// The per-stream chains: each event links to the hash of the event before it in its stream,
// and its own hash recomputes from its content — keyed (HMAC, `hashKeyId`) or, before keys
// existed, plain SHA-256. An unkeyed event after the keyring's `legacyThrough` position, or
// after a keyed event of its stream, is an attacker's recomputation, not ours.
import { chainHash, GENESIS_HASH, type ChainKey, type ChainedContent } from '../../domain/shared/hashChain.ts';
import type { Fail } from './chainBreaks.ts';

export interface KeyLookup {
  readonly legacyThrough: bigint;
  byId(id: string): ChainKey | undefined;
}

export interface ChainedEvent extends ChainedContent {
  readonly eventId: string;
  readonly position: bigint;
}

interface StreamTip {
  readonly hash: string;
  readonly revision: bigint;
  readonly keyed: boolean;
}

export function streamChains(keys: KeyLookup | undefined) {
  const tips = new Map<string, StreamTip>();
  return {
    streams: () => tips.size,
    check(e: ChainedEvent, fail: Fail): void {
      const at = (problem: Parameters<Fail>[0]['problem'], message: string) =>
        fail({ stream: e.streamId, revision: String(e.revision), position: String(e.position), problem, message });
      const tip = tips.get(e.streamId) ?? { hash: GENESIS_HASH, revision: -1n, keyed: false };
      if (e.revision !== tip.revision + 1n) at('revision_gap', `Revision ${e.revision} follows ${tip.revision} in ${e.streamId}`);
      const stored = e.metadata.hash;
      const keyId = e.metadata.hashKeyId;
      if (typeof stored !== 'string') {
        at('missing_hash', `Event ${e.eventId} carries no hash`);
        tips.set(e.streamId, { ...tip, revision: e.revision });
        return;
      }
      if (e.metadata.prevHash !== tip.hash) at('broken_link', `Event ${e.eventId} does not link to the event before it`);
      const prev = String(e.metadata.prevHash);
      if (typeof keyId === 'string') {
        const key = keys?.byId(keyId);
        if (!key) at('unknown_key', `Event ${e.eventId} was chained with key ${keyId}, which the keyring does not hold`);
        else if (chainHash(prev, e, key) !== stored) at('hash_mismatch', `Event ${e.eventId} was changed after it was written`);
      } else {
        if (keys && (e.position > keys.legacyThrough || tip.keyed)) at('unkeyed_event', `Event ${e.eventId} carries an unkeyed hash where only keyed ones were written: it was rewritten or inserted`);
        if (chainHash(prev, e) !== stored) at('hash_mismatch', `Event ${e.eventId} was changed after it was written`);
      }
      tips.set(e.streamId, { hash: stored, revision: e.revision, keyed: tip.keyed || typeof keyId === 'string' });
    },
  };
}
