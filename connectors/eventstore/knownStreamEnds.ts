// A caching decorator: a command's load asks for the events after its cached fold, and on
// a quiet stream there are none. Where the wrapped store can tell a stream's exact end
// without reading it (the embedded store: its own commits, and PRAGMA data_version for
// everyone else's), a read that starts past that end answers at once.
import type { EventStore, RecordedEvent } from './port.ts';

// The stream's revision as the store holds it now, or undefined when only a read can tell.
export type ExactRevision = (stream: string) => bigint | undefined;

const nothing: AsyncIterable<RecordedEvent> = {
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
};

export function withKnownStreamEnds(inner: EventStore, exactRevision: ExactRevision): EventStore {
  return {
    ...inner,
    readStream(stream, options = {}) {
      if (options.direction === 'backwards') return inner.readStream(stream, options);
      const known = exactRevision(stream);
      return known !== undefined && (options.fromRevision ?? 0n) > known ? nothing : inner.readStream(stream, options);
    },
  };
}
