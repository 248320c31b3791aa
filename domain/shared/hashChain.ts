import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';

// Each event's hash covers its stream, revision, type, data and metadata (less the hash
// itself) and the previous event's hash: editing, removing or reordering any event of a
// stream breaks every link after it.
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export function chainHash(prevHash: string, event: ChainedContent): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const body = canonicalJson({ streamId: event.streamId, revision: String(event.revision), type: event.type, data: event.data, metadata });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
