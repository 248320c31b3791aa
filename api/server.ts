import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { EventStore } from '../connectors/eventstore/port.ts';
import { aggregateCache } from '../commands/loadAggregate.ts';
import { commandHandlers } from '../commands/registry.ts';
import type { PipelineDeps } from '../commands/pipeline.ts';
import { commandRoutes } from './routes/commands.ts';
import { streamRoutes } from './routes/streams.ts';
import { readModelRoutes } from './routes/readModels.ts';
import type { DocumentStore } from '../readmodels/documents/port.ts';
import type { ProjectionDaemon } from '../projections/runtime/daemon.ts';

export interface ServerOptions {
  readonly store: EventStore;
  readonly logger?: FastifyServerOptions['logger'];
  readonly readSide?: { readonly docs: DocumentStore; readonly daemon: ProjectionDaemon; readonly collections: readonly string[] };
}

export function buildServer(options: ServerOptions): { app: FastifyInstance; deps: PipelineDeps } {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 256 * 1024 });
  const deps: PipelineDeps = { store: options.store, handlers: commandHandlers, cache: aggregateCache() };

  // Anything Fastify rejects before our handlers (malformed JSON, oversized or wrongly typed
  // bodies) is the caller's mistake: a 400 in our error shape, never a 500.
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(400).send({ error: 'request.invalid', message: error.message, details: { code: error.code ?? null } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on our side; nothing was changed', details: null });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'route.not_found', message: `No route ${request.method} ${request.url}`, details: null }),
  );

  app.get('/health', async () => ({ status: 'ok', eventStore: options.store.name, head: String(await options.store.headPosition()) }));
  commandRoutes(app, deps);
  streamRoutes(app, options.store);
  if (options.readSide) readModelRoutes(app, options.readSide.docs, options.readSide.daemon, options.readSide.collections);
  return { app, deps };
}
