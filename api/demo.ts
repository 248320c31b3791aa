// The demo tenant, made through the same commands a person would send, with fixed command
// ids: starting again replays them as duplicates and changes nothing.
import type { WriteSide } from '../commands/aggregates.ts';
import { sendCommand } from '../commands/sendCommand.ts';
import type { Actor } from '../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../domain/shared/errors.ts';
import type { ExistingCampaign } from '../connectors/platforms/sandbox/history.ts';
import { syncTenantPerformance, type AccountSync } from '../commands/processes/performanceSync.ts';
import type { PlatformAccess } from '../commands/processes/performMutation.ts';
import { addDays } from '../domain/performance/days.ts';
import { localDate } from '../domain/shared/values.ts';

const admin: Actor = { type: 'user', id: 'ada.admin', role: 'agency-admin' };
const planner: Actor = { type: 'user', id: 'maria.planner', role: 'agency-user' };
const approver: Actor = { type: 'user', id: 'ben.client', role: 'client-admin' };

const M = 1_000_000;
const item = (lineItemId: string, platform: string, objective: string, budget: number) => ({
  lineItemId,
  name: `${platform} ${objective}`,
  platform,
  objective,
  budgetMicros: budget * M,
  currency: 'EUR',
  flightStart: '2026-12-01',
  flightEnd: '2026-12-31',
  creativeAssetId: `demo-${lineItemId}-creative`,
  landingUrl: `https://demo-coffee.example/${lineItemId}`,
});

const steps: [Actor, string, Record<string, unknown>][] = [
  [admin, 'tenant.create', { name: 'Demo Coffee Roasters', currency: 'EUR', timezone: 'Europe/Istanbul' }],
  [admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: '123-456-7890', accountName: 'Demo Coffee — Google Ads' }],
  [admin, 'tenant.link_platform_account', { platform: 'meta', accountId: 'act_1029384756', accountName: 'Demo Coffee — Meta' }],
  [admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4', detail: 'GA4 purchase events verified' }],
  [admin, 'tenant.set_approval_policy', { launchApproval: 'first_launch', fourEyes: true, spendChangeThresholdPct: 20 }],
  [planner, 'plan.create', { planId: 'winter-2026', name: 'Winter 2026', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-02-28', budgetMicros: 60_000 * M }],
  [planner, 'plan.add_line_item', { planId: 'winter-2026', ...item('search', 'google_ads', 'sales', 25_000) }],
  [planner, 'plan.add_line_item', { planId: 'winter-2026', ...item('social', 'meta', 'traffic', 15_000) }],
  [planner, 'plan.submit_version', { planId: 'winter-2026' }],
  [approver, 'plan.approve_version', { planId: 'winter-2026', version: 1, comment: 'Agreed in the kickoff call' }],
  [approver, 'launch.approve', { planId: 'winter-2026', version: 1, comment: 'First launch for this client' }],
  [planner, 'launch.request', { planId: 'winter-2026', version: 1 }],
  [planner, 'plan.update_line_item', { planId: 'winter-2026', lineItemId: 'social', budgetMicros: 20_000 * M }],
  [planner, 'plan.submit_version', { planId: 'winter-2026' }],
];

// Version 1 is launched at seeding, so the launch saga takes it live on the sandbox platforms
// at first start; version 2 waits for an approver, whose launch then supersedes version 1.
export async function seedDemo(deps: WriteSide, tenantId = 'demo'): Promise<{ tenantId: string; commands: number; applied: number; kept?: string }> {
  let applied = 0;
  for (const [i, [actor, type, data]] of steps.entries()) {
    const result = await sendCommand(deps, { type, tenantId, commandId: `demo-v2-seed-${String(i).padStart(3, '0')}`, data, actor });
    // A DATA_DIR seeded by an earlier release (other command ids, no creatives): kept as it is.
    if (i === 0 && isDomainError(result) && result.code === 'tenant.already_exists') return { tenantId, commands: steps.length, applied: 0, kept: 'seeded by an earlier release' };
    if (isDomainError(result)) throw new Error(`demo seed step ${i} (${type}) was refused: ${result.code} ${result.message}`);
    if (!result.duplicate && result.events.length > 0) applied++;
  }
  return { tenantId, commands: steps.length, applied };
}

// The demo's accounts arrive with three months of an always-on campaign each (the sandbox's
// existing campaigns), so its performance page has a past; Google's conversion value falls by
// nearly half ten days before the first start, which the anomaly rules catch.
const DEMO_ACCOUNTS = { google_ads: '123-456-7890', meta: 'act_1029384756' } as const;
export const demoExistingCampaigns: readonly ExistingCampaign[] = [
  { platform: 'google_ads', accountId: DEMO_ACCOUNTS.google_ads, currency: 'EUR', name: 'Always-on brand search', dailyMicros: 60 * M, ageDays: 120, valueDrop: { daysAgo: 10, factor: 0.55 } },
  { platform: 'meta', accountId: DEMO_ACCOUNTS.meta, currency: 'EUR', name: 'Always-on prospecting', dailyMicros: 35 * M, ageDays: 120 },
];

export const DEMO_BACKFILL_DAYS = 90;

// The first sync a new client gets: the last 90 days (the sync id names the day it ran).
// Once per DATA_DIR: a demo whose accounts synced before (a restart) is left to the daily sync.
export async function backfillDemo(deps: WriteSide, access: PlatformAccess, tenantId = 'demo'): Promise<readonly AccountSync[] | DomainError | 'synced before'> {
  for await (const _ of deps.store.readAll({ maxCount: 1, filter: { streamPrefixes: [`performance-${tenantId}.`], eventTypes: ['performance.sync_completed'] } })) return 'synced before';
  const today = localDate(deps.now(), 'Europe/Istanbul');
  return syncTenantPerformance(deps, access, tenantId, addDays(today, -DEMO_BACKFILL_DAYS), addDays(today, -1), `demo-backfill-${today}`);
}
