import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';

// Each event's hash covers its stream, revision, type, data and metadata (less the hash
// itself) and the previous event's hash: editing, removing or reordering any event of a
// stream breaks every link after it. With a key (events that carry `hashKeyId`) the hash is
// an HMAC-SHA256, so whoever can write the log but does not hold the key cannot recompute
// it; events written before keys existed keep their plain SHA-256 ("legacy").
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

// An audit key: its id is recorded in each event it chained (`hashKeyId`), so keys can rotate.
export interface ChainKey {
  readonly id: string;
  readonly secret: Uint8Array;
}

export function chainHash(prevHash: string, event: ChainedContent, key?: ChainKey): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const body = canonicalJson({ streamId: event.streamId, revision: String(event.revision), type: event.type, data: event.data, metadata });
  const digest = key ? createHmac('sha256', key.secret) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(body).digest('hex');
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
