// What a decision becomes in the log: each event stamped with who, why and when, its id
// derived from the command, and chained to the event before it in its stream — with the
// current audit key where the write side has one (an HMAC naming its key id).
import type { NewEvent } from '../connectors/eventstore/port.ts';
import type { Command, EventData, EventMetadata } from '../domain/shared/envelope.ts';
import { chainHash, type ChainKey } from '../domain/shared/hashChain.ts';
import { currentSchemaVersion } from '../domain/upcasting.ts';
import { eventIdFor } from './eventIds.ts';
import type { Loaded } from './loadStream.ts';

export interface Stamp {
  readonly command: Command;
  readonly commandHash: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export function hashChained(stamp: Stamp, loaded: Loaded<unknown>, decision: readonly EventData[], recordedAt: string, key?: ChainKey): NewEvent[] {
  const { command } = stamp;
  let prevHash = loaded.lastHash;
  return decision.map((e, i) => {
    const revision = loaded.revision + 1n + BigInt(i);
    const eventId = eventIdFor(loaded.stream, command.commandId, i);
    const unchained: EventMetadata = {
      eventId,
      tenantId: command.tenantId,
      actor: command.actor,
      commandId: command.commandId,
      commandHash: stamp.commandHash,
      correlationId: stamp.correlationId,
      causationId: stamp.causationId,
      schemaVersion: currentSchemaVersion(e.type),
      recordedAt,
      prevHash,
      ...(key ? { hashKeyId: key.id } : {}),
    };
    const data: unknown = JSON.parse(JSON.stringify(e.data)); // exactly what the store will keep, so the hash verifies
    const metadata = { ...unchained, hash: chainHash(prevHash, { streamId: loaded.stream, revision, type: e.type, data, metadata: unchained }, key) };
    prevHash = metadata.hash;
    return { eventId, type: e.type, data, metadata };
  });
}
