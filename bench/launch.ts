// Launch throughput on the sandbox platforms with the rate limiter on (its default limits).
// Prints JSON, then prose.
//   npm run bench:launch -- [--line-items 500] [--tenants 50]
// (a) one plan of --line-items line items across Google Ads and Meta (the manifest groups
//     them by platform and objective: 12 campaigns of ~42 ad groups each): time from
//     launch.requested to launch.completed, campaigns and ad groups per second;
// (b) --tenants tenants launching a ten-campaign plan each at once: campaigns per second
//     across tenants, and each launch's requested → completed;
// beside them, the raw limit of the same run: the sandbox's own ensureCampaign rate for the
//     same campaigns called directly (no log, no saga, no rate limiter);
// (c) resume after SIGKILL: a child saga is killed mid-launch; the time from starting its
//     replacement to the replacement recording a platform's answer.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSandboxPlatform } from '../connectors/platforms/sandbox/platform.ts';
import type { Objective, Platform } from '../domain/shared/values.ts';
import { runChild } from '../test/support/childProcess.ts';
import { aSpec } from '../test/support/platforms.ts';
import { launchRig, launchVersion, seedTenant, stream, type ItemSpec, type Rig } from '../test/support/launchRig.ts';

const { values: args } = parseArgs({ options: { 'line-items': { type: 'string', default: '500' }, tenants: { type: 'string', default: '50' } } });
const LINE_ITEMS = Number(args['line-items']);
const TENANTS = Number(args.tenants);
const OBJECTIVES: Objective[] = ['awareness', 'traffic', 'leads', 'sales', 'catalog_sales', 'app_installs'];
const PLATFORMS: Platform[] = ['google_ads', 'meta'];
const rate = (n: number, ms: number) => Math.round((n * 10_000) / ms) / 10;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function completedAt(rig: Rig, s: string): Promise<{ requested: number; completed: number; campaigns: number }> {
  const events = await rig.events(s);
  const at = (type: string) => Date.parse(events.find((e) => e.type === type)?.metadata.recordedAt ?? '');
  return { requested: at('launch.requested'), completed: at('launch.completed'), campaigns: events.filter((e) => e.type === 'campaign.live' || e.type === 'campaign.scheduled').length };
}

// The saga's clock is the wall clock here, so recordedAt measures real time.
async function wallClockRig(): Promise<Rig> {
  const rig = await launchRig();
  Object.defineProperty(rig, 'clock', { get: () => new Date(), set: () => {} });
  return rig;
}

async function onePlan() {
  const rig = await wallClockRig();
  await seedTenant(rig);
  const items: ItemSpec[] = Array.from({ length: LINE_ITEMS }, (_, i) => ({ id: `li${i}`, platform: PLATFORMS[i % 2]!, objective: OBJECTIVES[Math.floor(i / 2) % OBJECTIVES.length]!, budget: 620 }));
  rig.startSaga();
  const started = performance.now();
  await launchVersion(rig, items);
  await waitFor(rig, 1);
  const ms = performance.now() - started;
  const t = await completedAt(rig, stream());
  await rig.close();
  return { lineItems: LINE_ITEMS, campaigns: t.campaigns, adGroups: LINE_ITEMS, requestedToCompletedMs: t.completed - t.requested, campaignsPerSecond: rate(t.campaigns, t.completed - t.requested), adGroupsPerSecond: rate(LINE_ITEMS, t.completed - t.requested), wallMsIncludingSeeding: Math.round(ms) };
}

