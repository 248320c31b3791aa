// A caching decorator for the embedded store: a command reads its stream right after its
// own append (to answer from the log), and a cached fold asks for events after a revision
// nothing has passed. Both are answered from memory while no other connection has
// committed (PRAGMA data_version, through `exactRevision`); anything else goes to the file.
import type { AppendOutcome, EventStore, NewEvent, RecordedEvent } from './port.ts';

const CAPACITY = 10_000; // streams whose last own append is remembered

// The stream's revision as the file holds it now, or undefined when only a read can tell.
export type ExactRevision = (stream: string) => bigint | undefined;

export function withRecentWrites(inner: EventStore, exactRevision: ExactRevision): EventStore {
  const tails = new Map<string, readonly RecordedEvent[]>();

  const remember = (stream: string, events: readonly NewEvent[], outcome: AppendOutcome) => {
    if (!outcome.ok || outcome.alreadyStored !== false) return;
    // One append's rows are inserted back to back in one transaction and positions are the
    // rowid (max + 1), so its events sit at the positions just before the one reported.
    const last = events.length - 1;
    const created = new Date().toISOString();
    tails.delete(stream);
    tails.set(stream, events.map((e, i) => ({
      eventId: e.eventId,
      streamId: stream,
      revision: outcome.nextExpectedRevision - BigInt(last - i),
      position: outcome.position - BigInt(last - i),
      type: e.type,
      data: JSON.parse(JSON.stringify(e.data)) as unknown, // what the store keeps: JSON
      metadata: JSON.parse(JSON.stringify(e.metadata)) as Record<string, unknown>,
      created,
    })));
    if (tails.size > CAPACITY) tails.delete(tails.keys().next().value!);
  };

  const fromMemory = (stream: string, from: bigint): readonly RecordedEvent[] | undefined => {
    const known = exactRevision(stream);
    if (known === undefined) return undefined;
    if (from > known) return [];
    const tail = tails.get(stream);
    if (!tail || tail[0]!.revision > from || tail[tail.length - 1]!.revision !== known) return undefined;
    return tail.filter((e) => e.revision >= from);
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
      return (async function* () {
        yield* hit.slice(0, options.maxCount ?? hit.length);
      })();
    },
  };
}
