// `npm start`: the API, the console, every projection and the workers in one process, on the
// configured stores, with the demo tenant seeded through real commands. ROLE=api runs the API
// and console only (stateless, beside workers); ROLE=worker (`adledger worker`) the rest.
import { join } from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildServer, redactedPaths } from './server.ts';
import { backfillDemo, seedDemo } from './demo.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { publicUrl } from './openAuth.ts';
import { ensureDemoUsers, ensureFirstAdmin } from './auth/bootstrap.ts';
import { claimInstance } from './instance.ts';
import { KeyFileError } from '../connectors/credentials/keyFile.ts';
import { projectionDaemon, type ProjectionDaemon } from '../projections/runtime/daemon.ts';
import { observedDaemon } from '../projections/runtime/observedDaemon.ts';
import { liveFeed, type LiveFeed } from '../projections/runtime/liveFeed.ts';
import { followCommittedChanges } from '../projections/runtime/changeFollower.ts';
import { allProjections } from '../projections/definitions/index.ts';
import { REPORTING, reportingTarget } from '../projections/reporting/reportingTarget.ts';
import { AuditKeyError } from '../connectors/audit/keyring.ts';
import { openServices, type Log, type Services } from './openServices.ts';
import { startWorkers } from './startWorkers.ts';

const collections = allProjections.map((p) => p.name);

// The projections: run here (all, worker), or only observed through the checkpoints the
// workers commit (api).
async function readSideOf(s: Services, log: () => Log | undefined, feed: LiveFeed | undefined): Promise<{ daemon: ProjectionDaemon; release(): void; holder: string; describe(to: Log): void }> {
  const onError = (projection: string, error: unknown) => log()?.warn({ err: error, projection }, 'projection retrying');
  if (s.config.ROLE === 'api') {
    const daemon = observedDaemon({ events: s.store, docs: s.docs, projections: allProjections, onError: (e) => onError('checkpoints', e) });
    return { daemon, release: () => {}, holder: 'none', describe: (to) => to.info('no projector here: ?after= and status read the checkpoints the workers commit') };
  }
  const instance = await claimInstance(s.config.DATA_DIR);
  const daemon = projectionDaemon({
    events: s.store,
    docs: s.docs,
    projections: allProjections,
    // The reporting tables (DESIGN §6), filled from the log like the read models.
    targets: [reportingTarget({ events: s.store, warehouse: s.warehouse, coordination: s.docs })],
    ...(feed ? { feed } : {}),
    holder: instance.holder,
    onError,
    onRequestedRebuild: (projection, request, outcome) =>
      outcome instanceof Error
        ? log()?.warn({ err: outcome, projection, requestedBy: request.requestedBy }, 'requested rebuild failed')
        : log()?.info({ projection, requestedBy: request.requestedBy, requestedAt: request.requestedAt, ...(outcome === 'started' ? {} : { generation: outcome.generation, position: outcome.done }) }, outcome === 'started' ? 'requested rebuild started' : 'requested rebuild done'),
  });
  return {
    daemon,
    release: () => instance.release(),
    holder: instance.holder,
    describe: (to) => to.info({ lease: instance.holder, reused: instance.reused }, instance.reused ? 'same instance as the last run on this DATA_DIR: its leases are ours' : 'a new instance: leases of a previous run wait for expiry'),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The logger exists once the server does (a worker has its own); stores opened before it report through this.
  let log: Log | undefined;
  const s = await openServices(config, () => log);
  const serves = config.ROLE !== 'worker';
  const works = config.ROLE !== 'api';
  const feed = serves ? liveFeed() : undefined;
  const workerLog = serves ? undefined : pino({ level: config.LOG_LEVEL, redact: { paths: redactedPaths, censor: '[redacted]' } });
  log = workerLog;
  const readSide = await readSideOf(s, () => log, feed);
  // What projectors of other processes commit reaches this process's sockets too (all of it
  // on an API instance; on a full one, the projections whose leases another process holds).
  const follower = feed
    ? followCommittedChanges({ docs: s.docs, collections, feed, local: (c) => readSide.daemon.pushedUpTo(c), onError: (error) => log?.warn({ err: error }, 'live feed: committed changes not read; will retry') })
    : undefined;
  const server = serves
    ? buildServer({
        store: s.store,
        auth: s.auth,
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        logger: { level: config.LOG_LEVEL },
        readSide: { docs: s.docs, daemon: readSide.daemon, collections, targets: [REPORTING], ...(feed ? { feed } : {}) },
        consoleDir: join(import.meta.dirname, '..', 'ui', 'dist'),
        rateLimits: () => s.platforms.limiter.status(),
        platforms: { limiter: s.platforms.limiter, platformFor: s.platforms.platformFor },
        vault: s.vault,
        warehouse: s.warehouse,
        audit: s.audit,
        deps: s.deps,
      })
    : undefined;
  const app = server?.app;
  log = app?.log ?? workerLog!;
  const out = log;
  // The last resort: whatever escaped every handler and loop is logged, and the process keeps
  // serving (each background loop retries by itself; a dead process serves nobody).
  process.on('uncaughtException', (error) => out.fatal({ err: error }, 'uncaught exception; still serving'));
  process.on('unhandledRejection', (reason) => out.fatal({ err: reason }, 'unhandled rejection; still serving'));
  readSide.describe(out);
  await s.describe(out);
  if (config.DEMO === 'on') {
    if (works) out.info({ demo: await seedDemo(s.deps) }, 'demo tenant ready');
    if (serves) await ensureDemoUsers(s.auth.users);
  }
  const workers = works ? await startWorkers(s, readSide.holder, out) : undefined;
  await readSide.daemon.start();
  if (app) await app.listen({ port: config.PORT, host: config.HOST });
  if (works && config.DEMO === 'on') {
    // In the background: the console serves while the demo's 90 days are fetched and recorded.
    const access = { limiter: s.platforms.limiter, platformFor: s.platforms.platformFor };
    backfillDemo(s.deps, access).then(
      (synced) => out.info({ demo: typeof synced === 'string' ? synced : isDomainError(synced) ? synced.code : synced.map((a) => ({ platform: a.platform, recorded: a.recorded, error: a.error?.code })) }, 'demo history synced'),
      (error: unknown) => out.warn({ err: error }, 'demo history not synced'),
    );
  }
  if (serves) await greet(config, s, out);
  else out.info({ projections: collections.length + 1 }, 'worker running');
  const stop = async () => {
    await app?.close();
    await follower?.stop();
    await workers?.stop();
    await readSide.daemon.stop();
    await s.close();
    readSide.release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function greet(config: Config, s: Services, log: Log): Promise<void> {
  const admin = await ensureFirstAdmin(s.auth.users, publicUrl(config));
  if (admin) {
    // Printed, not logged: a login link is a credential and must not reach log storage.
    process.stdout.write(`\n  adledger is ready. Sign in as ${admin.userId} (one-time link, valid until ${admin.expiresAt}):\n\n    ${admin.link}\n\n`);
  } else {
    log.info({ console: publicUrl(config) }, 'console ready; a new login link: npm run adledger -- users link <userId>');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof KeyFileError || error instanceof AuditKeyError ? error.message : error);
  process.exit(1);
});