async function manyTenants() {
  const rig = await wallClockRig();
  const items: ItemSpec[] = PLATFORMS.flatMap((platform) => OBJECTIVES.filter((o) => o !== 'catalog_sales').map((objective) => ({ id: `${platform.slice(0, 1)}${objective.slice(0, 4)}`, platform, objective })));
  const tenants = Array.from({ length: TENANTS }, (_, i) => `t${i}`);
  for (const tenantId of tenants) await seedTenant(rig, tenantId);
  rig.startSaga();
  const started = performance.now();
  await Promise.all(tenants.map((tenantId) => launchVersion(rig, items, { tenantId })));
  await waitFor(rig, TENANTS);
  const wall = performance.now() - started;
  const launches = await Promise.all(tenants.map((tenantId) => completedAt(rig, stream(1, tenantId))));
  const durations = launches.map((l) => l.completed - l.requested);
  const first = Math.min(...launches.map((l) => l.requested));
  const last = Math.max(...launches.map((l) => l.completed));
  const campaigns = launches.reduce((n, l) => n + l.campaigns, 0);
  const waited = rig.limiter.status().tenants.reduce((n, t) => n + t.totalWaitedMs, 0);
  await rig.close();
  return { tenants: TENANTS, campaigns, campaignsPerSecond: rate(campaigns, last - first), requestedToCompletedMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), max: Math.max(...durations) }, rateLimiterWaitedMsTotal: waited, wallMsIncludingRequests: Math.round(wall) };
}

// The platform alone: the same number of campaigns ensured straight on a sandbox file.
async function rawSandbox(campaigns: number) {
  const rig = await launchRig();
  const sandbox = openSandboxPlatform(join(rig.dir, 'raw-sandbox.db'));
  const started = performance.now();
  for (let i = 0; i < campaigns; i++) {
    const platform = PLATFORMS[i % 2]!;
    const outcome = await sandbox.ensureCampaign(aSpec({ platform, accountId: 'acct', tenantId: `raw${i}` }));
    if (!outcome.ok) throw new Error(outcome.error.message);
  }
  const ms = performance.now() - started;
  await sandbox.close();
  await rig.close();
  return { campaigns, campaignsPerSecond: rate(campaigns, ms) };
}

async function resumeAfterKill() {
  const rig = await launchRig();
  await seedTenant(rig);
  const items: ItemSpec[] = PLATFORMS.flatMap((platform) => OBJECTIVES.filter((o) => o !== 'catalog_sales').map((objective) => ({ id: `${platform.slice(0, 1)}${objective.slice(0, 4)}`, platform, objective })));
  for (const planId of ['p1', 'p2', 'p3', 'p4', 'p5']) await launchVersion(rig, items, { planId });
  const child = join(import.meta.dirname, '..', 'test', 'commands', 'sagaChild.ts');
  const first = runChild(child, rig.dir, '5');
  await first.line('working', 60_000);
  first.kill();
  await first.exited;
  const t0 = performance.now();
  const second = runChild(child, rig.dir, '5');
  await second.line('started', 60_000);
  const started = performance.now() - t0;
  await second.line('working', 60_000);
  const working = performance.now() - t0;
  await second.line('done', 120_000);
  await second.exited;
  await rig.close();
  return { processStartToSagaRunningMs: Math.round(started), processStartToNextPlatformAnswerMs: Math.round(working) };
}

async function waitFor(rig: Rig, launches: number): Promise<void> {
  for (let i = 0; i < 12_000; i++) {
    let n = 0;
    for await (const _ of rig.store.readAll({ filter: { eventTypes: ['launch.completed'] } })) n++;
    if (n >= launches) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${launches} launches did not complete in 5 minutes`);
}

const plan = await onePlan();
const tenants = await manyTenants();
const raw = await rawSandbox(tenants.campaigns);
const resume = await resumeAfterKill();
const result = { node: process.version, onePlan: plan, manyTenants: tenants, rawSandbox: raw, resumeAfterSigkill: resume };
console.log(JSON.stringify(result, null, 2));
console.log(
  `\nOne plan of ${plan.lineItems} line items: ${plan.campaigns} campaigns live ${plan.requestedToCompletedMs} ms after the request (${plan.adGroupsPerSecond} ad groups/s).` +
    `\n${tenants.tenants} tenants at once: ${tenants.campaigns} campaigns at ${tenants.campaignsPerSecond}/s through the saga and the rate limiter, beside ${raw.campaignsPerSecond}/s straight into the sandbox;` +
    ` a launch took p50 ${tenants.requestedToCompletedMs.p50} ms, max ${tenants.requestedToCompletedMs.max} ms.` +
    `\nAfter a SIGKILL the replacement saga ran ${resume.processStartToSagaRunningMs} ms after its process started and recorded the next platform answer at ${resume.processStartToNextPlatformAnswerMs} ms.`,
);
