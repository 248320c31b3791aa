// The event store port on EventStoreDB (@eventstore/db-client v6). Our positions are the
// server's commit positions; our `after` is exclusive while the server's `fromPosition` is
// inclusive for reads, so every read drops what is not strictly after where it started.
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START as ESDB_START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position as EsdbPosition, ReadPosition, ReadStreamOptions as EsdbReadStreamOptions, StreamingRead } from '@eventstore/db-client';
import { START, matchesFilter, wrongExpectedRevision } from './port.ts';
import type { AppendOutcome, AppendResult, EventFilter, EventStore, NewEvent, Position, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './port.ts';
import {
  NO_POSITION,
  fromAppendError,
  fromPosition,
  fromRecorded,
  isAfter,
  isStreamNotFound,
  isSystemEvent,
  toEsdbExpected,
  toEventData,
  toServerFilter,
} from './esdbMapping.ts';
import { resubscribingIterator } from './esdbResubscribe.ts';
import { refuseUnappendable } from './appendChecks.ts';
import { classifyEsdbError, storeFault, storeUnavailable } from '../../domain/shared/storeFaults.ts';
import type { ResubscribeOptions } from './esdbResubscribe.ts';

const PAGE = 512; // $all reads filter client-side (v6 readAll sends no filter), so they page
const HEAD_PAGE = 32;

export interface EsdbStoreOptions {
  readonly onSubscriptionDrop?: ResubscribeOptions['onDrop'];
  readonly resubscribeBackoffMs?: readonly number[];
}

export async function openEsdbStore(connectionString: string, settings: EsdbStoreOptions = {}): Promise<EventStore> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const resubscribe: ResubscribeOptions = {
    onDrop: settings.onSubscriptionDrop ?? logDrop,
    ...(settings.resubscribeBackoffMs ? { backoffMs: settings.resubscribeBackoffMs } : {}),
  };

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const backwards = options.direction === 'backwards';
    const request: EsdbReadStreamOptions = {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : ESDB_START),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    };
    try {
      for await (const resolved of drain(client.readStream(stream, request))) {
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

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const after = options.after ?? START;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let last: EsdbPosition = { commit: after, prepare: after };
    let from = fromPosition(after);
    while (remaining > 0) {
      let seen = 0;
      for await (const resolved of drain(client.readAll({ fromPosition: from, maxCount: PAGE }))) {
        seen += 1;
        const event = resolved.event;
        if (!event || !isAfter(event.position, last)) continue;
        last = from = event.position;
        if (!wanted(options.filter, event.streamId, event.type)) continue;
        yield fromRecorded(event);
        if ((remaining -= 1) <= 0) return;
      }
      if (seen < PAGE) return;
    }
  }

  async function* live(after: Position, filter: EventFilter | undefined, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    const subscription = client.subscribeToAll({ fromPosition: fromPosition(after), filter: toServerFilter(filter) });
    const stop = () => void subscription.unsubscribe().catch(() => undefined);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (event && wanted(filter, event.streamId, event.type)) yield fromRecorded(event);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      if (!signal.aborted) stop();
    }
  }

  async function headPosition(): Promise<Position> {
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      const before: ReadPosition = from;
      const page: AsyncIterable<AllStreamResolvedEvent> = drain(client.readAll({ direction: BACKWARDS, fromPosition: before, maxCount: HEAD_PAGE }));
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

  try {
    await headPosition(); // fail at start-up, with the server's own error, rather than on first use
  } catch (error) {
    await client.dispose();
    throw error;
  }

  return {
    name: 'eventstoredb',
    gapFreePositions: false, // commit positions are byte offsets in the log
    async append(stream, events, expected): Promise<AppendOutcome> {
      const unappendable = refuseUnappendable(events);
      if (unappendable) return { ok: false, error: unappendable };
      try {
        const result = await client.appendToStream(stream, events.map(toEventData), { expectedRevision: toEsdbExpected(expected) });
        // Only with throwOnAppendFailure=false in the connection string; v6.2.1's batch append
        // then reports the current revision wrongly, so `actual` is the best the client gives.
        if (!result.success) return { ok: false, error: wrongExpectedRevision(stream, expected, result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision) };
        if (result.position) return { ok: true, nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
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
    readAll,
    subscribeAll(options: SubscribeOptions = {}) {
      const { filter } = options;
      return resubscribingIterator((after, signal) => live(after, filter, signal), options.after ?? START, resubscribe);
    },
    headPosition,
    // EventStoreDB takes writes only as events, and a probe event would reach every reader
    // of $all: a read of the head is what answers here (the cluster reports its own disk).
    async probe() {
      await headPosition();
    },
    close: () => client.dispose(),
  };
}

const wanted = (filter: EventFilter | undefined, streamId: string, type: string): boolean =>
  !isSystemEvent(streamId, type) && matchesFilter(filter, streamId, type);

// Leaving a read early must cancel the gRPC call too; the Readable alone would keep it open.
// A lost connection or a leader change becomes a StoreFault (503 at the API, a retry in the projector).
async function* drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } catch (error) {
    throw classifyEsdbError(error) ? storeFault('event store', error) : error;
  } finally {
    if (!finished) await read.cancel();
  }
}

function logDrop(error: unknown, after: Position): void {
  const message = error instanceof Error ? error.message : String(error);
  console.warn(JSON.stringify({ event: 'eventstore.subscription_dropped', store: 'eventstoredb', after: String(after), message }));
}
