// The sandbox's daily metrics: ad-level rows for complete days of the flight, the same on
// every fetch and every fresh sandbox, except conversions of the last days before "today",
// which grow on later fetches up to their settled value (late conversions).
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSandboxPlatform, type SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { LATE_CONVERSION_DAYS } from '../../connectors/platforms/sandbox/metrics.ts';
import type { DailyPerformanceRow, EnsureResult } from '../../connectors/platforms/port.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { aSpec, thenFailed, thenOk } from '../support/platforms.ts';
import { tempDir } from '../support/tempDir.ts';

const dir = tempDir('sandbox-metrics');
let n = 0;

interface World {
  sandbox: SandboxPlatform;
  setToday(date: string): void;
  made: EnsureResult;
  platform: Platform;
  fetch(from?: string, to?: string): Promise<readonly DailyPerformanceRow[]>;
}

// A campaign made on `createdOn` with 1,000 EUR a day over January 2027, so conversions
// are many enough for late growth to show.
async function world(platform: Platform, createdOn = '2027-01-01'): Promise<World> {
  let today = createdOn;
  const sandbox = openSandboxPlatform(join(dir, `s-${n++}.db`), { now: () => new Date(`${today}T12:00:00Z`) });
  const accountId = platform === 'google_ads' ? 'g1' : 'act_1';
  const made = thenOk(await sandbox.ensureCampaign(aSpec({ platform, accountId, tenantId: 'acme', budgetMicros: 31_000_000_000 })));
  return {
    sandbox,
    made,
    platform,
    setToday: (date) => void (today = date),
    fetch: async (from = '2027-01-01', to = '2027-01-31') => thenOk(await sandbox.fetchDailyPerformance({ platform, accountId }, from, to)),
  };
}

const byKey = (rows: readonly DailyPerformanceRow[]) => new Map(rows.map((r) => [`${r.adId}|${r.date}`, r]));
const dates = (rows: readonly DailyPerformanceRow[]) => [...new Set(rows.map((r) => r.date))].sort();
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

for (const platform of ['google_ads', 'meta'] as const) {
  const t = suite(`sandbox metrics: ${platform}`);

  t('given ten complete days, when fetched, then one row per ad and day with the ids ensure returned', async () => {
    const w = await world(platform);
    w.setToday('2027-01-11');
    const rows = await w.fetch();
    const adIds = w.made.adGroups.flatMap((g) => g.ads.map((a) => a.id));
    assert.equal(dates(rows), Array.from({ length: 10 }, (_, i) => addDays('2027-01-01', i)));
    assert.is(rows.length, 10 * adIds.length);
    assert.ok(rows.every((r) => r.campaignId === w.made.campaignId && adIds.includes(r.adId) && r.adGroupId === w.made.adGroups[0]!.id), JSON.stringify(rows[0]));
    assert.ok(rows.every((r) => r.currency === 'EUR' && r.attribution.window.length > 0 && r.campaignName.startsWith('kobi_acme_')));
    assert.ok(rows.every((r) => r.clicks <= r.impressions && r.reach <= r.impressions && r.costMicros > 0), 'plausible numbers');
    assert.ok(rows.some((r) => r.conversions > 0), 'the model converts at this budget');
    assert.equal(await w.fetch('2027-01-03', '2027-01-04').then(dates), ['2027-01-03', '2027-01-04'], 'the range is honoured');
    await w.sandbox.close();
  });

  t('given two fresh sandboxes and the same calls, when fetched twice, then every row is the same', async () => {
    const a = await world(platform);
    const b = await world(platform);
    a.setToday('2027-01-20');
    b.setToday('2027-01-20');
    const first = await a.fetch();
    assert.equal(await a.fetch(), first);
    assert.equal(await b.fetch(), first);
    await a.sandbox.close();
    await b.sandbox.close();
  });

  t('given a campaign made mid-flight, when fetched, then no rows before it existed and none for today', async () => {
    const w = await world(platform, '2027-01-05');
    w.setToday('2027-01-08');
    assert.equal(dates(await w.fetch()), ['2027-01-05', '2027-01-06', '2027-01-07']);
    await w.sandbox.close();
  });

  t(`given a later fetch, then only the last ${LATE_CONVERSION_DAYS} days before the earlier "today" change, and only their conversions grow`, async () => {
    const w = await world(platform);
    w.setToday('2027-01-15');
    const before = byKey(await w.fetch());
    w.setToday('2027-01-16');
    const after = byKey(await w.fetch());
    const changed = new Set<string>();
    for (const [key, old] of before) {
      const now = after.get(key)!;
      if (JSON.stringify(now) === JSON.stringify(old)) continue;
      changed.add(old.date);
      assert.equal({ ...now, conversions: 0, conversionValueMicros: 0 }, { ...old, conversions: 0, conversionValueMicros: 0 }, 'only conversions restate');
      assert.ok(now.conversions >= old.conversions && now.conversionValueMicros >= old.conversionValueMicros, `${key} shrank`);
    }
    const lastDays = ['2027-01-12', '2027-01-13', '2027-01-14'];
    assert.ok([...changed].every((d) => lastDays.includes(d)), `restated ${[...changed].sort().join(', ')}`);
    assert.ok(changed.size > 0, 'some late conversions arrived');
    const settledBy = (today: string) => (rows: readonly DailyPerformanceRow[]) => rows.filter((r) => r.date < addDays(today, -LATE_CONVERSION_DAYS));
    w.setToday('2027-01-25');
    const settled = settledBy('2027-01-25')(await w.fetch());
    w.setToday('2027-02-20');
    assert.equal(settledBy('2027-01-25')(await w.fetch()), settled, 'settled days never change again');
    await w.sandbox.close();
  });

  t('given bad dates or an unknown account, when fetched, then error values', async () => {
    const w = await world(platform);
    thenFailed(await w.sandbox.fetchDailyPerformance({ platform, accountId: 'nobody' }, '2027-01-01', '2027-01-02'), 'platform.not_found', false);
    thenFailed(await w.sandbox.fetchDailyPerformance({ platform, accountId: platform === 'google_ads' ? 'g1' : 'act_1' }, '2027-01-05', '2027-01-01'), 'platform.invalid', false);
    await w.sandbox.close();
  });

  t.run();
}
