import type Database from 'better-sqlite3';

const CAPACITY = 100_000;

// Each stream's current revision, remembered between commits so an append costs no read
// (and, through `peek`, so a command whose fold is cached need not read its stream).
// `PRAGMA data_version` changes only when another connection commits; `sync()` (called
// inside the write transaction, where nobody else can commit) drops everything then.
export function streamRevisions(db: Database.Database) {
  const readRevision = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?');
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const known = new Map<string, bigint>();
  let seenVersion: unknown;
  return {
    sync(): void {
      const version = dataVersion.get();
      if (version !== seenVersion) known.clear();
      seenVersion = version;
    },
    forget(): void {
      known.clear();
      seenVersion = undefined;
    },
    get(stream: string): bigint {
      const hit = known.get(stream);
      if (hit !== undefined) return hit;
      const revision = (readRevision.get(stream) as { revision: bigint | null }).revision ?? -1n;
      known.set(stream, revision);
      if (known.size > CAPACITY) known.delete(known.keys().next().value!);
      return revision;
    },
    set(stream: string, revision: bigint): void {
      known.set(stream, revision);
    },
    // Outside a transaction: what `get` would answer, when `version` (data_version, just
    // read) shows no other connection has committed since the last `sync()`; this
    // connection's own commits since then are all in `known`.
    peek(stream: string, version: unknown): bigint | undefined {
      return version !== undefined && version === seenVersion ? known.get(stream) : undefined;
    },
    version(): unknown {
      return dataVersion.get();
    },
  };
}
