// validate -> authorise -> load -> decide -> append at the expected revision; on a
// concurrent write, reload and decide again. A repeated commandId returns the first result.
import { z } from 'zod';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '../connectors/eventstore/port.ts';
import type { Actor, Command, EventData } from '../domain/shared/envelope.ts';
import { actorSchema } from '../domain/shared/envelope.ts';
import { conflict, invalid, isDomainError, type DomainError } from '../domain/shared/errors.ts';
import { canonicalJson } from '../domain/shared/canonicalJson.ts';
import { idSchema } from '../domain/streams.ts';
import { currentSchemaVersion } from '../domain/upcasting.ts';
import { chainHash, sha256Hex } from './hashChain.ts';
import { eventIdFor } from './eventIds.ts';
import { applyRecorded, loadAggregate, type Loaded } from './loadAggregate.ts';
import type { CommandHandler, HandlerDeps } from './handler.ts';
import type { CommandResult } from './result.ts';
import { zodDetails } from './zodDetails.ts';

export const MAX_ATTEMPTS = 8;

export const commandInputSchema = z.strictObject({
  type: z.string().min(1).max(100),
  tenantId: idSchema,
  commandId: z.string().min(8).max(100).regex(/^[A-Za-z0-9_:.-]+$/, 'Expected letters, digits, _ : . or -'),
  data: z.unknown(),
  correlationId: z.string().min(1).max(100).optional(),
  causationId: z.string().min(1).max(100).optional(),
});
export type CommandInput = z.infer<typeof commandInputSchema> & { actor: Actor };

export interface PipelineDeps extends HandlerDeps {
  readonly handlers: Readonly<Record<string, CommandHandler>>;
  readonly now?: () => Date;
}

export async function executeCommand(deps: PipelineDeps, input: CommandInput): Promise<CommandResult | DomainError> {
  const { actor: _actor, ...rest } = input;
  const envelope = commandInputSchema.safeParse(rest);
  if (!envelope.success) return invalid('command.invalid', 'The command envelope is not valid', zodDetails(envelope.error));
  const actor = actorSchema.safeParse(input.actor);
  if (!actor.success) return invalid('command.invalid_actor', 'The acting user is not valid', zodDetails(actor.error));
  const handler = Object.hasOwn(deps.handlers, input.type) ? deps.handlers[input.type] : undefined;
  if (!handler) return invalid('command.unknown_type', `There is no command called ${input.type}`, { known: Object.keys(deps.handlers) });
  const routed = splitRoute(handler, input.data ?? {});
  if (!routed.success) return invalid('command.invalid_data', `The data of ${input.type} does not name its target`, zodDetails(routed.error));
  const data = handler.dataSchema.safeParse(routed.payload);
  if (!data.success) return invalid('command.invalid_data', `The data of ${input.type} is not valid`, zodDetails(data.error));
  if (!handler.roles.includes(actor.data.role)) {
    return { kind: 'forbidden', code: 'command.forbidden', message: `A ${actor.data.role} may not ${input.type}` };
  }

  const now = deps.now ?? (() => new Date());
  const command: Command = {
    type: input.type,
    data: data.data,
    tenantId: input.tenantId,
    actor: actor.data,
    commandId: input.commandId,
    issuedAt: now().toISOString(),
  };
  const commandHash = sha256Hex(canonicalJson({ type: command.type, tenantId: command.tenantId, actor: command.actor.id, data: command.data }));
  const stream = handler.stream(input.tenantId, (routed.route ?? data.data) as never);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await loadAggregate(deps.store, stream, handler.fold, deps.cache);
    const prior = loaded.commands.get(command.commandId);
    if (prior) return prior.commandHash === commandHash ? prior.result : reusedId(command.commandId);

    const context = await handler.context(deps, input.tenantId, data.data as never);
    if (isDomainError(context)) return context;
    const decision = handler.decide(command, loaded.state, context);
    if (isDomainError(decision)) return decision;
    if (decision.length === 0) return resultOf(command.commandId, stream, [], loaded.revision, loaded.position, false);

    const events = toNewEvents(decision, command, input, loaded, commandHash, now().toISOString());
    const outcome = await deps.store.append(stream, events, loaded.revision < 0n ? 'no_stream' : loaded.revision);
    if (outcome.ok) return settle(deps, handler, loaded, events, commandHash, outcome);
    if (outcome.error.code === 'stream.duplicate_event_id') return reusedId(command.commandId);
    if (outcome.error.code !== 'stream.wrong_expected_revision') return outcome.error;
  }
  return conflict('command.contention', `${stream} kept changing; the command was tried ${MAX_ATTEMPTS} times and not applied`);
}

