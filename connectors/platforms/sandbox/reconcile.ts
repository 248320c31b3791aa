// ensureCampaign's decision, pure: given the spec and what the platform holds for its key,
// the campaign to store, what changed and what drifted. validate() runs the same decision
// and stores nothing.
import type { AdGroupState, CampaignSpec, CampaignState, Drift, EnsureResult, TrackingMode } from '../port.ts';
import { flightDays } from './rules.ts';
import type { StoredCampaign } from './store.ts';

export type NewId = () => string;

export const trackingModeOf = (platform: CampaignSpec['key']['platform']): TrackingMode => (platform === 'google_ads' ? 'auto_tagging' : 'utm');

export const dailyMicros = (spec: Pick<CampaignSpec, 'budget' | 'flight'>): number =>
  spec.budget.period === 'daily' ? spec.budget.amountMicros : Math.floor(spec.budget.amountMicros / flightDays(spec.flight));

// Fields a person changed in the platform's UI since our API last wrote them.
export function driftOf(stored: StoredCampaign): Drift[] {
  const { state, lastWritten } = stored;
  const drift: Drift[] = [];
  if (state.name !== lastWritten.name) drift.push({ field: 'name', lastWritten: lastWritten.name, found: state.name });
  if (state.status !== lastWritten.status) drift.push({ field: 'status', lastWritten: lastWritten.status, found: state.status });
  if (state.budget.amountMicros !== lastWritten.budgetMicros) drift.push({ field: 'budget', lastWritten: lastWritten.budgetMicros, found: state.budget.amountMicros });
  return drift;
}

// Ad groups and ads are matched by key; those the spec no longer has are removed.
function adGroupsFor(spec: CampaignSpec, existing: readonly AdGroupState[], newId: NewId): AdGroupState[] {
  return spec.adGroups.map((group) => {
    const had = existing.find((g) => g.key === group.key);
    return {
      key: group.key,
      id: had?.id ?? newId(),
      name: group.name,
      ads: group.ads.map((ad) => ({ ...ad, id: had?.ads.find((a) => a.key === ad.key)?.id ?? newId() })),
    };
  });
}

// Keys sorted, so two specs that differ only in the order a caller wrote their fields match.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
const sameContent = (a: CampaignState, b: CampaignState): boolean =>
  canonical([a.name, a.budget, a.flight, a.adGroups]) === canonical([b.name, b.budget, b.flight, b.adGroups]);

export interface Reconciled {
  readonly next: StoredCampaign;
  readonly result: EnsureResult;
}

export function reconcile(spec: CampaignSpec, existing: StoredCampaign | undefined, keyLabel: string, today: string, newId: NewId): Reconciled {
  const platform = spec.key.platform;
  const campaignId = existing?.state.campaignId ?? newId();
  // Ensure sets what the plan says; status is left as found: pausing and resuming are
  // decisions of their own (pause/resume/remove), so a hand pause shows as drift instead.
  const state: CampaignState = {
    platform,
    accountId: spec.accountId,
    campaignId,
    name: spec.name,
    labels: existing?.state.labels ?? [keyLabel],
    objective: spec.objective,
    status: existing?.state.status ?? 'enabled',
    budget: spec.budget,
    flight: spec.flight,
    trackingMode: trackingModeOf(platform),
    adGroups: adGroupsFor(spec, existing?.state.adGroups ?? [], newId),
  };
  const next: StoredCampaign = {
    state,
    keyLabel,
    lastWritten: { name: state.name, status: existing?.lastWritten.status ?? state.status, budgetMicros: state.budget.amountMicros },
    createdDate: existing?.createdDate ?? today,
    baseDailyMicros: existing?.baseDailyMicros ?? dailyMicros(spec),
  };
  const outcome = existing === undefined ? 'created' : sameContent(existing.state, state) ? 'unchanged' : 'updated';
  return {
    next,
    result: {
      campaignId,
      adGroups: state.adGroups.map((g) => ({ key: g.key, id: g.id, ads: g.ads.map((a) => ({ key: a.key, id: a.id })) })),
      outcome,
      drift: existing === undefined ? [] : driftOf(existing),
      trackingMode: state.trackingMode,
      status: state.status,
    },
  };
}
