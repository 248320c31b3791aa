// The monthly summary (issued once per tenant and month, computed from the warehouse) and the
// cross-tenant overview (ranked, not narrated), as the scheduler's tasks run them.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crossTenantOverviewTask, monthlySummaryTask, overviewOf, previousMonth } from '../../commands/processes/periodSummaries.ts';
import { addDays } from '../../domain/performance/days.ts';
import { tenantStream } from '../../domain/streams.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { perf } from '../contract/warehouseRows.ts';
import { M } from '../support/harness.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { dataOf, launchRig, seedTenant, type Rig } from '../support/launchRig.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite<{ rig: Rig; warehouse: Warehouse }>('period summaries');
const dir = tempDir('summaries');

// October: €10 a day bringing €40; November: €12 a day bringing €36 (ROAS 4 → 3).
t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
  ctx.warehouse = await openDuckdbWarehouse(join(dir, `wh${uniqueSuffix()}.duckdb`));
  await ctx.warehouse.prepare(1);
  await seedTenant(ctx.rig);
  const rows: Row[] = [];
  for (let date = '2026-10-01'; date <= '2026-11-30'; date = addDays(date, 1)) {
    const nov = date >= '2026-11-01';
    rows.push(perf('acme', { platform: 'google_ads', account_id: '111-222-3333', campaign_id: 'c1', date, impressions: 1000, clicks: 20, spend_micros: (nov ? 12 : 10) * M, conversions: 2, revenue_micros: (nov ? 36 : 40) * M }));
  }
  await ctx.warehouse.upsertRows('ads_daily_performance', 1, rows);
});
t.after.each(async ({ rig, warehouse }) => {
  await warehouse.close();
  await rig.close();
});

t('the month before a day, whatever its length', () => {
  assert.equal(previousMonth('2026-12-01'), { from: '2026-11-01', to: '2026-11-30' });
  assert.equal(previousMonth('2026-03-15'), { from: '2026-02-01', to: '2026-02-28' });
  assert.equal(previousMonth('2026-01-01'), { from: '2025-12-01', to: '2025-12-31' });
});

t("given October and November, when the 1 December slot runs, then November's summary is issued once against October", async ({ rig, warehouse }) => {
  const task = monthlySummaryTask(rig.w, warehouse);
  const run = { workflow: 'monthly-summary-tenant', slot: new Date('2026-12-01T07:00:00Z'), runId: 'slot-m1' };
  assert.equal(await task(run), { summary: '1 monthly summary issued for 1 tenant(s)' });
  const [issued] = dataOf(await rig.events(tenantStream('acme')), 'tenant.performance_summary_issued');
  assert.equal(issued, {
    summaryId: 'monthly:2026-11', from: '2026-11-01', to: '2026-11-30', currency: 'EUR', spendMicros: 360 * M, revenueMicros: 1080 * M, conversions: 60,
    roas: 3, cpa: 6, ctr: 2, changePct: { spend: 16.13, revenue: -12.9, conversions: -3.23, roas: -25, cpa: 20, ctr: 0 },
  });
  assert.equal(await task(run), { summary: '0 monthly summaries issued for 1 tenant(s)' }, 'a repeated slot issues nothing');
});

t('the overview ranks by ROAS and names who needs attention, with the reason', () => {
  const text = overviewOf([
    { tenantId: 'b', roas: 5, roasChangePct: -25, openAlerts: 0 },
    { tenantId: 'a', roas: 2, roasChangePct: 10, openAlerts: 1 },
    { tenantId: 'c', roas: 3, roasChangePct: -19.99, openAlerts: 0 },
    { tenantId: 'd', roas: null, roasChangePct: null, openAlerts: 0 },
  ]);
  assert.is(text, 'top performers: b (ROAS 5, -25%), c (ROAS 3, -19.99%), a (ROAS 2, +10%, 1 alert(s) open); attention needed: a (ROAS 2, +10%, 1 alert(s) open), b (ROAS 5, -25%)');
});

t("the overview task reads each tenant's last week against the week before", async ({ rig, warehouse }) => {
  rig.clock = new Date('2026-12-01T09:00:00Z');
  const outcome = await crossTenantOverviewTask(rig.w, warehouse)({ workflow: 'cross-tenant-overview', slot: rig.clock, runId: 'slot-o1' });
  assert.equal(outcome, { summary: 'top performers: acme (ROAS 3, 0%); attention needed: none' });
});

t.run();
