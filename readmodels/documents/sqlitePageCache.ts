import type { FindPage } from './port.ts';

const MAX_PAGES_PER_COLLECTION = 1000;

// Pages readers asked for (of active generations), remembered until their collection
// changes. This connection's own writes (the projectors') forget their collection at once,
// so a query after `?after=`, which waits for those commits, always sees them. Whether
// another connection (another process) has written is asked (`dataVersion`, SQLite's
// data_version) at most once per CHECK_MS: that costs a statement, as much as the read it
// saves, and it is what lets a burst of identical queries share one read.
const CHECK_MS = 1;

export function pageCache(dataVersion: () => unknown) {
  const pages = new Map<string, Map<string, FindPage>>();
  let version: unknown;
  let checkedAt = -Infinity;
  const checkVersion = () => {
    const now = performance.now();
    if (now - checkedAt < CHECK_MS) return;
    checkedAt = now;
    const current = dataVersion();
    if (current !== version) pages.clear();
    version = current;
  };
  return {
    get(collection: string, key: string): FindPage | undefined {
      checkVersion();
      return pages.get(collection)?.get(key);
    },
    // Shared by every caller that asks the same, so frozen: a caller changing a document it
    // was given would otherwise change what the next caller reads.
    set(collection: string, key: string, page: FindPage): FindPage {
      let byKey = pages.get(collection);
      if (!byKey) pages.set(collection, (byKey = new Map()));
      if (byKey.size >= MAX_PAGES_PER_COLLECTION) byKey.clear();
      byKey.set(key, deepFreeze(page));
      return page;
    },
    forget(collection: string): void {
      pages.delete(collection);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
