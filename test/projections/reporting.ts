// The reporting projection against one warehouse adapter: given a tenant whose launch went live
// and whose numbers were synced, the four tables hold what the log says; applying the same
// events again changes nothing; a re-sync restates rows in place; a rebuild fills a new
// generation with the same rows. Run on DuckDB always and on the BigQuery emulator when built.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { syncTenantPerformance } from '../../commands/processes/performanceSync.ts';
import type { RecordedEvent } from '../../connectors/eventstore/port.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { PerformanceRow } from '../../domain/performance/syncEvents.ts';
import { reportingTarget } from '../../projections/reporting/reportingTarget.ts';
import { projectionDaemon, type ProjectionDaemon } from '../../projections/runtime/daemon.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { TABLE_NAMES, type TableName } from '../../readmodels/warehouse/tables.ts';
import { approver, planner } from '../support/harness.ts';
import { launchRig, launchVersion, seedTenant, type Rig } from '../support/launchRig.ts';

type Ctx = { rig: Rig; warehouse: Warehouse; daemon: ProjectionDaemon };

const access = (rig: Rig) => ({ limiter: rig.limiter, platformFor: () => rig.sandbox });

async function allRows(w: Warehouse, table: TableName, tenant = 'acme'): Promise<Row[]> {
  const rows = await w.rows(table, tenant, { limit: 10_000 });
  if (isDomainError(rows)) throw new Error(JSON.stringify(rows));
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
const snapshot = async (w: Warehouse) => Object.fromEntries(await Promise.all(TABLE_NAMES.map(async (t) => [t, await allRows(w, t)] as const)));

async function caughtUp(ctx: Ctx): Promise<void> {
  const head = await ctx.rig.store.headPosition();
  assert.ok(await ctx.daemon.waitFor(head, 90_000, ['reporting']), `the reporting projection reached ${head}: ${JSON.stringify(ctx.daemon.status())}`);
}

async function recorded(rig: Rig): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of rig.store.readAll()) out.push(e);
  return out;
}

// What the synced events say for the tenant: the latest figures of every (account, day, ad).
async function latestAdDays(rig: Rig): Promise<Map<string, PerformanceRow>> {
  const latest = new Map<string, PerformanceRow>();
  for (const e of await rig.events()) {
    if (e.type !== 'performance.synced' && e.type !== 'performance.restated') continue;
    for (const r of e.data.rows) latest.set(`${e.data.platform}|${e.data.accountId}|${e.data.date}|${r.campaignId}|${r.adGroupId}|${r.adId}`, r);
  }
  return latest;
}

