// The reporting projection's rows for a restated day: the day anew, and an ad the platform no
// longer reports for it written as zeros, so no figure of the earlier day lingers in the sums.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DecodedEvent } from '../../domain/decodeEvent.ts';
import type { PerformanceRow } from '../../domain/performance/syncEvents.ts';
import { reportingRowsOf, type LogAsOf } from '../../projections/reporting/reportingRows.ts';
import { projected } from './replay.ts';
import type { GivenEvent } from '../domain/given.ts';

const t = suite('reporting rows: a restated day');
const sync = { type: 'system', id: 'performance-sync', role: 'system' } as const;
const hash = (c: string) => c.repeat(64);
const ad = (adId: string, costMicros: number): PerformanceRow => ({
  campaignId: 'c1', campaignName: 'Search', adGroupId: 'g1', adGroupName: 'Group', adId, adName: `Ad ${adId}`,
  impressions: 100, reach: 80, clicks: 10, costMicros, conversions: 1, conversionValueMicros: 5_000_000,
});
const day = (type: 'performance.synced' | 'performance.restated', rows: PerformanceRow[], extra: Record<string, string> = {}): GivenEvent => ({
  type, actor: sync,
  data: { platform: 'meta', accountId: 'act_1', date: '2026-11-20', currency: 'EUR', attribution: { window: '7d_click', reportTime: 'impression' }, rows, contentHash: hash('a'), ...extra },
}) as GivenEvent;

// The log as the projection reads it, over these events only.
const logOf = (events: readonly DecodedEvent[]): LogAsOf => ({
  before: async (stream, position) => events.filter((e) => e.streamId === stream && e.position < position),
});

t('given a day synced with two ads, when it is restated with one, then the other is written as zeros', async () => {
  const events = projected([day('performance.synced', [ad('a1', 2_000_000), ad('a2', 3_000_000)]), day('performance.restated', [ad('a1', 2_500_000)], { contentHash: hash('b'), previousHash: hash('a') })]);
  const rows = (await reportingRowsOf(events[1]!, logOf(events))).ads_daily_performance ?? [];
  assert.equal(rows.map((r) => [r.ad_id, r.spend_micros, r.clicks, r.revenue_micros, r.cpc]), [['a1', 2_500_000, 10, 5_000_000, 0.25], ['a2', 0, 0, 0, null]]);
});

t('given a day synced once, its rows are the day as reported, nothing added', async () => {
  const events = projected([day('performance.synced', [ad('a1', 2_000_000)])]);
  const rows = (await reportingRowsOf(events[0]!, logOf(events))).ads_daily_performance ?? [];
  assert.equal(rows.map((r) => [r.ad_id, r.spend_micros]), [['a1', 2_000_000]]);
});

t.run();
