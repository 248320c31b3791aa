// A tenant ready to launch (accounts linked, tracking green, no launch approval) with plans of
// ten campaigns each (five objectives on Google Ads and Meta), approved; then their launches
// requested. Sent through the API of a running product, as people would.
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Product } from './processes.ts';
import { command } from './storageFaults.ts';

const M = 1_000_000;
const OBJECTIVES = ['awareness', 'traffic', 'leads', 'sales', 'app_installs'] as const;
export const CAMPAIGNS_PER_PLAN = OBJECTIVES.length * 2;

const item = (platform: string, objective: string) => ({
  lineItemId: `${platform.slice(0, 1)}${objective.slice(0, 4)}`,
  name: `${platform} ${objective}`,
  platform,
  objective,
  budgetMicros: 500 * M,
  currency: 'EUR',
  flightStart: '2026-12-01',
  flightEnd: '2026-12-31',
  creativeAssetId: `asset-${platform}-${objective}`,
  landingUrl: `https://shop.example/${objective}`,
});

export async function launchPlans(product: Product, auth: Record<string, string>, tenantId: string, plans: readonly string[]): Promise<void> {
  const steps: [string, Record<string, unknown>][] = [
    ['tenant.create', { name: `Tenant ${tenantId}`, currency: 'EUR', timezone: 'Europe/Istanbul' }],
    ['tenant.link_platform_account', { platform: 'google_ads', accountId: '555-000-1111', accountName: 'Google' }],
    ['tenant.link_platform_account', { platform: 'meta', accountId: 'act_5550', accountName: 'Meta' }],
    ['tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
    ['tenant.set_approval_policy', { launchApproval: 'never', fourEyes: false, spendChangeThresholdPct: 20 }],
  ];
  for (const planId of plans) {
    steps.push(['plan.create', { planId, name: `Plan ${planId}`, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 100_000 * M }]);
    for (const platform of ['google_ads', 'meta']) for (const objective of OBJECTIVES) steps.push(['plan.add_line_item', { planId, ...item(platform, objective) }]);
    steps.push(['plan.submit_version', { planId }], ['plan.approve_version', { planId, version: 1 }]);
  }
  for (const planId of plans) steps.push(['launch.request', { planId, version: 1 }]);
  for (const [type, data] of steps) {
    const sent = await command(product, auth, type, { tenantId, data });
    assert.is(sent.status, 201, `${type}: ${sent.text}`);
  }
}

// What the log file says right now, read beside the running server (WAL: readers never block it).
export function countInLog(dir: string, type: string): number {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').pluck().get(type));
  } finally {
    db.close();
  }
}

// Polls every 5 ms: a launch on the sandbox takes well under a second.
export async function soon(what: string, probe: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
