// The demo tenant, made through the same commands a person would send, with fixed command
// ids: starting again replays them as duplicates and changes nothing.
import type { WriteSide } from '../commands/aggregates.ts';
import { sendCommand } from '../commands/sendCommand.ts';
import type { Actor } from '../domain/shared/envelope.ts';
import { isDomainError } from '../domain/shared/errors.ts';

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
