// Taking an anchor: the log chain carried from the last anchor to the log's head with the
// current key, signed and added to the anchor record. The log before the last anchor is
// taken as that anchor signed it (verifying it is `audit verify`'s job).
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Anchor, AnchorStore } from '../../connectors/audit/anchors.ts';
import { anchorSignature, eventDigest, LOG_GENESIS, logChainStep } from '../../domain/shared/logChain.ts';
import type { ChainKey } from '../../domain/shared/hashChain.ts';
import type { DomainError } from '../../domain/shared/errors.ts';

export interface AnchorOutcome {
  readonly anchor: Anchor;
  readonly fresh: boolean; // false: the log had not moved since the last anchor, none was added
}

export async function anchorLog(store: EventStore, anchors: AnchorStore, key: ChainKey, options: { readonly now?: () => Date; readonly always?: boolean } = {}): Promise<AnchorOutcome | DomainError> {
  const last = await anchors.last();
  const after = last ? BigInt(last.position) : 0n;
  if (last && !options.always && (await store.headPosition()) <= after) return { anchor: last, fresh: false };
  let state = last?.state ?? LOG_GENESIS;
  let events = last?.events ?? 0;
  let position = after;
  for await (const e of store.readAll({ after })) {
    state = logChainStep(key.secret, state, e.position, eventDigest(e));
    events++;
    position = e.position;
  }
  const body = { seq: (last?.seq ?? 0) + 1, position: String(position), state, events, keyId: key.id, at: (options.now?.() ?? new Date()).toISOString(), prevSignature: last?.signature ?? LOG_GENESIS };
  const anchor: Anchor = { ...body, signature: anchorSignature(key.secret, body) };
  const taken = await anchors.add(anchor);
  return taken ?? { anchor, fresh: true };
}
