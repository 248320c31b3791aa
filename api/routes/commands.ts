import { z } from 'zod';
import { commandDataSchema, commandEnvelopeSchema, commandIdSchema, commandTypes } from '../../commands/acceptCommand.ts';
import type { WriteSide } from '../../commands/aggregates.ts';
import { rolesFor } from '../../commands/commandRoles.ts';
import { vaultBoundCommands } from '../../commands/credentials.ts';
import { accessCommandSchemas } from '../../domain/access/index.ts';
import { newCommandId } from '../../commands/eventIds.ts';
import type { CommandResult } from '../../commands/result.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { invalid, isDomainError, notFound, type DomainError } from '../../domain/shared/errors.ts';
import { actorOf } from '../auth/principal.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';

// The command envelope as a caller sends it: the type is in the path, the id may be left
// to the server. The write side validates `data` against the command's own schema (so the
// 400 names the field inside `data`); the route documents that schema.
const envelope = {
  tenantId: commandEnvelopeSchema.shape.tenantId,
  commandId: commandIdSchema.optional().describe('Idempotency key: a repeat returns the first result and appends nothing'),
  correlationId: commandEnvelopeSchema.shape.correlationId,
};
const bodySchema = z.strictObject({ ...envelope, data: z.unknown().optional() });

export type CommandOutcome = 'applied' | 'duplicate' | 'blocked' | DomainError['kind'];

// POST /api/commands/<type>: one route per command type, each documented with its data schema.
export function commandRoutes(routes: Router, w: WriteSide, onOutcome: (type: string, outcome: CommandOutcome) => void = () => {}): void {
  // Every other name under /api/commands/ (static routes win over this one in Fastify).
  routes.route({
    method: 'POST',
    url: '/api/commands/:type',
    summary: 'Any name that is not a command type',
    tags: ['commands'],
    access: 'signed-in',
    params: z.strictObject({ type: z.string() }),
    body: z.unknown(),
    responses: { 404: 'There is no such command type' },
    async handler({ params }) {
      return notFound('command.unknown_type', `There is no command called ${params.type}`, { known: commandTypes });
    },
  });
  for (const type of commandTypes) {
    if (vaultBoundCommands.has(type)) {
      boundRoute(routes, type, vaultBound);
      continue;
    }
    if (type in accessCommandSchemas) {
      boundRoute(routes, type, directoryBound);
      continue;
    }
    const roles = rolesFor(type);
    routes.route({
      method: 'POST',
      url: `/api/commands/${type}`,
      summary: `Send ${type}`,
      tags: [`commands: ${type.split('.')[0]}`],
      // The pipeline is the one authority on who may send what (command.forbidden).
      access: 'signed-in',
      description: `Roles: ${roles.join(', ')}. Client roles only for their own tenant.`,
      body: bodySchema,
      bodyDoc: z.strictObject({ ...envelope, data: commandDataSchema(type) ?? z.unknown() }),
      responses: { 201: 'Applied: the events, the stream revision and the log position', 409: 'Conflict: stale version, reused command id, contention', 422: 'Refused by a rule (launch.blocked is also recorded)', 503: 'A store cannot take it now (store.unavailable); nothing was appended, retry after Retry-After' },
      async handler({ body, principal, request, reply }) {
        const outOfScope = requireTenant(principal, body.tenantId);
        if (outOfScope) return outOfScope;
        const headerCorrelation = request.headers['x-correlation-id'];
        const result = await sendCommand(w, {
          type,
          tenantId: body.tenantId,
          commandId: body.commandId ?? newCommandId(),
          data: body.data ?? {},
          correlationId: body.correlationId ?? (typeof headerCorrelation === 'string' ? headerCorrelation : undefined),
          actor: actorOf(principal),
        });
        onOutcome(type, outcomeOf(result));
        if (isDomainError(result)) return result;
        // A blocked launch is remembered (an event) and still refused to the caller.
        if (result.events.some((e) => e.type === 'launch.blocked')) {
          return reply.status(422).send({ error: 'launch.blocked', message: 'The launch was blocked; see the reasons', details: result });
        }
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    });
  }
}

// Commands that must travel with a change elsewhere are not sent here: a credential command
// names a vault version (the secret must reach the vault first), an access command goes with
// its change to the user directory (api/auth/accessAdmin.ts).
interface Bound {
  readonly tag: string;
  readonly description: string;
  readonly code: string;
  where(tenantId: string): string;
}
const vaultBound: Bound = {
  tag: 'commands: credentials',
  description: 'Use /api/tenants/{tenantId}/platform-credentials: the secret must reach the vault before the log names its version.',
  code: 'command.use_credentials_route',
  where: (tenantId) => `/api/tenants/${tenantId}/platform-credentials, which keeps the secret in the vault`,
};
const directoryBound: Bound = {
  tag: 'commands: users',
  description: 'Use /api/users: the change is recorded here and made in the user directory together.',
  code: 'command.use_users_route',
  where: () => '/api/users, which makes the change in the user directory too',
};

function boundRoute(routes: Router, type: string, bound: Bound): void {
  routes.route({
    method: 'POST',
    url: `/api/commands/${type}`,
    summary: `${type} is not sent here`,
    tags: [bound.tag],
    access: 'signed-in',
    description: bound.description,
    body: bodySchema,
    responses: { 400: 'Always: use the route named in the message', 404: 'No such tenant in scope' },
    async handler({ body, principal }) {
      const outOfScope = requireTenant(principal, body.tenantId);
      if (outOfScope) return outOfScope;
      return invalid(bound.code, `${type} is sent through ${bound.where(body.tenantId)}`);
    },
  });
}

function outcomeOf(result: CommandResult | DomainError): CommandOutcome {
  if (isDomainError(result)) return result.kind;
  if (result.duplicate) return 'duplicate';
  return result.events.some((e) => e.type === 'launch.blocked') ? 'blocked' : 'applied';
}
