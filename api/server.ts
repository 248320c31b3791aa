import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { EventStore } from '../connectors/eventstore/port.ts';
import { writeSide, type WriteSide } from '../commands/aggregates.ts';
import type { LiveFeed } from '../projections/runtime/liveFeed.ts';
import type { TokenSigner } from './auth/tokens.ts';
import type { UserDirectory } from './auth/users.ts';
import { directorySessions, type Sessions } from './auth/sessions.ts';
import { accessAdmin, userFacts } from './auth/accessAdmin.ts';
import { userRoutes } from './routes/users.ts';
import type { LoginLimits } from './routes/auth.ts';
import { isStoreFault, storeUnavailable } from '../domain/shared/storeFaults.ts';
import { sendError } from './errors.ts';
import { openApiDocument } from './http/openapi.ts';
import { router, type DeclaredRoute } from './http/route.ts';
import { metrics as serverMetrics } from './metrics.ts';
import { authRoutes } from './routes/auth.ts';
import { commandRoutes } from './routes/commands.ts';
import { credentialRoutes } from './routes/credentials.ts';
import type { CredentialVault } from '../connectors/credentials/port.ts';
import { consoleRoutes } from './routes/console.ts';
import { healthRoutes } from './routes/health.ts';
import { opsRoutes } from './routes/ops.ts';
import { rateLimitRoutes } from './routes/rateLimits.ts';
import { launchDryRunRoutes } from './routes/launchDryRun.ts';
import { performanceRoutes } from './routes/performance.ts';
import { performanceReportRoutes } from './routes/performanceReports.ts';
import { performanceKpiRoutes } from './routes/performanceKpis.ts';
import { performanceTenantRoutes } from './routes/performanceTenants.ts';
import { performanceAnalysisRoutes } from './routes/performanceAnalysis.ts';
import type { WarehouseReader } from '../readmodels/warehouse/port.ts';
import type { PlatformAccess } from '../commands/processes/performMutation.ts';
import type { RateLimiterStatus } from '../connectors/platforms/rateLimiter.ts';
import { queryRoutes, type ReadSide } from './routes/queries.ts';
import { streamRoutes } from './routes/streams.ts';
import { auditRoutes } from './routes/audit.ts';
import type { Audit } from './openAudit.ts';
import { websocketRoutes } from './ws/hub.ts';

const BODY_LIMIT = 256 * 1024;

export interface ServerOptions {
  readonly store: EventStore;
  // Sessions default to the directory's (every request checks the user's current access).
  readonly auth: { readonly signer: TokenSigner; readonly users: UserDirectory; readonly sessions?: Sessions; readonly loginLimits?: LoginLimits };
  readonly publicUrl?: string; // where login links point; else the address the request came to
  readonly logger?: FastifyServerOptions['logger'];
  // `targets`: projections beyond the read models (the warehouse's), which ops may rebuild too.
  readonly readSide?: ReadSide & { readonly collections: readonly string[]; readonly targets?: readonly string[]; readonly feed?: LiveFeed };
  readonly consoleDir?: string; // the built console (ui/dist); absent in API-only tests
  readonly rateLimits?: () => RateLimiterStatus; // the launch saga's limiter, where one runs
  readonly platforms?: PlatformAccess; // the ad platforms, for launch dry runs
  readonly vault?: CredentialVault; // the platform-credentials routes; absent in tests that do not need them
  readonly warehouse?: WarehouseReader; // the reporting reads (GET …/performance/…); absent: no such routes
  readonly audit?: Audit; // audit keys (new events' chains are keyed) and anchors; absent: the legacy unkeyed chain
  readonly deps?: WriteSide; // the process's write side, where it has one already (else made from the above)
}

// Request bodies are not logged; should anything ever log one, or an object holding a
// secret, these paths come out censored (pino's redact).
export const redactedPaths = ['secret', '*.secret', '*.*.secret', 'body.secret', 'req.body.secret', 'request.body.secret', 'req.headers.authorization', 'headers.authorization'];

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, redact: { paths: redactedPaths, censor: '[redacted]' } };
}

