// A caching decorator for the embedded store: a command reads its stream right after its
// own append (to answer from the log), and a cached fold asks for events after a revision
// nothing has passed. Both are answered from memory while no other connection has
// committed (PRAGMA data_version, through `exactRevision`); anything else goes to the file.
import type { AppendOutcome, EventStore, NewEvent, RecordedEvent } from './port.ts';

const CAPACITY = 10_000; // streams whose last own append is remembered

// The stream's revision as the file holds it now, or undefined when only a read can tell.
export type ExactRevision = (stream: string) => bigint | undefined;

export function withRecentWrites(inner: EventStore, exactRevision: ExactRevision): EventStore {
  // The last own append per stream, kept as written and turned into recorded events only
  // if read back: most appends are never read, and the JSON round trip is their cost.
  const tails = new Map<string, { events: readonly NewEvent[]; last: bigint; position: bigint; at: number; recorded?: readonly RecordedEvent[] }>();

  const remember = (stream: string, events: readonly NewEvent[], outcome: AppendOutcome) => {
    if (!outcome.ok || outcome.alreadyStored !== false) return;
    tails.delete(stream);
    tails.set(stream, { events, last: outcome.nextExpectedRevision, position: outcome.position, at: Date.now() });
    if (tails.size > CAPACITY) tails.delete(tails.keys().next().value!);
  };

  // One append's rows are inserted back to back in one transaction and positions are the
  // rowid (max + 1), so its events sit at the positions just before the one reported.
  const recordedTail = (stream: string): readonly RecordedEvent[] | undefined => {
    const tail = tails.get(stream);
    if (!tail) return undefined;
    const lastIndex = tail.events.length - 1;
    tail.recorded ??= tail.events.map((e, i) => ({
      eventId: e.eventId,
      streamId: stream,
      revision: tail.last - BigInt(lastIndex - i),
      position: tail.position - BigInt(lastIndex - i),
      type: e.type,
      // The objects the writer appended, not a JSON copy: the write path appends JSON values
      // (hashChained), and every reader decodes into objects of its own.
      data: e.data,
      metadata: e.metadata,
      created: new Date(tail.at).toISOString(),
    }));
    return tail.recorded;
  };

  const nothing: AsyncIterable<RecordedEvent> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };

  const fromMemory = (stream: string, from: bigint): readonly RecordedEvent[] | undefined => {
    const known = exactRevision(stream);
    if (known === undefined) return undefined;
    if (from > known) return [];
    const tail = tails.get(stream);
    if (!tail || tail.last !== known || tail.last - BigInt(tail.events.length - 1) > from) return undefined;
    return recordedTail(stream)?.filter((e) => e.revision >= from);
  };

  return {
    ...inner,
    async append(stream, events, expected) {
      const outcome = await inner.append(stream, events, expected);
      remember(stream, events, outcome);
      return outcome;
    },
    readStream(stream, options = {}) {
      const forwardsFrom = options.direction === 'backwards' ? undefined : (options.fromRevision ?? 0n);
      const hit = forwardsFrom === undefined ? undefined : fromMemory(stream, forwardsFrom);
      if (!hit) return inner.readStream(stream, options);
      if (hit.length === 0) return nothing;
      return (async function* () {
        yield* hit.slice(0, options.maxCount ?? hit.length);
      })();
    },
  };
}
