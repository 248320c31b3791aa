// How the document store talks to MongoDB. Leases, checkpoints and generations are only as
// good as the writes and reads beneath them, so the client pins what they rely on instead of
// taking each server's defaults: majority writes (a failover cannot roll back a lease term or
// a checkpoint), primary reads (a lease or a generation read from a lagging secondary is
// stale), retried writes and reads across a failover. Each can be overridden from the URL,
// whose options win (an operator who knows their cluster). Reads carry maxTimeMS: a read the
// server cannot answer in time is a fault (503), not a request that hangs.
import type { Db, MongoClientOptions } from 'mongodb';

export const READ_MS = 10_000;

const PINNED = {
  w: 'majority',
  readPreference: 'primary',
  retryWrites: true,
  retryReads: true,
  serverSelectionTimeoutMS: 10_000,
} as const satisfies MongoClientOptions;

// The URL's own options, by lower-cased name (MongoDB URI option names are case-insensitive).
function urlOptionNames(url: string): Set<string> {
  const query = /\?([^#]*)/.exec(url)?.[1] ?? '';
  return new Set([...new URLSearchParams(query).keys()].map((k) => k.toLowerCase()));
}

export function clientOptions(url: string): MongoClientOptions {
  const inUrl = urlOptionNames(url);
  const pinned = Object.fromEntries(Object.entries(PINNED).filter(([name]) => !inUrl.has(name.toLowerCase())));
  // ignoreUndefined: a field set to undefined is absent, as in the JSON the embedded store keeps.
  return { ignoreUndefined: true, ...pinned };
}

export interface Topology {
  readonly kind: 'replica set' | 'sharded cluster' | 'standalone' | 'ferretdb';
  readonly transactions: boolean;
}

// Transactions need a replica set or mongos; FerretDB 1.x says it is FerretDB in buildInfo
// and has none.
export async function topologyOf(db: Db): Promise<Topology> {
  const hello = await db.command({ hello: 1 });
  const build = await db.command({ buildInfo: 1 }).catch(() => ({}) as Record<string, unknown>);
  if ('ferretdb' in build || 'ferretdbVersion' in build) return { kind: 'ferretdb', transactions: false };
  if (typeof hello.setName === 'string') return { kind: 'replica set', transactions: true };
  if (hello.msg === 'isdbgrid') return { kind: 'sharded cluster', transactions: true };
  return { kind: 'standalone', transactions: false };
}
