import { Subject, type Observable } from 'rxjs';
import type { Doc } from '../../readmodels/documents/port.ts';

// One changed document, after the batch that changed it committed. `doc` is absent when
// the document was deleted. Rebuilds never emit replayed history.
export interface FeedItem {
  readonly collection: string;
  readonly id: string;
  readonly tenantId: string | undefined;
  readonly position: string;
  readonly doc?: Doc;
}

export interface LiveFeed {
  readonly changes$: Observable<FeedItem>;
  publish(items: readonly FeedItem[]): void;
}

export function liveFeed(): LiveFeed {
  const subject = new Subject<FeedItem>();
  return {
    changes$: subject.asObservable(),
    publish(items) {
      for (const item of items) subject.next(item);
    },
  };
}
