// Where projections write and queries read. A collection belongs to one projection and
// has generations: a rebuild writes generation g+1 beside the live g and `activate`
// switches readers over at once. Positions are event-log positions (bigint). Leases and
// parked events are the projectors' coordination, a port of its own (coordination.ts).
import type { ProjectorCoordination } from './coordination.ts';

export type Scalar = string | number | boolean | null;
export type Doc = { readonly id: string } & Readonly<Record<string, unknown>>;

// The largest document a read model may hold, as JSON, on every store: MongoDB refuses a BSON
// document over 16 MiB (and BSON may be larger than its JSON), so one size for both adapters,
// well under it. A projection that makes a larger one has its event parked with the reason
// (the runtime checks, before any write), instead of failing its batch for ever.
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

// What an indexed field holds besides null (or nothing): timestamps are ISO strings. One type
// per field, because MongoDB compares values of one type only (a cursor `$gt: 2` skips every
// string) while SQLite compares across types: with one type both order and page alike.
export type FieldType = 'string' | 'number' | 'boolean';

// A query an index serves: equality on every field of `equal` (in any order) and order by
// `sort`, then id (absent: by id alone); a range, if any, on the sort field.
export interface QueryShape {
  readonly equal: readonly string[];
  readonly sort?: string;
}

export interface CollectionIndexes {
  // Fields that `find` may filter by equality, range or sort on, with their type. Top-level only.
  readonly fields: Readonly<Record<string, FieldType>>;
  // One index each: the queries the collection answers without a scan or an in-memory sort.
  readonly shapes: readonly QueryShape[];
}

export interface CollectionSpec {
  readonly name: string;
  readonly indexes: CollectionIndexes;
}

export interface FindQuery {
  // Values of the field's declared type (null: missing); another type is query.invalid.
  readonly where?: Readonly<Record<string, Scalar>>; // equality, on declared fields
  readonly range?: { readonly field: string; readonly gt?: Scalar; readonly gte?: Scalar; readonly lt?: Scalar; readonly lte?: Scalar };
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' }; // ties broken by id, same direction
  readonly limit?: number; // default 50, at most 500
  readonly cursor?: string; // opaque, from the previous page of the same query
}

export interface FindPage {
  readonly docs: readonly Doc[];
  readonly cursor?: string; // present when there may be more
}

// One change a projection made for the event at `position`. A delete removes the document
// for readers; a store may keep a tombstone so an older replayed upsert cannot revive it.
// A delete names the tenant the document had, when known: the tombstone keeps it, so that a
// process reading the change back (changedSince) can still show it to that tenant's clients.
export type DocChange =
  | { readonly type: 'upsert'; readonly id: string; readonly doc: Doc; readonly position: bigint }
  | { readonly type: 'delete'; readonly id: string; readonly position: bigint; readonly tenantId?: string };

// Where a reading of changes resumes: after `position`, or, with `id`, after that document
// of the position (pages end mid-position when many documents share one event).
export interface ChangeCursor {
  readonly position: bigint;
  readonly id?: string;
}

export interface CollectionBatch {
  readonly collection: string;
  readonly generation: number;
  readonly changes: readonly DocChange[];
  readonly checkpoint: bigint;
}

export interface DocumentStore {
  readonly name: string;
  // What this store guarantees where it depends on the server (said in the start-up log).
  readonly guarantees?: Readonly<Record<string, string>>;
  // Creates what the collections need (tables, indexes); safe to call at every start.
  prepare(specs: readonly CollectionSpec[]): Promise<void>;

  get(collection: string, id: string, generation?: number): Promise<Doc | undefined>;
  find(collection: string, query: FindQuery, generation?: number): Promise<FindPage>;

  // Applies a batch to one generation and records its checkpoint, so that a batch is
  // applied once: in one transaction (embedded), or idempotently per document by
  // position (MongoDB: a change older than what a document has seen changes nothing).
  // Indexed fields hold their declared type or null/nothing: the projector runtime parks an
  // event whose document does not (indexSpec.docTypeError), so stores need not re-check.
  applyBatch(collection: string, generation: number, changes: readonly DocChange[], checkpoint: bigint): Promise<void>;
  // Several collections' batches with their checkpoints, as applyBatch each, committed
  // together where the store has transactions (embedded): the projectors of one process
  // share a read of the log and one commit per batch.
  applyBatches(batches: readonly CollectionBatch[]): Promise<void>;
  checkpoint(collection: string, generation: number): Promise<bigint | undefined>;
  // Documents of one generation whose last change lies in (from, upTo], tombstones as
  // deletes, ordered by (position, id); `from.id` set: strictly after (from.position,
  // from.id). At most `limit` (1 to 1000, else query.invalid): a shorter page is the
  // last. Why: an instance that runs no projector (a stateless API) feeds its live feed from
  // what other processes committed; read up to a checkpoint, every change comes back once.
  changedSince(collection: string, generation: number, from: ChangeCursor, upTo: bigint, limit: number): Promise<readonly DocChange[]>;

  activeGeneration(collection: string): Promise<number>; // 1 when never set
  // Readers switch atomically. Only the active generation has readers, so a store may fill
  // a generation that is not active without its secondary indexes and build them here.
  activate(collection: string, generation: number): Promise<void>;
  dropGeneration(collection: string, generation: number): Promise<void>;

  // Readiness: one small real write that reaches the disk (the WAL, the server's journal);
  // rejects when the store cannot take writes now (disk full, read-only, locked, gone).
  probe(): Promise<void>;

  close(): Promise<void>;
}

// What queries need, and all they may do: read the active generation.
export type DocumentReader = Pick<DocumentStore, 'get' | 'find'>;

// One connection serves both ports (coordination.ts): what an adapter opens.
export type ReadModelBackend = DocumentStore & ProjectorCoordination;

export type { ParkedEvent, ProjectorCoordination, RebuildRequest } from './coordination.ts';
