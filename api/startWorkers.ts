// The process managers a worker runs (in `npm start`'s one process, or `adledger worker`):
// the launch recorder and saga, the scheduled workflows and the audit anchors. Each holds a
// lease where only one may run, so any number of workers may start: one works, the others
// take over within seconds when it dies.
import { startLaunchRecorder } from '../commands/processes/launchRecorder.ts';
import { startLaunchSaga } from '../commands/processes/launchSaga.ts';
import { startScheduler, type Scheduler } from '../commands/processes/scheduler.ts';
import { scheduledWorkflows } from '../commands/processes/workflows.ts';
import { weeklyAnalysisTask } from '../commands/processes/weeklyAnalysis.ts';
import { crossTenantOverviewTask, monthlySummaryTask } from '../commands/processes/periodSummaries.ts';
import { dailySyncTask } from '../commands/processes/dailySync.ts';
import { startAnchoring } from '../projections/audit/anchorSchedule.ts';
import type { Log, Services } from './openServices.ts';

export async function startWorkers(s: Services, holder: string, log: Log): Promise<{ stop(): Promise<void> }> {
  const { config, deps, platforms, docs, warehouse, audit } = s;
  const recorder = startLaunchRecorder(deps, { onError: (error, event) => log.error({ err: error, eventId: event?.eventId }, 'launch recorder failed') });
  const saga = startLaunchSaga({
    w: deps,
    platformFor: platforms.platformFor,
    limiter: platforms.limiter,
    checkpoints: docs,
    coordination: docs,
    holder,
    onError: (error, launch) => log.warn({ err: error, launch }, 'launch saga: step not done, will retry'),
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
      holder,
      onSlot: (workflow, slot, outcome, detail) => log[outcome === 'failed' ? 'warn' : 'info']({ workflow, slot, outcome, detail }, `scheduled slot ${outcome}`),
      onError: (error, workflow) => log.warn({ err: error, workflow }, 'scheduler: slot not recorded'),
    });
    for (const [workflow, next] of Object.entries(scheduler.nextSlots())) log.info({ workflow, next, timezone: config.SCHEDULE_TIMEZONE }, 'workflow scheduled');
  } else {
    log.info('scheduler off (SCHEDULER=off): no workflow runs by the clock');
  }
  // The log head anchored by the clock (the instance holding the lease), apart from the log.
  const anchoring = startAnchoring({
    store: s.store,
    anchors: audit.anchors,
    key: () => audit.keyring.current(),
    lease: docs,
    holder,
    everyMinutes: config.AUDIT_ANCHOR_EVERY_MINUTES,
    everyEvents: config.AUDIT_ANCHOR_EVERY_EVENTS,
    onAnchor: ({ anchor }) => log.info({ seq: anchor.seq, position: anchor.position, events: anchor.events, keyId: anchor.keyId }, 'audit anchor taken'),
    onError: (error) => log.warn({ err: error }, 'audit anchor not taken; will retry'),
  });
  return {
    async stop() {
      await recorder.stop();
      await saga.stop();
      await scheduler?.stop();
      await anchoring.stop();
    },
  };
}
