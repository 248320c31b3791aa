// A commandId is applied once per stream: a repeat with the same content answers the first
// result and appends nothing; a repeat with other content is a conflict.
import { conflict, isDomainError, type DomainError } from '../domain/shared/errors.ts';
import type { Handled } from './handleCommand.ts';
import type { Loaded } from './loadStream.ts';
import type { CommandResult } from './result.ts';

export interface Idempotent<S> {
  readonly commandId: string;
  readonly commandHash: string;
  load(): Promise<Loaded<S> | DomainError>;
  // The stream after an append this very call wrote, folded from what it wrote.
  foldAppended(before: Loaded<S>, appended: NonNullable<Handled<S>['appended']>): Loaded<S> | DomainError;
}

// `handle` is given the stream as loaded here, so the decision is made on the same fold the
// check saw, and the stream is read once.
export async function withIdempotency<S>(command: Idempotent<S>, handle: (loaded: Loaded<S>) => Promise<Handled<S> | DomainError>): Promise<CommandResult | DomainError> {
  const before = await command.load();
  if (isDomainError(before)) return before;
  const prior = before.applied.get(command.commandId);
  if (prior) return prior.commandHash === command.commandHash ? prior.result : reusedId(command.commandId);

  const handled = await handle(before);
  if (isDomainError(handled)) return handled.code === 'stream.duplicate_event_id' ? reusedId(command.commandId) : handled;
  if (!handled.appended) return nothingToRecord(command.commandId, handled.loaded);

  // What this append wrote is folded as written, as a decider's new state is. The store also
  // answers "ok" when these event ids were already stored (an identical command racing this
  // one won), or may not say whose write it was: then the answer comes from the log.
  const after = handled.appended.alreadyStored === false ? command.foldAppended(handled.loaded, handled.appended) : await command.load();
  if (isDomainError(after)) return after;
  const applied = after.applied.get(command.commandId);
  if (!applied) return conflict('command.lost', `The events of command ${command.commandId} are not in ${after.stream}`);
  if (applied.commandHash !== command.commandHash) return reusedId(command.commandId);
  // Where the store cannot say whose write it was, the chain hash can: it covers
  // recordedAt, so a racing twin almost always differs.
  const mine = handled.appended.events[0]?.metadata.hash;
  return { ...applied.result, duplicate: handled.appended.alreadyStored ?? applied.firstHash !== mine };
}

const reusedId = (commandId: string): DomainError =>
  conflict('command.id_reused', `Command id ${commandId} was already used for a different command`);

const nothingToRecord = (commandId: string, loaded: Loaded<unknown>): CommandResult => ({
  commandId,
  stream: loaded.stream,
  events: [],
  nextExpectedRevision: String(loaded.revision),
  position: String(loaded.position),
  duplicate: false,
});
