// What `adledger audit verify` can find wrong, and where. Stream problems name the event;
// log problems (anchors) name the position range the anchor covers.
export type ChainProblem =
  | 'hash_mismatch' // the event's content no longer gives its hash: edited after it was written
  | 'broken_link' // prevHash is not the hash of the stream's event before it
  | 'revision_gap' // revisions of a stream do not run 0, 1, 2…
  | 'position_gap' // a hole in a gap-free log: a deleted event
  | 'position_order' // positions not strictly increasing (an export file reordered)
  | 'missing_hash' // no chain hash at all
  | 'unknown_key' // hashKeyId names a key the keyring does not hold
  | 'unkeyed_event' // a plain SHA-256 event where only keyed ones can be: rewritten, downgraded or inserted
  | 'anchor_mismatch' // the log up to an anchor's position is not what the anchor signed
  | 'log_truncated' // the log ends before the position an anchor saw: its tail was deleted
  | 'anchor_invalid'; // the anchor record itself was edited, reordered or thinned

export interface ChainBreak {
  readonly stream?: string;
  readonly revision?: string;
  readonly position: string;
  readonly problem: ChainProblem;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export interface AnchorSummary {
  readonly checked: number; // anchors compared against the log
  readonly last?: { readonly seq: number; readonly position: string; readonly at: string };
}

export interface ChainReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number; // events whose stream chains were checked (the tenant's, when scoped)
  readonly head: string; // the log's last position
  readonly anchors: AnchorSummary;
  readonly breaks: readonly ChainBreak[];
}

export type Fail = (b: ChainBreak) => void;
