// Daily ad-level metrics, generated rather than stored: a seeded model per ad and day, so a
// day's numbers are the same on every fetch, except conversions of the last days, which
// grow towards their settled value as "today" moves on (late conversions, DESIGN §3).
import type { DailyPerformanceRow } from '../port.ts';
import type { StoredCampaign } from './store.ts';

// Share of a day's conversions reported when fetched this many days later; from
// LATE_CONVERSION_DAYS + 1 days on, a day is settled.
export const LATE_CONVERSION_DAYS = 3;
const maturity = (age: number): number => (age > LATE_CONVERSION_DAYS ? 1 : [0, 0.5, 0.75, 0.9][age] ?? 1);

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number): string => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

// FNV-1a then mulberry32: tiny, fast and the same on every machine.
function seeded(text: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (r: () => number, low: number, high: number): number => low + (high - low) * r();

// Each platform's typical ranges, so the two sandboxes do not look alike in reports.
const profiles = {
  google_ads: { cpmUnits: [2, 8], ctr: [0.01, 0.05], attribution: { window: '30d_click', reportTime: 'interaction' } },
  meta: { cpmUnits: [4, 12], ctr: [0.005, 0.02], attribution: { window: '7d_click_1d_view', reportTime: 'impression' } },
} as const;

// Complete days only (before today), inside the flight and not before the campaign existed.
export function dailyRows(campaign: StoredCampaign, currency: string, fromDate: string, toDate: string, today: string): DailyPerformanceRow[] {
  const { state } = campaign;
  const profile = state.platform === 'google_ads' ? profiles.google_ads : profiles.meta;
  const first = [fromDate, state.flight.startDate, campaign.createdDate].reduce((a, b) => (a > b ? a : b));
  const last = [toDate, state.flight.endDate, addDays(today, -1)].reduce((a, b) => (a < b ? a : b));
  const ads = state.adGroups.flatMap((group) => group.ads.map((ad) => ({ group, ad })));
  const rows: DailyPerformanceRow[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const { group, ad } of ads) {
      const r = seeded(`${state.platform}|${ad.id}|${date}`);
      const costMicros = Math.round((campaign.baseDailyMicros / ads.length) * between(r, 0.6, 1));
      const impressions = Math.floor((costMicros * 1000) / (between(r, profile.cpmUnits[0], profile.cpmUnits[1]) * 1_000_000));
      const clicks = Math.floor(impressions * between(r, profile.ctr[0], profile.ctr[1]));
      const reach = Math.floor(impressions / between(r, 1.1, 2));
      const settled = Math.floor(clicks * between(r, 0.02, 0.08));
      const dropped = campaign.valueDrop && date >= campaign.valueDrop.from ? campaign.valueDrop.factor : 1;
      const valuePerConversionMicros = Math.round(between(r, 20, 120) * dropped) * 1_000_000;
      const conversions = Math.floor(settled * maturity(daysBetween(date, today)));
      rows.push({
        platform: state.platform,
        accountId: state.accountId,
        campaignId: state.campaignId,
        campaignName: state.name,
        adGroupId: group.id,
        adGroupName: group.name,
        adId: ad.id,
        adName: ad.name,
        date,
        impressions,
        reach,
        clicks,
        costMicros,
        conversions,
        conversionValueMicros: conversions * valuePerConversionMicros,
        currency,
        attribution: profile.attribution,
      });
    }
  }
  return rows;
}
