// Loading data for a page, and keeping it current from the live connection: documents are
// upserted by id (never older over newer: read models stamp each document with the log
// position that last changed it), removed when the change says null, and the whole page
// reloads when the server says it cannot tell what was missed (`refetch`).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isApiError, ApiError } from './api.ts';
import { useLive } from './live.ts';
import { applyChange, positionOf, type ChangeMessage, type Stamped } from './liveDocs.ts';
import type { Channel, Page } from './types.ts';

export type Resource<T> = {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
  readonly setData: (update: (data: T | undefined) => T | undefined) => void;
};

const asApiError = (error: unknown): ApiError =>
  isApiError(error) ? error : new ApiError(0, 'client', error instanceof Error ? error.message : String(error));

// Loads once per change of `deps`; keeps showing the previous data while a reload runs.
export function useResource<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(load !== null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    const ticket = ++latest.current;
    setLoading(true);
    fn().then(
      (value) => {
        if (ticket !== latest.current) return;
        setDataState(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ticket !== latest.current) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (d: T | undefined) => T | undefined) => setDataState((d) => update(d)), []);
  return { data, error, loading, reload, setData };
}

export type LiveList<T> = {
  readonly docs: readonly T[] | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
  readonly cursor: string | undefined;
  readonly loadMore: (() => void) | undefined;
  readonly loadingMore: boolean;
};

type LiveListOptions<T> = {
  readonly channel: Channel;
  readonly collection: string;
  readonly tenantId: string | null; // null: every tenant the user may see
  readonly load: (cursor: string | undefined) => Promise<Page<T>>;
  readonly accept?: (doc: T) => boolean;
  readonly deps: readonly unknown[];
};

// A list page: the first page of documents, more on demand, and live changes applied in place.
export function useLiveList<T extends Stamped>(options: LiveListOptions<T>): LiveList<T> {
  const { channel, collection, tenantId } = options;
  const [docs, setDocs] = useState<readonly T[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const opts = useRef(options);
  opts.current = options;
  const ticket = useRef(0);
  // Changes that arrive while a load runs wait for it, then apply on top of it.
  const queued = useRef<ChangeMessage[] | null>(null);

  const accept = (doc: T): boolean => (opts.current.accept ? opts.current.accept(doc) : true);

  useEffect(() => {
    const mine = ++ticket.current;
    queued.current = [];
    setLoading(true);
    opts.current.load(undefined).then(
      (page) => {
        if (mine !== ticket.current) return;
        let list: readonly T[] = page.docs;
        for (const change of queued.current ?? []) list = applyChange(list, change, accept);
        queued.current = null;
        setDocs(list);
        setCursor(page.cursor);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== ticket.current) return;
        queued.current = null;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...options.deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useLive(channel, tenantId, {
    onChange: (change) => {
      if (change.collection !== collection) return;
      if (queued.current) queued.current.push(change);
      else setDocs((list) => (list ? applyChange(list, change, accept) : list));
    },
    onRefetch: reload,
  });

  const loadMore = cursor
    ? () => {
        if (loadingMore) return;
        const mine = ticket.current;
        setLoadingMore(true);
        opts.current.load(cursor).then(
          (page) => {
            if (mine !== ticket.current) return;
            setDocs((list) => {
              const seen = new Set((list ?? []).map((d) => d.id));
              return [...(list ?? []), ...page.docs.filter((d) => !seen.has(d.id))];
            });
            setCursor(page.cursor);
            setLoadingMore(false);
          },
          (err: unknown) => {
            if (mine !== ticket.current) return;
            setError(asApiError(err));
            setLoadingMore(false);
          },
        );
      }
    : undefined;

  return { docs, error, loading, reload, cursor, loadMore, loadingMore };
}

// One document, kept current: `null` once the live connection reports it deleted.
export function useLiveDoc<T extends Stamped>(options: {
  readonly channel: Channel;
  readonly collection: string;
  readonly tenantId: string | null;
  readonly id: string | null;
  readonly load: (() => Promise<T>) | null;
  readonly deps: readonly unknown[];
}): Resource<T | null> {
  const resource = useResource<T | null>(options.load, options.deps);
  const { setData, reload } = resource;
  const failed = resource.error !== undefined;
  useLive(options.id ? options.channel : null, options.tenantId, {
    onChange: (change) => {
      if (change.collection !== options.collection || change.id !== options.id) return;
      // It did not exist when we asked (404): read it properly now that it does.
      if (failed) return reload();
      setData((doc) => {
        const incoming = change.doc as T | null;
        const at = positionOf(incoming?.position ?? change.position);
        if (doc && at < positionOf(doc.position)) return doc;
        return incoming;
      });
    },
    onRefetch: reload,
  });
  return resource;
}

// Newest first by an ISO time field, ties broken by position.
export function newestFirst<T>(docs: readonly T[], time: (doc: T) => string | undefined): T[] {
  return [...docs].sort((a, b) => (time(b) ?? '').localeCompare(time(a) ?? ''));
}
