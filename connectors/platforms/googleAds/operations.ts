// A CampaignSpec as GoogleAdsService.Mutate operations (MutateOperation: one resource
// operation each; new resources refer to each other by temporary ids -1, -2, … within the
// request). Each operation carries a sentence saying what it is, so a refusal of operation
// N can name the ad it was about.
import { enums } from 'google-ads-api';
import type { AdSpec, AdGroupSpec, Budget, CampaignSpec, Flight } from '../port.ts';
import { resourceName, type Operation } from './client.ts';
import { encode, type LastWritten } from './lastWritten.ts';
import { AD_GROUP_KEY_PARAM, AD_KEY_PARAM } from './readBack.ts';

export interface Plan {
  readonly operations: Operation[];
  readonly about: string[]; // about[i] describes operations[i]
}

export const emptyPlan = (): Plan => ({ operations: [], about: [] });
export function add(plan: Plan, about: string, op: Operation): void {
  plan.operations.push(op);
  plan.about.push(about);
}

// Temporary ids for one request.
export const tempIds = () => {
  let n = 0;
  return () => String(--n);
};

// 'total' is a campaign total budget (period CUSTOM_PERIOD + total_amount_micros, spent over
// the campaign's start and end dates; BudgetPeriodEnum, CampaignBudget.total_amount_micros),
// 'daily' an average daily budget (period DAILY + amount_micros). The period is immutable on
// Google, so a change of period is a new budget (diff.ts). Google accepts total budgets only
// for some campaign types; where it refuses, its CampaignBudgetError comes back as
// platform.budget_rejected rather than the adapter silently turning a total into a daily.
export const budgetAmount = (b: Budget): Record<string, unknown> =>
  b.period === 'total' ? { total_amount_micros: b.amountMicros } : { amount_micros: b.amountMicros };
export const budgetFields = (b: Budget): Record<string, unknown> => ({
  ...budgetAmount(b),
  period: b.period === 'total' ? enums.BudgetPeriod.CUSTOM_PERIOD : enums.BudgetPeriod.DAILY,
  delivery_method: enums.BudgetDeliveryMethod.STANDARD,
  explicitly_shared: false,
});

// Google wants "yyyy-MM-dd HH:mm:ss" in the account's time zone; whole days here.
export const flightFields = (f: Flight): Record<string, unknown> => ({ start_date_time: `${f.startDate} 00:00:00`, end_date_time: `${f.endDate} 23:59:59` });

export const adFields = (ad: AdSpec): Record<string, unknown> => {
  const tracking = ad.tracking.mode === 'auto_tagging' ? ad.tracking : { finalUrlSuffix: undefined, customParameters: {} };
  return {
    name: ad.name,
    final_urls: [ad.finalUrl],
    final_url_suffix: tracking.finalUrlSuffix ?? '',
    url_custom_parameters: [...Object.entries(tracking.customParameters).map(([key, value]) => ({ key, value })), { key: AD_KEY_PARAM, value: ad.key }],
  };
};

export function addAd(plan: Plan, groupResource: string, group: AdGroupSpec, ad: AdSpec): void {
  // The port carries no ad copy yet: a responsive search ad needs headlines and descriptions
  // that a CampaignSpec does not have, so the ad type is set and its assets are left empty.
  const resource = { ad_group: groupResource, status: enums.AdGroupAdStatus.ENABLED, ad: { ...adFields(ad), responsive_search_ad: { headlines: [], descriptions: [] } } };
  add(plan, `ad ${ad.key} in ad group ${group.key}`, { entity: 'ad_group_ad', operation: 'create', resource });
}

export function addAdGroup(plan: Plan, customerId: string, campaign: string, group: AdGroupSpec, nextId: () => string): void {
  const resource = resourceName(customerId, 'adGroups', nextId());
  add(plan, `ad group ${group.key}`, {
    entity: 'ad_group',
    operation: 'create',
    resource: { resource_name: resource, campaign, name: group.name, status: enums.AdGroupStatus.ENABLED, type: enums.AdGroupType.SEARCH_STANDARD, url_custom_parameters: [{ key: AD_GROUP_KEY_PARAM, value: group.key }] },
  });
  for (const ad of group.ads) addAd(plan, resource, group, ad);
}

export const labelDescription = (written: LastWritten): Record<string, unknown> => ({ text_label: { description: encode(written) } });

// The whole campaign in one request: [label], budget, campaign, campaign label, ad groups, ads.
// `label` is the key label's resource name when it exists already.
export function createPlan(spec: CampaignSpec, customerId: string, keyLabel: string, label: string | undefined, written: LastWritten): Plan {
  const plan = emptyPlan();
  const nextId = tempIds();
  const budget = resourceName(customerId, 'campaignBudgets', nextId());
  const campaign = resourceName(customerId, 'campaigns', nextId());
  let labelResource = label;
  if (labelResource === undefined) {
    labelResource = resourceName(customerId, 'labels', nextId());
    add(plan, `key label ${keyLabel}`, { entity: 'label', operation: 'create', resource: { resource_name: labelResource, name: keyLabel, ...labelDescription(written) } });
  } else add(plan, `key label ${keyLabel}`, { entity: 'label', operation: 'update', resource: { resource_name: labelResource, ...labelDescription(written) } });
  add(plan, 'campaign budget', { entity: 'campaign_budget', operation: 'create', resource: { resource_name: budget, ...budgetFields(spec.budget) } });
  add(plan, `campaign ${spec.name}`, {
    entity: 'campaign',
    operation: 'create',
    resource: {
      resource_name: campaign,
      name: spec.name,
      status: enums.CampaignStatus.ENABLED,
      // Search with manual CPC for every objective until the plan says how each objective buys.
      advertising_channel_type: enums.AdvertisingChannelType.SEARCH,
      manual_cpc: {},
      network_settings: { target_google_search: true, target_search_network: true, target_content_network: false },
      contains_eu_political_advertising: enums.EuPoliticalAdvertisingStatus.DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING,
      campaign_budget: budget,
      ...flightFields(spec.flight),
    },
  });
  add(plan, 'campaign key label link', { entity: 'campaign_label', operation: 'create', resource: { campaign, label: labelResource } });
  for (const group of spec.adGroups) addAdGroup(plan, customerId, campaign, group, nextId);
  return plan;
}
