// The event store port on EventStoreDB (@eventstore/db-client v6). Our positions are the
// server's commit positions; our `after` is exclusive while the server's `fromPosition` is
// inclusive for reads, so every read drops what is not strictly after where it started.
// Which connection serves what, and which servers are accepted: esdbClients.ts; event ids
// unique across streams: esdbReservations.ts; $all reads: esdbReadAll.ts; the head: esdbHead.ts.
import { BACKWARDS, END, FORWARDS, START as ESDB_START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition, ReadStreamOptions as EsdbReadStreamOptions } from '@eventstore/db-client';
import { START, wrongExpectedRevision } from './port.ts';
import type { AppendOutcome, AppendResult, EventFilter, EventStore, NewEvent, Position, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './port.ts';
import { NO_POSITION, fromAppendError, fromPosition, fromRecorded, isStreamNotFound, isSystemEvent, toEsdbExpected, toEventData, toServerFilter, wanted } from './esdbMapping.ts';
import { resubscribingIterator, subscriptionSet } from './esdbResubscribe.ts';
import type { ResubscribeOptions } from './esdbResubscribe.ts';
import { refuseUnappendable } from './appendChecks.ts';
import { openEsdbClients } from './esdbClients.ts';
import { reserveEventIds } from './esdbReservations.ts';
import { drain, readAllFiltered, readAllPaged } from './esdbReadAll.ts';
import { headCache } from './esdbHead.ts';
import { classifyEsdbError, storeUnavailable } from '../../domain/shared/storeFaults.ts';

const HEAD_PAGE = 32;

export interface EsdbStoreOptions {
  readonly onSubscriptionDrop?: ResubscribeOptions['onDrop'];
  readonly resubscribeBackoffMs?: readonly number[];
}

export async function openEsdbStore(connectionString: string, settings: EsdbStoreOptions = {}): Promise<EventStore> {
  const clients = await openEsdbClients(connectionString);
  const { leader, preferred } = clients;
  const resubscribe: ResubscribeOptions = {
    onDrop: settings.onSubscriptionDrop ?? logDrop,
    ...(settings.resubscribeBackoffMs ? { backoffMs: settings.resubscribeBackoffMs } : {}),
  };
  let closed = false;
  const subscriptions = subscriptionSet();

  // Stream reads are how a command loads what it decides on, right after its own or another
  // instance's write: they go to the leader, which has every acknowledged write.
  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const backwards = options.direction === 'backwards';
    const request: EsdbReadStreamOptions = {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : ESDB_START),
      requiresLeader: true,
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    };
    try {
      for await (const resolved of drain(leader.readStream(stream, request))) {
        if (resolved.event) yield fromRecorded(resolved.event, resolved.commitPosition);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
  }

  // An idempotent repeat (same event ids) succeeds without a position on servers that do
  // not report where the original landed; the original's last event tells us.
  async function originalAppend(stream: string, events: readonly NewEvent[], revision: bigint): Promise<AppendResult> {
    const lastId = events.at(-1)?.eventId.toLowerCase();
    const fromRevision = revision >= 0n ? revision : undefined;
    for await (const event of readStream(stream, { direction: 'backwards', fromRevision })) {
      if (lastId === undefined || event.eventId.toLowerCase() === lastId) return { nextExpectedRevision: event.revision, position: event.position };
    }
    return { nextExpectedRevision: revision, position: NO_POSITION };
  }

  async function* live(after: Position, filter: EventFilter | undefined, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    const subscription = preferred.subscribeToAll({ fromPosition: fromPosition(after), filter: toServerFilter(filter) });
    const stop = () => void subscription.unsubscribe().catch(() => undefined);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (!event || isSystemEvent(event.streamId, event.type)) continue;
        head.saw(event.position.commit); // the head counts our events only, as readHead does
        if (wanted(filter, event.streamId, event.type)) yield fromRecorded(event);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      if (!signal.aborted) stop();
    }
  }

  // The newest event of ours: the server's own ($-typed, $-streams) are stepped over.
  async function readHead(): Promise<Position> {
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      const before: ReadPosition = from;
      const page: AsyncIterable<AllStreamResolvedEvent> = drain(leader.readAll({ direction: BACKWARDS, fromPosition: before, maxCount: HEAD_PAGE, requiresLeader: true }));
      for await (const resolved of page) {
        seen += 1;
        const event = resolved.event;
        if (!event) continue;
        if (!isSystemEvent(event.streamId, event.type)) return event.position.commit;
        from = event.position;
      }
      if (seen < HEAD_PAGE || from === before) return START;
    }
  }
  const head = headCache(readHead);

  try {
    await readHead(); // fail at start-up, with the server's own error, rather than on first use
  } catch (error) {
    await clients.dispose();
    throw error;
  }

  return {
    name: 'eventstoredb',
    gapFreePositions: false, // commit positions are byte offsets in the log
    async append(stream, events, expected): Promise<AppendOutcome> {
      if (closed) throw new Error('event store is closed');
      const unappendable = refuseUnappendable(events);
      if (unappendable) return { ok: false, error: unappendable };
      try {
        const taken = await reserveEventIds(leader, stream, events);
        if (taken) return { ok: false, error: taken };
        const result = await leader.appendToStream(stream, events.map(toEventData), { expectedRevision: toEsdbExpected(expected), requiresLeader: true });
        // Only with throwOnAppendFailure=false in the connection string; v6.2.1's batch append
        // then reports the current revision wrongly, so `actual` is the best the client gives.
        if (!result.success) return { ok: false, error: wrongExpectedRevision(stream, expected, result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision) };
        if (result.position) {
          head.saw(result.position.commit);
          return { ok: true, nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
        }
        // No position comes back only for an idempotent re-append: nothing was written.
        return { ok: true, alreadyStored: true, ...(await originalAppend(stream, events, result.nextExpectedRevision)) };
      } catch (error) {
        const conflict = fromAppendError(error, stream, expected);
        if (conflict) return { ok: false, error: conflict };
        if (classifyEsdbError(error)) return { ok: false, error: storeUnavailable('event store') };
        throw error;
      }
    },
    readStream,
    readAll(options: ReadAllOptions = {}) {
      const after = options.after ?? START;
      const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
      if (options.filter) return readAllFiltered(preferred, after, maxCount, options.filter);
      const last = { commit: after, prepare: after };
      return readAllPaged(preferred, last, last, maxCount, undefined);
    },
    subscribeAll(options: SubscribeOptions = {}) {
      const { filter } = options;
      return subscriptions.track(() => resubscribingIterator((after, signal) => live(after, filter, signal), options.after ?? START, resubscribe));
    },
    headPosition: () => head.head(),
    // EventStoreDB takes writes only as events, and a probe event would reach every reader
    // of $all: a read of the head, from the server and not the cache, answers here.
    async probe() {
      await readHead();
    },
    async close() {
      if (closed) return;
      closed = true;
      await subscriptions.closeAll(); // before the client goes, so none sees it fail and resubscribes
      await clients.dispose();
    },
  };
}

function logDrop(error: unknown, after: Position): void {
  const message = error instanceof Error ? error.message : String(error);
  console.warn(JSON.stringify({ event: 'eventstore.subscription_dropped', store: 'eventstoredb', after: String(after), message }));
}
