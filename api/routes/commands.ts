import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newCommandId } from '../../commands/eventIds.ts';
import { executeCommand, type PipelineDeps } from '../../commands/pipeline.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { zodDetails } from '../../commands/zodDetails.ts';
import { actorFrom } from '../actor.ts';
import { sendError } from '../errors.ts';

const bodySchema = z.strictObject({
  tenantId: z.string(),
  commandId: z.string().optional(),
  data: z.unknown().optional(),
  correlationId: z.string().optional(),
});

// POST /api/commands/:type — one endpoint shape for every command type; the pipeline
// validates the data against that type's schema.
export function commandRoutes(app: FastifyInstance, deps: PipelineDeps): void {
  app.post<{ Params: { type: string } }>('/api/commands/:type', async (request, reply) => {
    const actor = actorFrom(request);
    if (isDomainError(actor)) return sendError(reply, actor);
    const body = bodySchema.safeParse(request.body ?? {});
    if (!body.success) {
      return sendError(reply, { kind: 'invalid', code: 'command.invalid', message: 'The request body is not a command', details: zodDetails(body.error) });
    }
    const headerCorrelation = request.headers['x-correlation-id'];
    const result = await executeCommand(deps, {
      type: request.params.type,
      tenantId: body.data.tenantId,
      commandId: body.data.commandId ?? newCommandId(),
      data: body.data.data ?? {},
      correlationId: body.data.correlationId ?? (typeof headerCorrelation === 'string' ? headerCorrelation : undefined),
      actor,
    });
    if (isDomainError(result)) return sendError(reply, result);
    const blocked = result.events.find((e) => e.type === 'launch.blocked');
    // A blocked launch is remembered (an event) and still refused to the caller.
    if (blocked) return reply.status(422).send({ error: 'launch.blocked', message: 'The launch was blocked; see the reasons', details: result });
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });
}
