// The analysis of a tenant's numbers in the warehouse: anomalies over settled days (or all days
// when asked), a campaign's spend above 110 % of its daily budget, a plan off its pacing; each
// raised once as an alert in the tenant's stream.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyseTenantPerformance } from '../../commands/processes/performanceAnalysis.ts';
import { weeklyAnalysisTask } from '../../commands/processes/weeklyAnalysis.ts';
import { addDays } from '../../domain/performance/days.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { tenantStream } from '../../domain/streams.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import type { Row, Warehouse } from '../../readmodels/warehouse/port.ts';
import { M } from '../support/harness.ts';
import { dataOf, launchRig, launchVersion, seedTenant, type Rig } from '../support/launchRig.ts';
import { tempDir } from '../support/tempDir.ts';
import { uniqueSuffix } from '../support/ids.ts';

type Ctx = { rig: Rig; warehouse: Warehouse; campaignId: string };
const t = suite<Ctx>('performance analysis');
const dir = tempDir('analysis');

// One ad of the live Google campaign: 1,000 impressions, 50 clicks, 5 conversions a day.
const day = (campaignId: string, date: string, spend: number, revenue: number): Row => ({
  tenant_id: 'acme', platform: 'google_ads', account_id: '111-222-3333', campaign_id: campaignId, ad_group_id: 'g1', ad_id: 'a1', date,
  impressions: 1000, clicks: 50, spend_micros: spend * M, conversions: 5, revenue_micros: revenue * M, currency: 'EUR', synced_at: '2026-12-10T06:00:00Z',
});

t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
  ctx.warehouse = await openDuckdbWarehouse(join(dir, `wh${uniqueSuffix()}.duckdb`));
  await ctx.warehouse.prepare(1);
  const rig = ctx.rig;
  rig.clock = new Date('2026-12-01T09:00:00Z');
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1' }]); // €620 over December: €20 a day
  rig.startSaga();
  await rig.settle();
  ctx.campaignId = String(dataOf(await rig.events(), 'campaign.live')[0]?.platformCampaignId);
  rig.clock = new Date('2026-12-10T09:00:00Z'); // the tenant's today: 2026-12-10 (Istanbul)
  // 11-26..12-02 (the previous week): €20 a day bringing €100; 12-03..12-09: revenue down to €70,
  // €25 on the 8th (125 % of the daily budget) and €22 on the 9th (exactly 110 %: no alert).
  const rows: Row[] = [];
  for (let i = 0; i < 14; i++) {
    const date = addDays('2026-11-26', i);
    const spend = date === '2026-12-08' ? 25 : date === '2026-12-09' ? 22 : 20;
    rows.push(day(ctx.campaignId, date, spend, date < '2026-12-03' ? 100 : 70));
  }
  const loaded = await ctx.warehouse.upsertRows('ads_daily_performance', 1, rows);
  assert.not.ok(isDomainError(loaded), JSON.stringify(loaded));
});
t.after.each(async ({ rig, warehouse }) => {
  await warehouse.close();
  await rig.close();
});

const alertsIn = async (rig: Rig) => dataOf(await rig.events(tenantStream('acme')), 'tenant.performance_alert_raised');

t('given numbers only inside the lookback, when analysed by default, then the latest settled week has none to judge; overspend and pacing are raised', async ({ rig, warehouse, campaignId }) => {
  const outcome = await analyseTenantPerformance(rig.w, warehouse, 'acme');
  assert.ok(!isDomainError(outcome), JSON.stringify(outcome));
  assert.equal((await alertsIn(rig)).map((a) => a.alertId).sort(), [`overspend:daily_overspend:google_ads:${campaignId}:2026-12-08`, 'pacing:under_pacing:winter.v1:2026-12-09']);
  const [overspend] = dataOf(await rig.events(tenantStream('acme')), 'tenant.performance_alert_raised').filter((a) => a.kind === 'overspend');
  assert.equal([overspend?.current, overspend?.baseline, overspend?.changePct], [25, 20, 25]);
  assert.match(String(overspend?.message), /€25\.00 on 2026-12-08, 125% of its daily budget of €20\.00/);
});

t('given unsettled days are asked for, when analysed, then the ROAS drop of a third is a high anomaly on Google and nothing else fires', async ({ rig, warehouse }) => {
  const outcome = await analyseTenantPerformance(rig.w, warehouse, 'acme', { includeUnsettled: true });
  assert.ok(!isDomainError(outcome), JSON.stringify(outcome));
  const anomalies = (await alertsIn(rig)).filter((a) => a.kind === 'anomaly');
  // Spend rose 5 % (€147 against €140): below the +50 % spike; CPA rose 5 %: below +25 %.
  assert.equal(anomalies.map((a) => [a.alertId, a.severity, a.changePct]), [['anomaly:roas_drop:google_ads:2026-12-09', 'high', -33.33]]);
  assert.equal([anomalies[0]?.provisional, String(anomalies[0]?.message).startsWith('Provisional: ')], [true, true], 'judged on days Google may still restate, and it says so');
});

t('given the analysis ran, when it runs again, then nothing new is raised', async ({ rig, warehouse }) => {
  await analyseTenantPerformance(rig.w, warehouse, 'acme', { includeUnsettled: true });
  const before = (await rig.events()).length;
  const again = await analyseTenantPerformance(rig.w, warehouse, 'acme', { includeUnsettled: true });
  assert.ok(!isDomainError(again) && again.raised.length === 0 && again.findings.length === 3, JSON.stringify(again));
  assert.is((await rig.events()).length, before);
});

t('given a drop in the latest settled week, when analysed by default, then it is raised as settled, not provisional', async ({ rig, warehouse, campaignId }) => {
  // Google settles after 30 days: on 2026-12-10 the latest settled week is 11-04..11-10.
  const rows: Row[] = [];
  for (let i = 0; i < 14; i++) {
    const date = addDays('2026-10-28', i);
    rows.push(day(campaignId, date, 20, date < '2026-11-04' ? 100 : 60));
  }
  await warehouse.upsertRows('ads_daily_performance', 1, rows);
  const outcome = await analyseTenantPerformance(rig.w, warehouse, 'acme');
  assert.ok(!isDomainError(outcome), JSON.stringify(outcome));
  const anomaly = (await alertsIn(rig)).find((a) => a.kind === 'anomaly');
  assert.equal([anomaly?.alertId, anomaly?.from, anomaly?.changePct, anomaly?.provisional], ['anomaly:roas_drop:google_ads:2026-11-10', '2026-11-04', -40, undefined]);
});

t('given an unknown tenant, when analysed, then it is not found and nothing is recorded', async ({ rig, warehouse }) => {
  const before = (await rig.events()).length;
  const outcome = await analyseTenantPerformance(rig.w, warehouse, 'nobody');
  assert.ok(isDomainError(outcome) && outcome.code === 'tenant.not_found', JSON.stringify(outcome));
  assert.is((await rig.events()).length, before);
});

t("the weekly slot's task analyses each tenant with accounts and says how many alerts it raised; run again, it raises none", async ({ rig, warehouse }) => {
  const task = weeklyAnalysisTask(rig.w, warehouse);
  const run = { workflow: 'weekly-report-tenant', slot: rig.clock, runId: 'slot-1' };
  assert.equal(await task(run), { summary: '1 of 1 tenant(s) analysed, 2 alert(s) raised' });
  assert.equal(await task(run), { summary: '1 of 1 tenant(s) analysed, 0 alert(s) raised' });
});

t.run();