export function reportingProjectionSpec(name: string, open: () => Promise<Warehouse>): void {
  const t = suite<Ctx>(`reporting projection: ${name}`);
  t.before.each(async (ctx) => {
    ctx.rig = await launchRig();
    ctx.warehouse = await open();
    const rig = ctx.rig;
    rig.clock = new Date('2026-12-01T09:00:00Z');
    await seedTenant(rig);
    await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
    rig.startSaga();
    await rig.settle();
    rig.clock = new Date('2026-12-05T09:00:00Z');
    const synced = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-04');
    assert.not.ok(isDomainError(synced), JSON.stringify(synced));
    ctx.daemon = projectionDaemon({ events: rig.store, docs: rig.docs, projections: [], targets: [reportingTarget({ events: rig.store, warehouse: ctx.warehouse, coordination: rig.docs })] });
    await ctx.daemon.start();
    await caughtUp(ctx);
  });
  t.after.each(async ({ rig, warehouse, daemon }) => {
    await daemon.stop();
    await warehouse.close();
    await rig.close();
  });

  t('every event of the tenant is a ledger row, keyed by its id, with its place and actor', async ({ rig, warehouse }) => {
    const events = (await rig.events()).filter((e) => e.metadata.tenantId === 'acme');
    const ledger = await allRows(warehouse, 'ledger_events');
    assert.is(ledger.length, events.length);
    const submitted = events.find((e) => e.type === 'plan.version_submitted')!;
    const row = ledger.find((r) => r.event_id === submitted.eventId)!;
    assert.equal([row.stream, row.position, row.revision, row.actor_id, row.type], [submitted.streamId, Number(submitted.position), Number(submitted.revision), planner.id, 'plan.version_submitted']);
    assert.equal(JSON.parse(String(row.data)).planId, 'winter');
  });

  t('ad rows hold the latest synced figures, with the spec ratios and the account name', async ({ rig, warehouse }) => {
    const latest = await latestAdDays(rig);
    const rows = await allRows(warehouse, 'ads_daily_performance');
    assert.is(rows.length, latest.size);
    assert.ok(rows.length > 0, 'the sandbox has numbers');
    for (const row of rows) {
      const r = latest.get(`${row.platform}|${row.account_id}|${row.date}|${row.campaign_id}|${row.ad_group_id}|${row.ad_id}`);
      assert.ok(r, `a row the log has: ${JSON.stringify(row)}`);
      assert.equal([row.spend_micros, row.clicks, row.impressions, row.revenue_micros], [r.costMicros, r.clicks, r.impressions, r.conversionValueMicros]);
      assert.is(row.cpc, r.clicks === 0 ? null : Math.round((r.costMicros / r.clicks)) / 1e6, 'cpc: spend / clicks, null without clicks');
      assert.is(row.account_name, row.platform === 'meta' ? 'Meta' : 'Google');
      assert.is(row.restated, false);
    }
  });

  t('approvals hold who submitted and decided, and the latency between', async ({ rig, warehouse }) => {
    const events = await rig.events();
    const submitted = events.find((e) => e.type === 'plan.version_submitted')!;
    const approved = events.find((e) => e.type === 'plan.version_approved')!;
    const rows = await allRows(warehouse, 'approvals');
    assert.equal(rows.map((r) => [r.plan_id, r.version, r.kind, r.submitted_by, r.decided_by, r.decision]), [['winter', 1, 'plan_version', planner.id, approver.id, 'approved']]);
    assert.is(rows[0]!.latency_seconds, Math.round((Date.parse(approved.metadata.recordedAt) - Date.parse(submitted.metadata.recordedAt)) / 1000));
  });

  t('every platform mutation is a campaign change, its outcome carrying the reason of its request', async ({ rig, warehouse }) => {
    const mutations = (await rig.events()).filter((e) => e.type.startsWith('mutation.'));
    const rows = await allRows(warehouse, 'campaign_changes');
    assert.is(rows.length, mutations.length);
    assert.ok(rows.some((r) => r.outcome === 'succeeded'), 'a mutation succeeded');
    assert.ok(rows.every((r) => r.reason === 'launch'), JSON.stringify(rows.map((r) => r.reason)));
  });

  t('applying the same events again changes no row', async ({ rig, warehouse, daemon }) => {
    const before = await snapshot(warehouse);
    await daemon.stop();
    const target = reportingTarget({ events: rig.store, warehouse, coordination: rig.docs });
    await target.apply(await warehouse.activeGeneration(), await recorded(rig));
    assert.equal(await snapshot(warehouse), before);
    await daemon.start(); // after.each stops it again
  });

  t('a re-sync restates changed rows in place and marks them; none is doubled', async (ctx) => {
    const { rig, warehouse } = ctx;
    const count = (await allRows(warehouse, 'ads_daily_performance')).length;
    rig.clock = new Date('2026-12-06T09:00:00Z');
    const again = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-04');
    assert.ok(!isDomainError(again) && again.some((a) => a.restated > 0), `late conversions restate a day: ${JSON.stringify(again)}`);
    await caughtUp(ctx);
    const rows = await allRows(warehouse, 'ads_daily_performance');
    assert.is(rows.length, count);
    const latest = await latestAdDays(rig);
    const restated = rows.filter((r) => r.restated === true);
    assert.ok(restated.length > 0, 'rows whose figures changed are marked');
    for (const row of rows) assert.is(row.conversions, latest.get(`${row.platform}|${row.account_id}|${row.date}|${row.campaign_id}|${row.ad_group_id}|${row.ad_id}`)!.conversions);
  });

  t('a rebuild fills a new generation with the same rows and switches readers to it', async ({ warehouse, daemon }) => {
    const before = await snapshot(warehouse);
    const watch = setInterval(() => process.env.DEBUG_REBUILD && console.error(JSON.stringify(daemon.status())), 5000);
    const progress = await daemon.rebuild('reporting').finally(() => clearInterval(watch));
    assert.is(progress.phase, 'done');
    assert.is(await warehouse.activeGeneration(), 2);
    assert.equal(await snapshot(warehouse), before);
  });

  t.run();
}
