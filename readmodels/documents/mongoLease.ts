// Leases on MongoDB: one active projector per collection (or per generation being rebuilt).
//
// A lease is a series of terms, one insert-only document each, `_id` `${key}#${term}`:
// whoever inserts the term after the latest one holds the lease, the holder renewing or a
// candidate once the latest term has expired or was released (holder null). Inserts on a
// unique `_id` are the one race every MongoDB-wire server settles alike; FerretDB 1.x has
// neither atomic conditional updates nor pipeline updates ($$NOW), so one document updated in
// place could not be shown exclusive in CI.
//
// A term is held only while it is the latest: old terms are pruned (the last two stay), so a
// candidate whose read-then-insert spans the holder's renewals may insert a pruned term
// number; the read after the insert finds a later term and the candidate does not hold it.
// Expiry is judged by the server's clock (serverClock.ts), never by two hosts' clocks.
import type { Collection } from 'mongodb';
import type { ServerClock } from './serverClock.ts';
import { isDuplicateKey } from './mongoErrors.ts';

export interface LeaseDoc { _id: string; collection: string; term: number; holder: string | null; expiresAt: Date }

export interface MongoLeases {
  prepare(): Promise<void>;
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
}

// `beforeInsert` lets a test script the race between a candidate's read and its insert.
export interface LeaseHooks {
  readonly beforeInsert?: (key: string, term: number) => Promise<void>;
}

export function mongoLeases(leases: Collection<LeaseDoc>, clock: ServerClock, readMs: number, hooks: LeaseHooks = {}): MongoLeases {
  const latestTerm = (key: string) => leases.findOne({ collection: key }, { sort: { term: -1 }, maxTimeMS: readMs });
  const insertTerm = async (doc: LeaseDoc): Promise<boolean> => {
    try {
      await leases.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };
  return {
    async prepare() {
      await leases.createIndex({ collection: 1, term: -1 }, { name: 'by_collection' });
    },

    async acquire(key, holder, ttlMs) {
      const now = await clock.now();
      const last = await latestTerm(key);
      if (last && last.holder !== holder && last.expiresAt.getTime() > now) return false;
      const term = (last?.term ?? 0) + 1;
      await hooks.beforeInsert?.(key, term);
      if (!(await insertTerm({ _id: `${key}#${term}`, collection: key, term, holder, expiresAt: new Date(now + ttlMs) }))) return false;
      if ((await latestTerm(key))?.term !== term) return false;
      await leases.deleteMany({ collection: key, term: { $lt: term - 1 } });
      return true;
    },

    // A released term lets a candidate in at once; when someone took the next term already,
    // the lease is not ours to release.
    async release(key, holder) {
      const last = await latestTerm(key);
      if (!last || last.holder !== holder) return;
      const term = last.term + 1;
      await insertTerm({ _id: `${key}#${term}`, collection: key, term, holder: null, expiresAt: new Date(0) });
    },
  };
}
