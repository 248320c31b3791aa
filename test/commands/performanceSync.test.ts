// The performance sync on the sandbox's seeded metrics: one event per (account, day), nothing
// again for the same numbers, a restatement when late conversions change a day.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { syncTenantPerformance } from '../../commands/processes/performanceSync.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { performanceStream } from '../../domain/streams.ts';
import { admin } from '../support/harness.ts';
import { dataOf, GOOGLE_ACCOUNT, launchRig, launchVersion, META_ACCOUNT, seedTenant, types, type Rig } from '../support/launchRig.ts';

const t = suite<{ rig: Rig }>('performance sync');
t.before.each(async (ctx) => {
  ctx.rig = await launchRig();
});
t.after.each(async ({ rig }) => rig.close());

const access = (rig: Rig) => ({ limiter: rig.limiter, platformFor: () => rig.sandbox });

// Campaigns live since 2026-12-01 on both platforms, then the clock moves to the 10th.
async function liveTenant(rig: Rig) {
  rig.clock = new Date('2026-12-01T09:00:00Z');
  await seedTenant(rig);
  await launchVersion(rig, [{ id: 's1' }, { id: 'm1', platform: 'meta' }]);
  rig.startSaga();
  await rig.settle();
  rig.clock = new Date('2026-12-10T09:00:00Z');
}

t('given live campaigns, when synced, then each account records one event per day with its ad rows; a second sync records nothing', async ({ rig }) => {
  await liveTenant(rig);
  const report = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-09');
  assert.not.ok(isDomainError(report), JSON.stringify(report));
  if (isDomainError(report)) return;
  assert.equal(report.map((a) => [a.platform, a.days, a.recorded, a.restated, a.error]), [['google_ads', 9, 9, 0, undefined], ['meta', 9, 9, 0, undefined]]);
  const google = await rig.events(performanceStream('acme', 'google_ads', GOOGLE_ACCOUNT));
  assert.equal(types(google), ['performance.sync_started', ...Array(9).fill('performance.synced'), 'performance.sync_completed']);
  assert.equal(dataOf(google, 'performance.sync_completed').map((d) => [d.days, d.recorded]), [[9, 9]]);
  const [first] = dataOf(google, 'performance.synced');
  assert.is((first?.rows as unknown[]).length > 0, true, 'ad rows are kept');
  const before = (await rig.events()).length;
  const again = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-09');
  assert.ok(!isDomainError(again) && again.every((a) => a.unchanged === 9), JSON.stringify(again));
  const added = types((await rig.events()).slice(before));
  assert.equal(added.sort(), ['performance.sync_completed', 'performance.sync_completed', 'performance.sync_started', 'performance.sync_started'], 'the same numbers are recorded once; only the sync itself is audited');
});

t('given late conversions, when the lookback is synced again a day later, then the changed days are restated and the rest left alone', async ({ rig }) => {
  await liveTenant(rig);
  await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-09');
  rig.clock = new Date('2026-12-11T09:00:00Z');
  const report = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-10');
  assert.ok(!isDomainError(report), JSON.stringify(report));
  if (isDomainError(report)) return;
  for (const a of report) {
    assert.is(a.recorded, 1, `${a.platform}: the new day`);
    assert.ok(a.restated > 0 && a.restated < 9, `${a.platform}: only the days late conversions changed are restated (${a.restated})`);
  }
  const meta = await rig.events(performanceStream('acme', 'meta', META_ACCOUNT));
  const restated = dataOf(meta, 'performance.restated');
  assert.ok(restated.every((d) => d.previousHash !== d.contentHash && typeof d.previousHash === 'string'));
});

t('bad input is refused before any platform is asked, and nothing is recorded', async ({ rig }) => {
  await liveTenant(rig);
  const before = (await rig.events()).length;
  const refusal = async (tenantId: string, from: string, to: string) => {
    const r = await syncTenantPerformance(rig.w, access(rig), tenantId, from, to);
    return isDomainError(r) ? [r.kind, r.code] : ['ok'];
  };
  assert.equal(await refusal('ghost', '2026-12-01', '2026-12-02'), ['not_found', 'tenant.not_found']);
  assert.equal(await refusal('acme', '2025-01-01', '2026-12-02'), ['invalid', 'performance.range_too_long']);
  assert.equal(await refusal('acme', '2026-12-05', '2026-12-01'), ['invalid', 'performance.bad_range']);
  assert.equal(await refusal('acme', '2026-12-01', '2026-12-31'), ['refused', 'performance.future_day']);
  await rig.run(admin, 'tenant.create', { name: 'Bare', currency: 'EUR', timezone: 'UTC' }, 'bare');
  assert.equal(await refusal('bare', '2026-12-01', '2026-12-02'), ['refused', 'performance.no_accounts']);
  assert.is((await rig.events()).length, before + 1, 'only the new tenant was recorded');
  assert.not.ok(types(await rig.events()).some((t) => t.startsWith('performance.')));
});

t('given a platform that fails, then its account records the sync as failed and the other account still syncs', async ({ rig }) => {
  await liveTenant(rig);
  rig.sandbox.inject({ platform: 'meta', operation: 'fetchDailyPerformance', fault: { kind: 'down' }, times: Infinity });
  const report = await syncTenantPerformance(rig.w, access(rig), 'acme', '2026-12-01', '2026-12-09');
  assert.ok(!isDomainError(report), JSON.stringify(report));
  if (isDomainError(report)) return;
  assert.equal(report.map((a) => [a.platform, a.recorded, a.error?.code]), [['google_ads', 9, undefined], ['meta', 0, 'platform.unavailable']]);
  const meta = await rig.events(performanceStream('acme', 'meta', META_ACCOUNT));
  assert.equal(types(meta), ['performance.sync_started', 'performance.sync_failed']);
});

t.run();
