import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';
import { sha256Hex, type ChainedContent } from './hashChain.ts';

// The log chain: one keyed chain over the whole log in position order, so that moving,
// inserting or deleting an event anywhere (not only inside its stream) changes the state
// an anchor signed. state_n = HMAC(key, state_{n-1} ‖ position ‖ digest_n), where the digest
// covers the event's stream, revision, type, data and metadata (its stream hash included):
// an export can carry another tenant's event as (position, digest) without its content.
export const LOG_GENESIS = '0'.repeat(64);

export const eventDigest = (e: ChainedContent): string =>
  sha256Hex(canonicalJson({ streamId: e.streamId, revision: String(e.revision), type: e.type, data: e.data, metadata: e.metadata }));

export const logChainStep = (secret: Uint8Array, state: string, position: bigint, digest: string): string =>
  createHmac('sha256', secret).update(`${state}\n${position}\n${digest}`).digest('hex');

// What an anchor signs: the log head it saw, chained to the anchor before it (so an anchor
// removed from the middle of the record is noticed too).
export interface AnchorBody {
  readonly seq: number;
  readonly position: string;
  readonly state: string;
  readonly events: number; // events in the log up to and including `position`
  readonly keyId: string;
  readonly at: string;
  readonly prevSignature: string;
}

export const anchorSignature = (secret: Uint8Array, body: AnchorBody): string =>
  createHmac('sha256', secret)
    .update(canonicalJson({ seq: body.seq, position: body.position, state: body.state, events: body.events, keyId: body.keyId, at: body.at, prevSignature: body.prevSignature }))
    .digest('hex');
