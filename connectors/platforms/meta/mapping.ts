// Our words to Meta's and back: objectives, statuses, budgets in the account currency's
// minor units, flight times, the labels that carry our keys, and the creative's url_tags.
import type { Objective } from '../../../domain/shared/values.ts';
import type { AdSpec, Budget, CampaignSpec, CampaignStatus, Flight } from '../port.ts';

// ODAX objectives (Campaign.Objective in the SDK; the legacy ones are refused since v17).
const objectives: Record<Objective, string> = {
  awareness: 'OUTCOME_AWARENESS',
  traffic: 'OUTCOME_TRAFFIC',
  leads: 'OUTCOME_LEADS',
  sales: 'OUTCOME_SALES',
  catalog_sales: 'OUTCOME_SALES', // a catalog is the ad set's promoted_object, not an objective of its own
  app_installs: 'OUTCOME_APP_PROMOTION',
};
export const metaObjective = (o: Objective): string => objectives[o];
export const objectiveFrom = (meta: unknown): Objective =>
  (Object.entries(objectives).find(([, m]) => m === meta)?.[0] as Objective | undefined) ?? 'traffic';

// What each objective optimises for and is billed by (AdSet.OptimizationGoal / BillingEvent).
const optimisation: Record<Objective, string> = {
  awareness: 'REACH',
  traffic: 'LINK_CLICKS',
  leads: 'LEAD_GENERATION',
  sales: 'OFFSITE_CONVERSIONS',
  catalog_sales: 'OFFSITE_CONVERSIONS',
  app_installs: 'APP_INSTALLS',
};
export const optimizationGoal = (o: Objective): string => optimisation[o];

export const statusOf = (meta: unknown): CampaignStatus => (meta === 'ACTIVE' ? 'enabled' : meta === 'PAUSED' ? 'paused' : 'removed');
// Removal is DELETED: Meta keeps a deleted object readable by id but never lets it change again.
export const metaStatus: Record<CampaignStatus, string> = { enabled: 'ACTIVE', paused: 'PAUSED', removed: 'DELETED' };

// Meta's currency offsets (developers.facebook.com/docs/marketing-api/currencies): budgets are
// integers in 1/offset of a unit; these currencies have offset 1, all others 100.
const OFFSET_ONE = new Set(['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND']);
const microsPerMinor = (currency: string): number => (OFFSET_ONE.has(currency) ? 1_000_000 : 10_000);
// undefined when the amount is not a whole number of minor units (Meta would round it).
export const minorOf = (micros: number, currency: string): number | undefined =>
  micros % microsPerMinor(currency) === 0 ? micros / microsPerMinor(currency) : undefined;
export const microsOf = (minor: unknown, currency: string): number => Number(minor ?? 0) * microsPerMinor(currency);

// An even split over the ad sets (the remainder to the first), so their sum is the plan's budget.
export function splitMinor(total: number, parts: number): number[] {
  const each = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => (i === 0 ? total - each * (parts - 1) : each));
}

export const budgetField = (budget: Pick<Budget, 'period'>): 'daily_budget' | 'lifetime_budget' => (budget.period === 'daily' ? 'daily_budget' : 'lifetime_budget');
export function budgetParams(budget: Budget, minor: number): Record<string, number> {
  return budget.period === 'daily' ? { daily_budget: minor, lifetime_budget: 0 } : { lifetime_budget: minor, daily_budget: 0 };
}

// Flight days are the account's local days: times without an offset are read in the ad
// account's time zone. The end date is inclusive, so the ad set stops at the next midnight.
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const previousDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
export const flightTimes = (flight: Flight) => ({ start_time: `${flight.startDate}T00:00:00`, end_time: `${nextDay(flight.endDate)}T00:00:00` });
export const flightFrom = (startTime: unknown, endTime: unknown): Flight => ({
  startDate: String(startTime ?? '').slice(0, 10),
  endDate: previousDay(String(endTime ?? '').slice(0, 10)),
});

// Labels: the campaign carries idempotencyLabel(spec.key); ad sets and ads carry their keys,
// which are stable within their parent, so a re-run matches them instead of adding more.
export const GROUP_LABEL = 'kobi_group_';
export const AD_LABEL = 'kobi_ad_';
export const labelNames = (adlabels: unknown): string[] =>
  (Array.isArray(adlabels) ? (adlabels as { name?: unknown }[]) : []).flatMap((l) => (typeof l?.name === 'string' ? [l.name] : []));
// What we last wrote to a campaign, carried by the campaign itself so that a restarted
// adapter still tells our writes from a person's: one ad label, kobi_written_paused_310000000.
export interface Written {
  readonly status: CampaignStatus;
  readonly budgetMicros: number;
}
export const WRITTEN_LABEL = 'kobi_written_';
export const writtenLabel = (w: Written): string => `${WRITTEN_LABEL}${w.status}_${w.budgetMicros}`;
export function writtenFrom(labels: readonly string[]): Written | undefined {
  const m = labels.map((l) => /^kobi_written_(enabled|paused|removed)_(\d+)$/.exec(l)).find((x) => x !== null);
  return m ? { status: m[1] as CampaignStatus, budgetMicros: Number(m[2]) } : undefined;
}
// Updating adlabels replaces the whole set (AdLabel reference), so the key label goes along.
export const labelsWith = (labels: readonly string[], w: Written) => [...labels.filter((l) => !l.startsWith(WRITTEN_LABEL)), writtenLabel(w)].map((name) => ({ name }));

export const keyFrom = (adlabels: unknown, prefix: string): string | undefined =>
  labelNames(adlabels).find((n) => n.startsWith(prefix))?.slice(prefix.length);

// The creative: a link ad on the agency's page, tracked by url_tags (utm_* with macros such
// as utm_campaign={{campaign.id}}, which Meta fills in at click time).
export function creativeParams(ad: AdSpec, pageId: string): Record<string, unknown> {
  return {
    name: `${ad.name} creative`,
    object_story_spec: { page_id: pageId, link_data: { link: ad.finalUrl, message: ad.name } },
    url_tags: ad.tracking.mode === 'utm' ? ad.tracking.urlTags : '',
  };
}

export const campaignParams = (spec: CampaignSpec, keyLabel: string) => ({
  name: spec.name,
  objective: metaObjective(spec.objective),
  status: 'ACTIVE',
  special_ad_categories: [],
  // Budgets sit on the ad sets; from v24.0 a campaign without a budget of its own must say
  // whether its ad sets share budget (Marketing API guide "Ad set budget sharing").
  is_adset_budget_sharing_enabled: false,
  adlabels: [{ name: keyLabel }, { name: writtenLabel({ status: 'enabled', budgetMicros: spec.budget.amountMicros }) }],
});
