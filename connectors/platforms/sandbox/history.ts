// Campaigns an account already ran before the agency brought it to adledger: a client arrives
// with months of history on its accounts, and a sync reports it like any other campaign (the
// account's numbers, not only ours). The demo opens its accounts with one such campaign each,
// so its first sync has a past to chart; the same model makes their numbers (metrics.ts).
import type { Platform } from '../../../domain/shared/values.ts';
import type { StoredCampaign } from './store.ts';

export interface ExistingCampaign {
  readonly platform: Platform;
  readonly accountId: string;
  readonly currency: string;
  readonly name: string;
  readonly dailyMicros: number;
  readonly ageDays: number; // running since this many days before the sandbox first saw it
  // Conversion value falls to `factor` of itself from `daysAgo` days before first seen (a
  // checkout that broke, a promotion that ended): what the anomaly rules are for.
  readonly valueDrop?: { readonly daysAgo: number; readonly factor: number };
}

const DAY_MS = 86_400_000;
const daysBefore = (date: string, days: number) => new Date(Date.parse(date) - days * DAY_MS).toISOString().slice(0, 10);
// Ids of their own range, so our campaigns get the same ids with or without a history.
const existingId = (platform: Platform, n: number) => (platform === 'google_ads' ? String(19_000_000_000 + n) : `1201${String(n).padStart(14, '0')}`);
export const existingLabel = (name: string) => `existing:${name}`;

export function existingCampaign(spec: ExistingCampaign, today: string, n: number): StoredCampaign {
  const createdDate = daysBefore(today, spec.ageDays);
  const id = existingId(spec.platform, n);
  const ads = (g: number) => [1, 2].map((a) => ({
    key: `ad${a}`, id: `${id}${g}${a}`, name: `${spec.name} ad ${g}.${a}`, finalUrl: 'https://shop.example/',
    tracking: spec.platform === 'google_ads' ? { mode: 'auto_tagging' as const, customParameters: {} } : { mode: 'utm' as const, urlTags: 'utm_source=facebook' },
  }));
  return {
    state: {
      platform: spec.platform, accountId: spec.accountId, campaignId: id, name: spec.name, labels: [], objective: 'sales', status: 'enabled',
      budget: { amountMicros: spec.dailyMicros, currency: spec.currency, period: 'daily' },
      flight: { startDate: createdDate, endDate: '2099-12-31' },
      trackingMode: spec.platform === 'google_ads' ? 'auto_tagging' : 'utm',
      adGroups: [1, 2].map((g) => ({ key: `g${g}`, id: `${id}${g}`, name: `${spec.name} group ${g}`, ads: ads(g) })),
    },
    keyLabel: existingLabel(spec.name),
    lastWritten: { name: spec.name, status: 'enabled', budgetMicros: spec.dailyMicros },
    createdDate,
    baseDailyMicros: spec.dailyMicros,
    ...(spec.valueDrop ? { valueDrop: { from: daysBefore(today, spec.valueDrop.daysAgo), factor: spec.valueDrop.factor } } : {}),
  };
}
