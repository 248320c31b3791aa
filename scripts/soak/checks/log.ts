// Every acknowledged command's events are in the log exactly once: read from the event store
// itself once the server has stopped, matched by commandId, and compared with the event ids
// the 201 named.
import type { EventStore } from '../../../connectors/eventstore/port.ts';
import type { Acknowledged } from '../client.ts';

export interface LogCheck {
  readonly ok: boolean;
  readonly acknowledged: number;
  readonly events: number; // in the whole log
  readonly head: string;
  readonly missing: readonly string[]; // commandIds (first 20) whose events are not all there
  readonly doubled: readonly string[]; // commandIds (first 20) with an event twice, or more events than acknowledged
  readonly contiguous: boolean; // every stream's revisions run 0..n-1, positions 1..head
}

export async function checkLog(events: EventStore, acknowledged: readonly Acknowledged[]): Promise<LogCheck> {
  const byCommand = new Map<string, string[]>();
  const revisions = new Map<string, bigint>();
  let count = 0;
  let contiguous = true;
  let expectedPosition = 1n;
  for await (const event of events.readAll()) {
    count++;
    if (events.gapFreePositions && event.position !== expectedPosition) contiguous = false;
    expectedPosition = event.position + 1n;
    const next = revisions.get(event.streamId) ?? 0n;
    if (event.revision !== next) contiguous = false;
    revisions.set(event.streamId, event.revision + 1n);
    const commandId = event.metadata.commandId;
    if (typeof commandId !== 'string') continue;
    const list = byCommand.get(`${event.streamId}\n${commandId}`) ?? [];
    list.push(event.eventId);
    byCommand.set(`${event.streamId}\n${commandId}`, list);
  }
  const missing: string[] = [];
  const doubled: string[] = [];
  for (const ack of acknowledged) {
    const found = byCommand.get(`${ack.stream}\n${ack.commandId}`) ?? [];
    if (!ack.eventIds.every((id) => found.includes(id))) missing.push(ack.commandId);
    if (found.length !== ack.eventIds.length || new Set(found).size !== found.length) doubled.push(ack.commandId);
  }
  return {
    ok: missing.length === 0 && doubled.length === 0 && contiguous && acknowledged.length > 0,
    acknowledged: acknowledged.length,
    events: count,
    head: String(await events.headPosition()),
    missing: missing.slice(0, 20),
    doubled: doubled.slice(0, 20),
    contiguous,
  };
}
