// Where anchors are kept: apart from the log (their own SQLite file, or a MongoDB
// collection), so that whoever rewrites the log does not rewrite the record of what it was.
// Anchors are only added, numbered 1, 2, 3…; a second writer of the same number loses.
import type { AnchorBody } from '../../domain/shared/logChain.ts';
import type { DomainError } from '../../domain/shared/errors.ts';

export interface Anchor extends AnchorBody {
  readonly signature: string; // HMAC of the body with the key `keyId` (anchorSignature)
}

export interface AnchorStore {
  // conflict `anchor.taken` when an anchor with this seq exists (another instance anchored first).
  add(anchor: Anchor): Promise<DomainError | undefined>;
  last(): Promise<Anchor | undefined>;
  list(): Promise<readonly Anchor[]>; // oldest first
  close(): Promise<void>;
}

export const anchorTaken = (seq: number): DomainError => ({
  kind: 'conflict',
  code: 'anchor.taken',
  message: `Anchor ${seq} was written by another instance first`,
  details: { seq },
});
