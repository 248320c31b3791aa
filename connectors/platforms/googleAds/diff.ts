// An ensure on a campaign that exists: the operations that bring it to the spec. Name,
// budget, flight, ad groups and ads are the plan's; status is left as found (pause, resume
// and remove are decisions of their own). Ad groups and ads are matched by key; those the
// spec no longer has are removed, new ones created, changed ones updated in place.
import { enums } from 'google-ads-api';
import type { AdSpec, AdState, CampaignSpec } from '../port.ts';
import { resourceName } from './client.ts';
import type { LastWritten } from './lastWritten.ts';
import { add, addAd, addAdGroup, adFields, budgetAmount, budgetFields, emptyPlan, flightFields, labelDescription, tempIds, type Plan } from './operations.ts';
import type { Found } from './readBack.ts';

const sameAd = (spec: AdSpec, found: AdState): boolean =>
  JSON.stringify(adFields(spec)) === JSON.stringify(adFields({ ...found, key: spec.key }));

export interface Diff {
  readonly plan: Plan; // the changes, without the record of what we wrote
  readonly record: Plan; // the key label's description, to send with the changes
}

export function diffPlan(spec: CampaignSpec, found: Found, customerId: string, written: LastWritten): Diff {
  const plan = emptyPlan();
  const nextId = tempIds();
  const { state } = found;
  const campaign = resourceName(customerId, 'campaigns', state.campaignId);
  const campaignChange: Record<string, unknown> = {};
  if (state.budget.period !== spec.budget.period) {
    const budget = resourceName(customerId, 'campaignBudgets', nextId());
    add(plan, 'campaign budget', { entity: 'campaign_budget', operation: 'create', resource: { resource_name: budget, ...budgetFields(spec.budget) } });
    campaignChange.campaign_budget = budget;
  } else if (state.budget.amountMicros !== spec.budget.amountMicros) {
    add(plan, 'campaign budget', { entity: 'campaign_budget', operation: 'update', resource: { resource_name: resourceName(customerId, 'campaignBudgets', found.budgetId), ...budgetAmount(spec.budget) } });
  }
  if (state.name !== spec.name) campaignChange.name = spec.name;
  if (state.flight.startDate !== spec.flight.startDate || state.flight.endDate !== spec.flight.endDate) Object.assign(campaignChange, flightFields(spec.flight));
  if (Object.keys(campaignChange).length > 0) add(plan, `campaign ${spec.name}`, { entity: 'campaign', operation: 'update', resource: { resource_name: campaign, ...campaignChange } });

  for (const group of spec.adGroups) {
    const had = state.adGroups.find((g) => g.key === group.key);
    if (!had) {
      addAdGroup(plan, customerId, campaign, group, nextId);
      continue;
    }
    const groupResource = resourceName(customerId, 'adGroups', had.id);
    if (had.name !== group.name) add(plan, `ad group ${group.key}`, { entity: 'ad_group', operation: 'update', resource: { resource_name: groupResource, name: group.name } });
    for (const ad of group.ads) {
      const old = had.ads.find((a) => a.key === ad.key);
      if (!old) addAd(plan, groupResource, group, ad);
      else if (!sameAd(ad, old)) add(plan, `ad ${ad.key} in ad group ${group.key}`, { entity: 'ad', operation: 'update', resource: { resource_name: resourceName(customerId, 'ads', old.id), ...adFields(ad) } });
    }
    for (const old of had.ads.filter((a) => !group.ads.some((ad) => ad.key === a.key)))
      add(plan, `ad ${old.key} in ad group ${group.key}`, { entity: 'ad_group_ad', operation: 'remove', resource: resourceName(customerId, 'adGroupAds', `${had.id}~${old.id}`) });
  }
  for (const gone of state.adGroups.filter((g) => !spec.adGroups.some((s) => s.key === g.key)))
    add(plan, `ad group ${gone.key}`, { entity: 'ad_group', operation: 'remove', resource: resourceName(customerId, 'adGroups', gone.id) });

  const record = emptyPlan();
  if (found.keyLabel) add(record, `key label ${found.keyLabel.name}`, { entity: 'label', operation: 'update', resource: { resource_name: resourceName(customerId, 'labels', found.keyLabel.id), ...labelDescription(written) } });
  return { plan, record };
}

export const statusValue = (status: 'enabled' | 'paused'): number => (status === 'paused' ? enums.CampaignStatus.PAUSED : enums.CampaignStatus.ENABLED);
