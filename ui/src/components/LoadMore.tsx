import type { ComponentChildren } from 'preact';
import type { LiveList } from '../data.ts';

// The next page of a list, when the server said there is one; `end` shows otherwise.
export function LoadMore({ list, testId, end = null }: { readonly list: Pick<LiveList<unknown>, 'loadMore' | 'loadingMore'>; readonly testId?: string; readonly end?: ComponentChildren }) {
  if (!list.loadMore) return <>{end}</>;
  return (
    <div class="table-footer">
      <button type="button" class="button" onClick={list.loadMore} disabled={list.loadingMore} data-testid={testId}>
        {list.loadingMore ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
