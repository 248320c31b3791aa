// The daily sync as the scheduler runs it: every tenant with a linked account, over its
// platforms' lookback ending yesterday in the tenant's own time zone, at most three tenants
// at once; a tenant that fails stops no other, and the slot says which failed.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dailySyncTask } from '../../commands/processes/dailySync.ts';
import { scheduledWorkflows, workflowSchedules } from '../../commands/processes/workflows.ts';
import type { PlatformAccess } from '../../commands/processes/performMutation.ts';
import { openSandboxPlatform, type SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { refuse } from '../../domain/shared/errors.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { parseStreamName, scheduleStream } from '../../domain/streams.ts';
import { admin } from '../support/harness.ts';
import { schedulerRig, type SchedulerRig } from '../support/schedulerRig.ts';

const SLOT = '2026-12-10T00:00:00.000Z'; // 08:00 in Hong Kong
const WORKFLOW = 'daily-sync-all-tenants';

interface TenantSpec {
  readonly id: string;
  readonly timezone: string;
  readonly accounts: readonly Platform[];
}

const t = suite<{ s?: SchedulerRig; sandbox?: SandboxPlatform }>('scheduler: daily sync of all tenants');
t.after.each(async (ctx) => {
  await ctx.sandbox?.close();
  await ctx.s?.close();
  ctx.s = undefined;
  ctx.sandbox = undefined;
});

// Tenants on the log, their accounts open on a sandbox of the test's own.
async function setUp(ctx: { s?: SchedulerRig; sandbox?: SandboxPlatform }, tenants: readonly TenantSpec[]) {
  const s = (ctx.s = await schedulerRig(SLOT));
  const accountOf = (tenant: string, p: Platform) => `${tenant}-${p === 'meta' ? 'act' : 'gads'}`;
  ctx.sandbox = openSandboxPlatform(join(s.rig.dir, 'sync-sandbox.db'), {
    now: () => s.rig.clock,
    accounts: tenants.flatMap((x) => x.accounts.map((platform) => ({ platform, accountId: accountOf(x.id, platform), currency: 'EUR' }))),
  });
  for (const x of tenants) {
    await s.rig.run(admin, 'tenant.create', { name: x.id, currency: 'EUR', timezone: x.timezone }, x.id);
    for (const platform of x.accounts) await s.rig.run(admin, 'tenant.link_platform_account', { platform, accountId: accountOf(x.id, platform), accountName: x.id }, x.id);
  }
  return s;
}

// Each sync's (tenant platform from to), sorted.
async function syncRanges(s: SchedulerRig): Promise<string[]> {
  const started = (await s.rig.events()).filter((e) => e.type === 'performance.sync_started');
  return started.map((e) => {
    const d = e.data as { platform: string; from: string; to: string };
    return `${parseStreamName(e.streamId)?.tenantId} ${d.platform} ${d.from} ${d.to}`;
  }).sort();
}

t('the registry schedules only the workflows given a task, with the spec crons in the configured zone', () => {
  const workflows = scheduledWorkflows('Europe/London', { [WORKFLOW]: async () => ({ summary: '' }) });
  assert.equal(workflows.map((w) => [w.name, w.cron, w.timezone]), [[WORKFLOW, '0 8 * * *', 'Europe/London']]);
  assert.equal(Object.values(workflowSchedules).map((w) => w.cron), ['0 8 * * *', '0 9 * * 1', '0 10 1 * *', '0 11 * * 1']);
});

t('each tenant with accounts is synced over its lookback ending yesterday in its own zone; one failing tenant stops no other', async (ctx) => {
  const s = await setUp(ctx, [
    { id: 'acme', timezone: 'Europe/Istanbul', accounts: ['google_ads', 'meta'] }, // 03:00 on the 10th at the slot
    { id: 'pacific', timezone: 'Pacific/Honolulu', accounts: ['meta'] }, // still the 9th there
    { id: 'broken', timezone: 'UTC', accounts: ['google_ads'] },
    { id: 'idle', timezone: 'UTC', accounts: [] },
  ]);
  const sandbox = ctx.sandbox!;
  const access: PlatformAccess = { limiter: s.rig.limiter, platformFor: async (_p, account) => (account.tenantId === 'broken' ? refuse('credentials.missing', 'No Google Ads access stored') : sandbox) };
  await s.start(scheduledWorkflows('Asia/Hong_Kong', { [WORKFLOW]: dailySyncTask(s.rig.w, access) }));
  await s.moveTo('2026-12-10T01:00:00.000Z');
  assert.equal(await syncRanges(s), [
    'acme google_ads 2026-11-10 2026-12-09', // Google Ads' 30 days, the longest of acme's platforms
    'acme meta 2026-11-10 2026-12-09',
    'broken google_ads 2026-11-10 2026-12-09',
    'pacific meta 2026-11-11 2026-12-08', // Meta's 28 days, ending the 8th: Honolulu is on the 9th
  ]);
  const completed = (await s.rig.events()).filter((e) => e.type === 'performance.sync_completed');
  assert.equal(completed.map((e) => parseStreamName(e.streamId)?.tenantId).sort(), ['acme', 'acme', 'pacific']);
  const slot = (await s.rig.events(scheduleStream(WORKFLOW))).map((e) => [e.type, e.data]);
  assert.equal(slot.at(-1), ['schedule.slot_failed', { workflow: WORKFLOW, slot: SLOT, code: 'schedule.sync_incomplete', message: '2 of 3 tenant(s) synced; failed: broken (credentials.missing)' }]);
});

t('at most three tenants sync at once, and a slot where all synced completes', async (ctx) => {
  const ids = ['t1', 't2', 't3', 't4', 't5'];
  const s = await setUp(ctx, ids.map((id) => ({ id, timezone: 'UTC', accounts: ['meta'] as const })));
  const sandbox = ctx.sandbox!;
  const active = new Set<string>();
  let most = 0;
  const access: PlatformAccess = {
    limiter: s.rig.limiter,
    platformFor: (_p, account) => ({
      ...sandbox,
      async fetchDailyPerformance(...args: Parameters<SandboxPlatform['fetchDailyPerformance']>) {
        active.add(account.tenantId);
        most = Math.max(most, active.size);
        await new Promise((r) => setTimeout(r, 20));
        active.delete(account.tenantId);
        return sandbox.fetchDailyPerformance(...args);
      },
    }),
  };
  await s.start(scheduledWorkflows('Asia/Hong_Kong', { [WORKFLOW]: dailySyncTask(s.rig.w, access) }));
  await s.moveTo('2026-12-10T01:00:00.000Z');
  assert.is(most, 3);
  assert.equal((await syncRanges(s)).length, 5);
  const last = (await s.rig.events(scheduleStream(WORKFLOW))).at(-1);
  assert.equal([last?.type, last?.data], ['schedule.slot_completed', { workflow: WORKFLOW, slot: SLOT, summary: '5 of 5 tenant(s) synced' }]);
});

t.run();
