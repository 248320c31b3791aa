// Every store and port a process of adledger uses, opened from the config, whatever its role:
// the write side (commands go through the same door in every process), the document store,
// the users, the vault, the warehouse, the audit keys and the ad platforms.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { describeEventStore, openEventStore } from './openEventStore.ts';
import { describeDocumentStore, openDocumentStore } from './openDocumentStore.ts';
import { describeUserDirectory, openAuth } from './openAuth.ts';
import { openVault } from './openVault.ts';
import { describeWarehouse, openedOnFirstUse, openWarehouse } from './openWarehouse.ts';
import { openAudit } from './openAudit.ts';
import { openPlatforms } from './openPlatforms.ts';
import { serverWriteSide } from './server.ts';
import { demoExistingCampaigns } from './demo.ts';
import { createRateLimiter } from '../connectors/platforms/rateLimiter.ts';
import { useCredential } from '../commands/useCredential.ts';
import { launchSagaActor } from '../commands/processes/launchWorker.ts';
import { performanceSyncActor } from '../commands/processes/performanceSync.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { storeFault } from '../domain/shared/storeFaults.ts';

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'fatal'>;
export type Services = Awaited<ReturnType<typeof openServices>>;

// DuckDB lets one process hold its file, and the worker's reporting projection writes it: an
// API instance beside workers must not take it, so its reporting reads answer 503 (BigQuery,
// a server, serves any number of instances).
const warehouseHeldByWorkers = () =>
  openedOnFirstUse(() => Promise.reject(storeFault('reporting warehouse', new Error('the embedded DuckDB warehouse belongs to the worker processes; set BIGQUERY_PROJECT to read reports from API instances'))));

export async function openServices(config: Config, log: () => Log | undefined) {
  const store = await openEventStore(config, { onFault: (error) => log()?.warn({ err: error, port: 'event store' }, 'store unavailable') });
  const docs = await openDocumentStore(config);
  const auth = await openAuth(config);
  const credentials = await openVault(config);
  const embeddedWarehouseElsewhere = config.ROLE === 'api' && !config.BIGQUERY_PROJECT;
  const warehouse = embeddedWarehouseElsewhere ? warehouseHeldByWorkers() : await openWarehouse(config);
  const audit = await openAudit(config, store);
  const deps = serverWriteSide(store, auth.users, audit);
  // A tenant's own platform credentials are read through useCredential: the read is recorded
  // in the tenant's stream before the secret is decrypted.
  const platforms = openPlatforms(config, {
    limiter: createRateLimiter(),
    ...(config.DEMO === 'on' ? { existing: demoExistingCampaigns } : {}),
    readCredential: async (platform, account) => {
      const purpose = account.purpose ?? 'launch';
      const actor = purpose === 'launch' ? launchSagaActor : performanceSyncActor;
      const read = await useCredential(deps, credentials.vault, { tenantId: account.tenantId, platform, accountId: account.accountId, purpose, actor });
      return isDomainError(read) ? read : read.secret;
    },
  });
  return {
    config,
    store,
    docs,
    auth,
    vault: credentials.vault,
    warehouse,
    audit,
    deps,
    platforms,
    async describe(to: Log): Promise<void> {
      to.info({ role: config.ROLE }, config.ROLE === 'all' ? 'one process runs the API, the projections and the workers' : config.ROLE === 'api' ? 'API instance: projections, launches and schedules run in worker processes' : 'worker: projections, launches, schedules and anchors; no API here');
      to.info({ port: 'event store', adapter: describeEventStore(config) }, 'adapter chosen');
      to.info({ port: 'document store', adapter: describeDocumentStore(config), ...docs.guarantees }, 'adapter chosen');
      to.info({ port: 'users', adapter: describeUserDirectory(config) }, 'adapter chosen');
      for (const [platform, adapter] of Object.entries(platforms.describe())) to.info({ port: 'ad platforms', platform, adapter }, 'adapter chosen');
      to.info({ port: 'credential vault', adapter: credentials.adapter, key: credentials.key }, 'adapter chosen');
      to.info({ port: 'reporting warehouse', adapter: embeddedWarehouseElsewhere ? 'none here: the DuckDB file is the workers\' (reports answer 503)' : describeWarehouse(config) }, 'adapter chosen');
      to.info({ port: 'audit anchors', adapter: audit.adapter, keys: audit.keyFile, currentKey: audit.keyring.current().id, created: audit.created }, 'adapter chosen');
      if (credentials.warning) to.warn({ port: 'credential vault' }, credentials.warning);
      // A wrong key does not stop the process (nothing else needs it); each read answers 503 credentials.unreadable.
      const unreadable = await credentials.vault.probe();
      if (unreadable) to.warn({ port: 'credential vault', code: unreadable.code }, unreadable.message);
    },
    async close(): Promise<void> {
      await audit.anchors.close();
      await platforms.close();
      await docs.close();
      await warehouse.close();
      await credentials.vault.close();
      await auth.users.close();
      await store.close();
    },
  };
}
