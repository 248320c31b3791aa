// The local Google Ads server's accounts, in memory: resources stored as the API names their
// fields (snake_case, enum values by name, ids as numbers). It stands in for Google's servers
// in tests only.
export type Resource = Record<string, unknown> & { resource_name: string };

export interface Account {
  id: number;
  currency_code: string;
  auto_tagging_enabled: boolean;
}

export interface Model {
  nextId: number;
  customers: Record<string, Account>;
  budgets: Record<string, Resource>;
  campaigns: Record<string, Resource>;
  labels: Record<string, Resource>;
  campaignLabels: Record<string, Resource>;
  adGroups: Record<string, Resource>;
  adGroupAds: Record<string, Resource>; // ad_group_ad with its ad inline
}

export const emptyModel = (): Model => ({ nextId: 1000, customers: {}, budgets: {}, campaigns: {}, labels: {}, campaignLabels: {}, adGroups: {}, adGroupAds: {} });

// customers/{c}/{collection}/{id} → its parts; ids may be "a~b" (adGroupAds, campaignLabels).
export function parseName(name: string): { customer: string; collection: string; id: string } | undefined {
  const m = /^customers\/(\d+)\/([A-Za-z]+)\/(-?[\d~]+)$/.exec(name);
  return m ? { customer: m[1]!, collection: m[2]!, id: m[3]! } : undefined;
}

export const DAY_MS = 86_400_000;
export const daysOf = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

// Deterministic metrics for an ad on a day: enough to page through and to check sums.
export function metricsFor(adId: number, date: string): Record<string, number> {
  const day = Number(date.slice(8, 10));
  const impressions = 100 + (adId % 7) * 10 + day;
  const clicks = Math.floor(impressions / 20);
  const conversions = clicks / 10;
  return { impressions, clicks, cost_micros: clicks * 250_000, conversions, conversions_value: conversions * 30.5 };
}