// The store also answers "ok" when these event ids were already stored (an identical
// command racing this one won). So the result and the cached fold come from the log as it
// now is, never from what this attempt meant to write — unless the store says this very
// append wrote them, and where (see `ownWrite`).
async function settle(deps: PipelineDeps, handler: CommandHandler, loaded: Loaded<unknown>, events: NewEvent[], commandHash: string, outcome: AppendResult) {
  const written = ownWrite(deps.store, loaded, events, outcome);
  const fresh = written ? applyRecorded(loaded, handler.fold, written) : await loadAggregate(deps.store, loaded.stream, handler.fold, deps.cache);
  if (written) deps.cache?.put(fresh);
  const alreadyStored = outcome.alreadyStored;
  const commandId = String(events[0]!.metadata.commandId);
  const applied = fresh.commands.get(commandId);
  if (!applied) return conflict('command.lost', `The events of command ${commandId} are not in ${loaded.stream}`);
  if (applied.commandHash !== commandHash) return reusedId(commandId);
  // Where the store cannot say, the chain hash can: it covers recordedAt, so a racing twin
  // almost always differs.
  return { ...applied.result, duplicate: alreadyStored ?? applied.firstHash !== events[0]!.metadata.hash };
}

// The events as the log now holds them, without reading them back: when the store wrote
// them itself (alreadyStored: false) at the revisions after `loaded` (the append was checked
// against that revision) and its positions are gap-free, an append's events sit at the
// positions just before and up to the one it reports.
function ownWrite(store: EventStore, loaded: Loaded<unknown>, events: readonly NewEvent[], outcome: AppendResult): RecordedEvent[] | undefined {
  const last = events.length - 1;
  if (outcome.alreadyStored !== false || !store.gapFreePositions || outcome.nextExpectedRevision !== loaded.revision + 1n + BigInt(last)) return undefined;
  return events.map((e, i) => ({
    eventId: e.eventId,
    streamId: loaded.stream,
    revision: loaded.revision + 1n + BigInt(i),
    position: outcome.position - BigInt(last - i),
    type: e.type,
    data: e.data, // already exactly what the store keeps (see toNewEvents)
    metadata: JSON.parse(JSON.stringify(e.metadata)) as Record<string, unknown>,
    created: String(e.metadata.recordedAt), // the store's own clock; no fold reads it
  }));
}

type Routed = { success: true; route: unknown; payload: unknown } | { success: false; error: z.ZodError };

function splitRoute(handler: CommandHandler, raw: unknown): Routed {
  if (!handler.routeSchema) return { success: true, route: undefined, payload: raw };
  const route = handler.routeSchema.safeParse(raw);
  if (!route.success) return { success: false, error: route.error };
  const keys = Object.keys(handler.routeSchema.shape);
  const shape = handler.dataSchema instanceof z.ZodObject ? handler.dataSchema.shape : {};
  if (keys.every((k) => k in shape) || typeof raw !== 'object' || raw === null) return { success: true, route: route.data, payload: raw };
  const payload = Object.fromEntries(Object.entries(raw).filter(([k]) => !keys.includes(k)));
  return { success: true, route: route.data, payload };
}

function toNewEvents(decision: readonly EventData[], command: Command, input: CommandInput, loaded: Loaded<unknown>, commandHash: string, recordedAt: string): NewEvent[] {
  let prevHash = loaded.lastHash;
  return decision.map((e, i) => {
    const eventId = eventIdFor(command.commandId, i);
    const metadata: Record<string, unknown> = {
      eventId,
      tenantId: command.tenantId,
      actor: command.actor,
      commandId: command.commandId,
      commandHash,
      correlationId: input.correlationId ?? command.commandId,
      causationId: input.causationId ?? command.commandId,
      schemaVersion: currentSchemaVersion(e.type),
      recordedAt,
      prevHash,
    };
    const data = JSON.parse(JSON.stringify(e.data)) as unknown; // exactly what the store will keep, so the hash verifies
    metadata.hash = chainHash(prevHash, { streamId: loaded.stream, revision: loaded.revision + 1n + BigInt(i), type: e.type, data, metadata });
    prevHash = metadata.hash as string;
    return { eventId, type: e.type, data, metadata };
  });
}

const reusedId = (commandId: string): DomainError =>
  conflict('command.id_reused', `Command id ${commandId} was already used for a different command`);

function resultOf(
  commandId: string,
  stream: string,
  events: readonly { eventId: string; type: string; revision: bigint; data: unknown }[],
  revision: bigint,
  position: bigint,
  duplicate: boolean,
): CommandResult {
  return {
    commandId,
    stream,
    events: events.map((e) => ({ eventId: e.eventId, type: e.type, revision: String(e.revision), data: e.data })),
    nextExpectedRevision: String(revision),
    position: String(position),
    duplicate,
  };
}
