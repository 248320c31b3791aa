// Where a command enters, from a person or a process manager: the envelope validated, the
// type routed to its aggregate, the data parsed by that type's schema, and the role
// checked — once, here. What comes out is ready to handle.
import { z } from 'zod';
import type { AnyEvent } from '../domain/events.ts';
import { commandOf } from '../domain/shared/decider.ts';
import { actorSchema, type Actor, type Command } from '../domain/shared/envelope.ts';
import { invalid, isDomainError, type DomainError } from '../domain/shared/errors.ts';
import { canonicalJson } from '../domain/shared/canonicalJson.ts';
import { sha256Hex } from '../domain/shared/hashChain.ts';
import { idSchema } from '../domain/streams.ts';
import { zodDetails } from '../domain/shared/zodDetails.ts';
import { accessCommands, launchCommands, performanceCommands, planCommands, scheduleCommands, tenantCommands, type CommandRoute, type WriteSide } from './aggregates.ts';
import { rolesFor } from './commandRoles.ts';
import { isCommandType } from '../domain/commands.ts';
import type { Stamp } from './hashChained.ts';
import type { CommandResult } from './result.ts';
import { sendToStream } from './sendToStream.ts';

export const commandIdSchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_:.-]+$/, 'Expected letters, digits, _ : . or -');

export const commandEnvelopeSchema = z.strictObject({
  type: z.string().min(1).max(100),
  tenantId: idSchema,
  commandId: commandIdSchema,
  data: z.unknown(),
  correlationId: z.string().min(1).max(100).optional(),
  causationId: z.string().min(1).max(100).optional(),
});
export type CommandInput = z.infer<typeof commandEnvelopeSchema> & { readonly actor: Actor };

export interface AcceptedCommand {
  readonly type: string;
  readonly stream: string;
  handle(w: WriteSide): Promise<CommandResult | DomainError>;
}

export const commandTypes: readonly string[] = [tenantCommands, planCommands, launchCommands, performanceCommands, scheduleCommands, accessCommands].flatMap((r) => Object.keys(r.schemas));

// The data schema of a command type as a caller writes it (target fields included), for the API's docs.
export const commandDataSchema = (type: string): z.ZodType | undefined =>
  dataSchemaOf(tenantCommands, type) ?? dataSchemaOf(planCommands, type) ?? dataSchemaOf(launchCommands, type) ?? dataSchemaOf(performanceCommands, type) ?? dataSchemaOf(scheduleCommands, type) ?? dataSchemaOf(accessCommands, type);

function dataSchemaOf<M extends Record<string, z.ZodType>, S, E extends AnyEvent, T, Ctx>(r: CommandRoute<M, S, E, T, Ctx>, type: string): z.ZodType | undefined {
  const schema: z.ZodType | undefined = Object.hasOwn(r.schemas, type) ? r.schemas[type] : undefined;
  return schema instanceof z.ZodObject ? r.target.extend(schema.shape) : schema;
}

export function acceptCommand(input: CommandInput, issuedAt: string): AcceptedCommand | DomainError {
  const { actor: rawActor, ...rest } = input;
  const envelope = commandEnvelopeSchema.safeParse(rest);
  if (!envelope.success) return invalid('command.invalid', 'The command envelope is not valid', zodDetails(envelope.error));
  const actor = actorSchema.safeParse(rawActor);
  if (!actor.success) return invalid('command.invalid_actor', 'The acting user is not valid', zodDetails(actor.error));
  const { type } = envelope.data;
  if (!isCommandType(type)) return invalid('command.unknown_type', `There is no command called ${type}`, { known: commandTypes });
  if (!rolesFor(type).includes(actor.data.role)) return { kind: 'forbidden', code: 'command.forbidden', message: `A ${actor.data.role} may not ${type}` };
  const command = { tenantId: envelope.data.tenantId, actor: actor.data, commandId: envelope.data.commandId, issuedAt };
  const accepted = acceptFor(tenantCommands, envelope.data, command) ?? acceptFor(planCommands, envelope.data, command) ?? acceptFor(launchCommands, envelope.data, command) ?? acceptFor(performanceCommands, envelope.data, command) ?? acceptFor(scheduleCommands, envelope.data, command) ?? acceptFor(accessCommands, envelope.data, command);
  return accepted ?? invalid('command.unknown_type', `There is no command called ${type}`, { known: commandTypes });
}

type Envelope = z.infer<typeof commandEnvelopeSchema>;

function acceptFor<M extends Record<string, z.ZodType>, S, E extends AnyEvent, T, Ctx>(
  r: CommandRoute<M, S, E, T, Ctx>,
  input: Envelope,
  envelope: Omit<Command, 'type' | 'data'>,
): AcceptedCommand | DomainError | undefined {
  const schema: z.ZodType | undefined = Object.hasOwn(r.schemas, input.type) ? r.schemas[input.type] : undefined;
  if (!schema) return undefined;
  const raw = input.data ?? {};
  const target = r.target.safeParse(raw);
  if (!target.success) return invalid('command.invalid_data', `The data of ${input.type} does not name its target`, zodDetails(target.error));
  const parsed = commandOf(r.schemas, input.type, withoutTarget(raw, r.target, schema), envelope);
  if (!parsed) return undefined;
  if (!parsed.ok) return invalid('command.invalid_data', `The data of ${input.type} is not valid`, zodDetails(parsed.error));
  const command = parsed.command;
  const stream = r.stream(command.tenantId, target.data);
  const stamp: Stamp = {
    command,
    commandHash: sha256Hex(canonicalJson({ type: command.type, tenantId: command.tenantId, actor: command.actor.id, data: command.data })),
    correlationId: input.correlationId ?? command.commandId,
    causationId: input.causationId ?? command.commandId,
  };
  return {
    type: input.type,
    stream,
    handle: (w) =>
      sendToStream(w, stream, stamp, {
        aggregate: r.aggregate,
        folds: r.folds(w),
        decide: async (state) => {
          const context = await r.context(w, command.tenantId, target.data);
          return isDomainError(context) ? context : r.decide(command, state, context);
        },
      }),
  };
}

// Target fields the type's own data schema does not carry are taken off before it parses.
function withoutTarget(raw: unknown, target: z.ZodObject, schema: z.ZodType): unknown {
  const keys = Object.keys(target.shape);
  const own = schema instanceof z.ZodObject ? schema.shape : {};
  if (keys.every((k) => k in own) || typeof raw !== 'object' || raw === null) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !keys.includes(k)));
}