// The write side every process sends commands through: new events' chains keyed with the
// current audit key, access changes checked against the user directory.
export function serverWriteSide(store: EventStore, users: UserDirectory, audit: Audit | undefined): WriteSide {
  return writeSide(store, undefined, { users: userFacts(users), ...(audit ? { chainKey: () => audit.keyring.current() } : {}) });
}

export function buildServer(options: ServerOptions): { app: FastifyInstance; deps: WriteSide; routes: readonly DeclaredRoute[] } {
  const app = Fastify({ logger: withRedaction(options.logger), bodyLimit: BODY_LIMIT, routerOptions: { maxParamLength: 300 } });
  // JSON is the only body we read: a text/plain body would otherwise reach the schemas as a string.
  app.removeContentTypeParser('text/plain');
  const audit = options.audit;
  const { signer, users } = options.auth;
  const deps = options.deps ?? serverWriteSide(options.store, users, audit);
  const sessions = options.auth.sessions ?? directorySessions(signer, users);
  const readSide = options.readSide;

  // Anything Fastify rejects before our handlers is the caller's mistake, in our error
  // shape: 413 for a body over the limit, 415 for a content type we do not parse, 400 for
  // the rest (malformed JSON…). A store that fails underneath a read is a 503 whose body
  // names the port and never the driver's text (that goes to the log).
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    if (isStoreFault(error)) {
      request.log.warn({ err: error.cause ?? error, port: error.port }, 'store unavailable');
      return sendError(reply, storeUnavailable(error.port));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = error.code ?? null;
      if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.status(413).send({ error: 'request.too_large', message: `The body is larger than ${BODY_LIMIT} bytes`, details: { code, limit: BODY_LIMIT } });
      }
      if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.status(415).send({ error: 'request.unsupported_media_type', message: 'Send the body as application/json', details: { code } });
      }
      return reply.status(400).send({ error: 'request.invalid', message: error.message, details: { code } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on our side; nothing was changed', details: null });
  });

  const hub = readSide?.feed
    ? websocketRoutes(app, {
        feed: readSide.feed,
        verifyToken: (token) => sessions.authenticate(token),
        tokenExpiresAt: (token) => signer.expiresAt(token),
        opsStatus: () => readSide.daemon.status(),
      })
    : undefined;
  const metrics = serverMetrics(app, { ...(readSide ? { projections: () => readSide.daemon.status() } : {}), ...(hub ? { websocket: () => hub.stats() } : {}) });

  const routes = router(app, sessions);
  healthRoutes(routes, options.store, readSide, metrics);
  authRoutes(routes, users, signer, options.auth.loginLimits);
  // A change made here reaches this process's sessions and open sockets at once.
  const admin = accessAdmin(deps, users, (userId) => {
    sessions.forget(userId);
    hub?.recheck();
  });
  userRoutes(routes, users, admin, (origin) => options.publicUrl ?? origin);
  commandRoutes(routes, deps, metrics.commandOutcome);
  if (options.vault) credentialRoutes(routes, deps, options.vault);
  streamRoutes(routes, options.store);
  auditRoutes(routes, options.store, audit, (error) => app.log.warn({ err: error }, 'audit verification failed'));
  if (readSide) {
    queryRoutes(routes, readSide, options.store);
    opsRoutes(routes, readSide, [...readSide.collections, ...(readSide.targets ?? [])]);
  }
  if (options.warehouse) {
    performanceReportRoutes(routes, options.warehouse);
    performanceKpiRoutes(routes, options.warehouse, deps);
    performanceTenantRoutes(routes, options.warehouse);
    performanceAnalysisRoutes(routes, deps, options.warehouse);
  }
  if (options.rateLimits) rateLimitRoutes(routes, options.rateLimits);
  if (options.platforms) {
    launchDryRunRoutes(routes, deps, options.platforms);
    performanceRoutes(routes, deps, options.platforms);
  }

  const document = openApiDocument(routes.declared, { title: 'adledger API', version: '0.1.0' });
  app.register(swagger, { mode: 'static', specification: { document: document as never } });
  app.register(swaggerUi, { routePrefix: '/docs' });

  if (options.consoleDir) consoleRoutes(app, options.consoleDir);
  else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: 'route.not_found', message: `No route ${request.method} ${request.url}`, details: null }),
    );
  }
  return { app, deps, routes: routes.declared };
}
