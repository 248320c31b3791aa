// Idempotency's memory: which commands a stream has applied, and what each answered.
import type { DecodedEvent } from '../domain/decodeEvent.ts';
import type { CommandResult } from './result.ts';

export interface PriorCommand {
  readonly commandHash: string;
  readonly firstHash: string; // chain hash of the command's first event: tells whose write it was
  readonly result: CommandResult;
}

// Shared by a stream's successive folds and only ever added to: copying it per command
// would cost O(stream). Which commands a stream has applied is a fact of the log, so an
// older fold seeing a newer entry still tells the truth.
export interface AppliedCommands {
  get(commandId: string): PriorCommand | undefined;
  record(event: DecodedEvent): void;
}

export function appliedCommands(): AppliedCommands {
  const byId = new Map<string, PriorCommand>();
  return {
    get: (commandId) => byId.get(commandId),
    record(e) {
      const prior = byId.get(e.metadata.commandId);
      // Two folds racing over the same new events must not list an event twice.
      if (prior && BigInt(prior.result.nextExpectedRevision) >= e.revision) return;
      const event = { eventId: e.eventId, type: e.type, revision: String(e.revision), data: e.data };
      byId.set(e.metadata.commandId, {
        commandHash: e.metadata.commandHash ?? '',
        firstHash: prior?.firstHash ?? e.metadata.hash ?? '',
        result: {
          commandId: e.metadata.commandId,
          stream: e.streamId,
          events: [...(prior?.result.events ?? []), event],
          nextExpectedRevision: String(e.revision),
          position: String(e.position),
          duplicate: true,
        },
      });
    },
  };
}
