// `npm start`: the API, the console and every projection on the configured stores, with the
// demo tenant seeded through real commands.
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError, loadConfig } from './config.ts';
import { describeEventStore, openEventStore } from './openEventStore.ts';
import { buildServer } from './server.ts';
import { backfillDemo, demoExistingCampaigns, seedDemo } from './demo.ts';
import { startLaunchRecorder } from '../commands/processes/launchRecorder.ts';
import { startLaunchSaga } from '../commands/processes/launchSaga.ts';
import { startScheduler, type Scheduler } from '../commands/processes/scheduler.ts';
import { scheduledWorkflows } from '../commands/processes/workflows.ts';
import { weeklyAnalysisTask } from '../commands/processes/weeklyAnalysis.ts';
import { crossTenantOverviewTask, monthlySummaryTask } from '../commands/processes/periodSummaries.ts';
import { dailySyncTask } from '../commands/processes/dailySync.ts';
import { openPlatforms, type Platforms } from './openPlatforms.ts';
import { createRateLimiter } from '../connectors/platforms/rateLimiter.ts';
import { useCredential } from '../commands/useCredential.ts';
import { launchSagaActor } from '../commands/processes/launchWorker.ts';
import { performanceSyncActor } from '../commands/processes/performanceSync.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { describeDocumentStore, openDocumentStore } from './openDocumentStore.ts';
import { describeUserDirectory, openAuth, publicUrl } from './openAuth.ts';
import { ensureDemoUsers, ensureFirstAdmin } from './auth/bootstrap.ts';
import { claimInstance } from './instance.ts';
import { openVault } from './openVault.ts';
import { KeyFileError } from '../connectors/credentials/keyFile.ts';
import { projectionDaemon } from '../projections/runtime/daemon.ts';
import { liveFeed } from '../projections/runtime/liveFeed.ts';
import { allProjections } from '../projections/definitions/index.ts';
import { describeWarehouse, openWarehouse } from './openWarehouse.ts';
import { reportingTarget } from '../projections/reporting/reportingTarget.ts';
import { openAudit } from './openAudit.ts';
import { startAnchoring } from '../projections/audit/anchorSchedule.ts';
import { AuditKeyError } from '../connectors/audit/keyring.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  // The logger exists once the server does; stores opened before it report through this.
  let log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'fatal'> | undefined;
  const store = await openEventStore(config, { onFault: (error) => log?.warn({ err: error, port: 'event store' }, 'store unavailable') });
  const docs = await openDocumentStore(config);
  const auth = await openAuth(config);
  const limiter = createRateLimiter();
  let platforms: Platforms | undefined;
  const credentials = await openVault(config);
  const warehouse = await openWarehouse(config);
  const audit = await openAudit(config, store);
  const feed = liveFeed();
  const instance = await claimInstance(config.DATA_DIR);
  const daemon = projectionDaemon({
    events: store,
    docs,
    projections: allProjections,
    // The reporting tables (DESIGN §6), filled from the log like the read models.
    targets: [reportingTarget({ events: store, warehouse, coordination: docs })],
    feed,
    holder: instance.holder,
    onError: (projection, error) => log?.warn({ err: error, projection }, 'projection retrying'),
  });
  const collections = allProjections.map((p) => p.name);
  const { app, deps } = buildServer({
    store,
    auth,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    logger: { level: config.LOG_LEVEL },
    readSide: { docs, daemon, collections, feed },
    consoleDir: join(import.meta.dirname, '..', 'ui', 'dist'),
    rateLimits: () => limiter.status(),
    // Bound below, once the write side exists (a tenant's credentials are read through it).
    platforms: { limiter, platformFor: (platform, account) => platforms?.platformFor(platform, account) },
    vault: credentials.vault,
    warehouse,
    audit,
  });
  log = app.log;
  // A tenant's own platform credentials are read for the launch saga through useCredential:
  // the read is recorded in the tenant's stream before the secret is decrypted.
  platforms = openPlatforms(config, {
    limiter,
    ...(config.DEMO === 'on' ? { existing: demoExistingCampaigns } : {}),
    readCredential: async (platform, account) => {
      const purpose = account.purpose ?? 'launch';
      const actor = purpose === 'launch' ? launchSagaActor : performanceSyncActor;
      const read = await useCredential(deps, credentials.vault, { tenantId: account.tenantId, platform, accountId: account.accountId, purpose, actor });
      return isDomainError(read) ? read : read.secret;
    },
  });
  // The last resort: whatever escaped every handler and loop is logged, and the process keeps
  // serving (each background loop retries by itself; a dead process serves nobody).
  process.on('uncaughtException', (error) => app.log.fatal({ err: error }, 'uncaught exception; still serving'));
  process.on('unhandledRejection', (reason) => app.log.fatal({ err: reason }, 'unhandled rejection; still serving'));
  app.log.info({ lease: instance.holder, reused: instance.reused }, instance.reused ? 'same instance as the last run on this DATA_DIR: its leases are ours' : 'a new instance: leases of a previous run wait for expiry');
  app.log.info({ port: 'event store', adapter: describeEventStore(config) }, 'adapter chosen');
  app.log.info({ port: 'document store', adapter: describeDocumentStore(config) }, 'adapter chosen');
  app.log.info({ port: 'users', adapter: describeUserDirectory(config) }, 'adapter chosen');
  for (const [platform, adapter] of Object.entries(platforms.describe())) app.log.info({ port: 'ad platforms', platform, adapter }, 'adapter chosen');
  app.log.info({ port: 'credential vault', adapter: credentials.adapter, key: credentials.key }, 'adapter chosen');
  app.log.info({ port: 'reporting warehouse', adapter: describeWarehouse(config) }, 'adapter chosen');
  app.log.info({ port: 'audit anchors', adapter: audit.adapter, keys: audit.keyFile, currentKey: audit.keyring.current().id, created: audit.created }, 'adapter chosen');
  if (credentials.warning) app.log.warn({ port: 'credential vault' }, credentials.warning);
  // A wrong key does not stop the server (nothing else needs it); each read answers 503 credentials.unreadable.
  const unreadable = await credentials.vault.probe();
  if (unreadable) app.log.warn({ port: 'credential vault', code: unreadable.code }, unreadable.message);
  if (config.DEMO === 'on') {
    app.log.info({ demo: await seedDemo(deps) }, 'demo tenant ready');
    await ensureDemoUsers(auth.users);
  }
  const recorder = startLaunchRecorder(deps, { onError: (error, event) => app.log.error({ err: error, eventId: event?.eventId }, 'launch recorder failed') });
  const saga = startLaunchSaga({
    w: deps,
    platformFor: platforms.platformFor,
    limiter: platforms.limiter,
    checkpoints: docs,
    coordination: docs,
    holder: instance.holder,
    onError: (error, launch) => app.log.warn({ err: error, launch }, 'launch saga: step not done, will retry'),
  });
  // The spec's workflows, each slot claimed in the log before it runs.
  let scheduler: Scheduler | undefined;
  if (config.SCHEDULER === 'on') {
    const workflows = scheduledWorkflows(config.SCHEDULE_TIMEZONE, {
      'daily-sync-all-tenants': dailySyncTask(deps, { limiter: platforms.limiter, platformFor: platforms.platformFor }),
      'weekly-report-tenant': weeklyAnalysisTask(deps, warehouse),
      'monthly-summary-tenant': monthlySummaryTask(deps, warehouse),
      'cross-tenant-overview': crossTenantOverviewTask(deps, warehouse),
    });
    scheduler = await startScheduler({
      w: deps,
      workflows,
      coordination: docs,
      holder: instance.holder,
      onSlot: (workflow, slot, outcome, detail) => app.log[outcome === 'failed' ? 'warn' : 'info']({ workflow, slot, outcome, detail }, `scheduled slot ${outcome}`),
      onError: (error, workflow) => app.log.warn({ err: error, workflow }, 'scheduler: slot not recorded'),
    });
    for (const [workflow, next] of Object.entries(scheduler.nextSlots())) app.log.info({ workflow, next, timezone: config.SCHEDULE_TIMEZONE }, 'workflow scheduled');
  } else {
    app.log.info('scheduler off (SCHEDULER=off): no workflow runs by the clock');
  }
  // The log head anchored by the clock (the instance holding the lease), apart from the log.
  const anchoring = startAnchoring({
    store,
    anchors: audit.anchors,
    key: () => audit.keyring.current(),
    lease: docs,
    holder: instance.holder,
    everyMinutes: config.AUDIT_ANCHOR_EVERY_MINUTES,
    everyEvents: config.AUDIT_ANCHOR_EVERY_EVENTS,
    onAnchor: ({ anchor }) => app.log.info({ seq: anchor.seq, position: anchor.position, events: anchor.events, keyId: anchor.keyId }, 'audit anchor taken'),
    onError: (error) => app.log.warn({ err: error }, 'audit anchor not taken; will retry'),
  });
  await daemon.start();
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.DEMO === 'on') {
    // In the background: the console serves while the demo's 90 days are fetched and recorded.
    const access = { limiter: platforms.limiter, platformFor: platforms.platformFor };
    backfillDemo(deps, access).then(
      (synced) => app.log.info({ demo: typeof synced === 'string' ? synced : isDomainError(synced) ? synced.code : synced.map((a) => ({ platform: a.platform, recorded: a.recorded, error: a.error?.code })) }, 'demo history synced'),
      (error: unknown) => app.log.warn({ err: error }, 'demo history not synced'),
    );
  }
  const admin = await ensureFirstAdmin(auth.users, publicUrl(config));
  if (admin) {
    // Printed, not logged: a login link is a credential and must not reach log storage.
    process.stdout.write(`\n  adledger is ready. Sign in as ${admin.userId} (one-time link, valid until ${admin.expiresAt}):\n\n    ${admin.link}\n\n`);
  } else {
    app.log.info({ console: publicUrl(config) }, 'console ready; a new login link: npm run adledger -- users link <userId>');
  }
  const stop = async () => {
    await app.close();
    await recorder.stop();
    await saga.stop();
    await scheduler?.stop();
    await anchoring.stop();
    await audit.anchors.close();
    await platforms.close();
    await daemon.stop();
    await docs.close();
    await warehouse.close();
    await credentials.vault.close();
    await auth.users.close();
    await store.close();
    instance.release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof KeyFileError || error instanceof AuditKeyError ? error.message : error);
  process.exit(1);
});
