import type { FindPage } from './port.ts';

// At most this many bytes of pages (their JSON length, and their keys'), across every
// collection: memory stays bounded whatever mix of queries and cursors callers send. The
// oldest page goes first. One page bigger than a quarter of it is not kept at all.
export const MAX_CACHE_BYTES = 16 * 1024 * 1024;

// Pages readers asked for (of active generations), remembered until their collection
// changes. This connection's own writes (the projectors') forget their collection at once,
// so a query after `?after=`, which waits for those commits, always sees them. Whether
// another connection (another process) has written is asked (`dataVersion`, SQLite's
// data_version) at most once per CHECK_MS: that costs a statement, as much as the read it
// saves, and it is what lets a burst of identical queries share one read.
const CHECK_MS = 1;

interface Entry {
  readonly collection: string;
  readonly key: string;
  readonly page: FindPage;
  readonly bytes: number;
}

export function pageCache(dataVersion: () => unknown, maxBytes = MAX_CACHE_BYTES) {
  const byCollection = new Map<string, Map<string, Entry>>();
  const oldestFirst = new Set<Entry>();
  let bytes = 0;
  let version: unknown;
  let checkedAt = -Infinity;
  const drop = (entry: Entry) => {
    oldestFirst.delete(entry);
    byCollection.get(entry.collection)?.delete(entry.key);
    bytes -= entry.bytes;
  };
  const clear = () => {
    byCollection.clear();
    oldestFirst.clear();
    bytes = 0;
  };
  const checkVersion = () => {
    const now = performance.now();
    if (now - checkedAt < CHECK_MS) return;
    checkedAt = now;
    const current = dataVersion();
    if (current !== version) clear();
    version = current;
  };
  return {
    get(collection: string, key: string): FindPage | undefined {
      checkVersion();
      return byCollection.get(collection)?.get(key)?.page;
    },
    // Shared by every caller that asks the same, so frozen: a caller changing a document it
    // was given would otherwise change what the next caller reads.
    set(collection: string, key: string, page: FindPage): FindPage {
      const size = JSON.stringify(page).length + key.length + collection.length;
      if (size > maxBytes / 4) return page;
      let byKey = byCollection.get(collection);
      if (!byKey) byCollection.set(collection, (byKey = new Map()));
      const previous = byKey.get(key);
      if (previous) drop(previous);
      const entry: Entry = { collection, key, page: deepFreeze(page), bytes: size };
      byKey.set(key, entry);
      oldestFirst.add(entry);
      bytes += size;
      for (const oldest of oldestFirst) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
      return page;
    },
    forget(collection: string): void {
      for (const entry of byCollection.get(collection)?.values() ?? []) drop(entry);
      byCollection.delete(collection);
    },
    stats: () => ({ bytes, pages: oldestFirst.size }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
