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

// Whose change it is, as the websocket hub scopes it: the document's own tenant, when it names one.
export const tenantOf = (doc: Doc): string | undefined => (typeof doc.tenantId === 'string' ? doc.tenantId : undefined);

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
