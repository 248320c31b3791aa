// Reading campaigns back from Meta: found by the key's ad label, read as one tree (campaign,
// ad sets, ads with their creatives) and turned into the port's CampaignState.
import type { AdGroupState, CampaignRef, CampaignState } from '../port.ts';
import { failed, ok, platformError, type PlatformOutcome } from '../port.ts';
import type { Graph, Json } from './graph.ts';
import { AD_LABEL, flightFrom, GROUP_LABEL, keyFrom, labelNames, microsOf, objectiveFrom, statusOf } from './mapping.ts';

// Meta's lists leave deleted and archived objects out unless asked; a key lookup must see them.
export const ALL_STATUSES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'];
const CAMPAIGN_FIELDS = 'id,name,status,objective,adlabels,created_time';
const ADSET_FIELDS = 'id,name,status,adlabels,daily_budget,lifetime_budget,start_time,end_time';
const AD_FIELDS = 'id,name,status,adset_id,adlabels,creative{id,url_tags,object_story_spec}';

export interface Tree {
  readonly campaign: Json;
  readonly adsets: readonly Json[];
  readonly ads: readonly Json[];
}

// Oldest first: should a duplicate ever exist (made outside adledger), every run picks the same one.
export async function findByLabel(graph: Graph, accountId: string, label: string): Promise<PlatformOutcome<Json | undefined>> {
  const found = await graph.all([accountId, 'campaigns'], {
    fields: CAMPAIGN_FIELDS,
    filtering: [{ field: 'adlabels', operator: 'ANY', value: [label] }],
    effective_status: ALL_STATUSES,
  });
  if (!found.ok) return found;
  const carrying = found.value.filter((c) => labelNames(c.adlabels).includes(label));
  carrying.sort((a, b) => String(a.created_time ?? '').localeCompare(String(b.created_time ?? '')));
  return ok(carrying[0]);
}

export async function readTree(graph: Graph, campaignId: string): Promise<PlatformOutcome<Tree>> {
  const campaign = await graph.get([campaignId], { fields: `${CAMPAIGN_FIELDS},account_id` });
  if (!campaign.ok) return campaign;
  const live = ALL_STATUSES.filter((s) => s !== 'DELETED');
  const adsets = await graph.all([campaignId, 'adsets'], { fields: ADSET_FIELDS, effective_status: live });
  if (!adsets.ok) return adsets;
  const ads = await graph.all([campaignId, 'ads'], { fields: AD_FIELDS, effective_status: live });
  if (!ads.ok) return ads;
  return ok({ campaign: campaign.value, adsets: adsets.value, ads: ads.value });
}

const creativeOf = (ad: Json) => (ad.creative ?? {}) as { id?: string; url_tags?: string; object_story_spec?: { link_data?: { link?: string } } };

export function stateOf(ref: CampaignRef, currency: string, tree: Tree): CampaignState {
  const { campaign, adsets, ads } = tree;
  const daily = adsets.some((s) => Number(s.daily_budget ?? 0) > 0);
  const minor = adsets.reduce((sum, s) => sum + Number((daily ? s.daily_budget : s.lifetime_budget) ?? 0), 0);
  const first = adsets[0] ?? {};
  const adGroups: AdGroupState[] = adsets.map((s) => ({
    key: keyFrom(s.adlabels, GROUP_LABEL) ?? String(s.id),
    id: String(s.id),
    name: String(s.name ?? ''),
    ads: ads
      .filter((a) => a.adset_id === s.id)
      .map((a) => ({
        key: keyFrom(a.adlabels, AD_LABEL) ?? String(a.id),
        id: String(a.id),
        name: String(a.name ?? ''),
        finalUrl: creativeOf(a).object_story_spec?.link_data?.link ?? '',
        tracking: { mode: 'utm' as const, urlTags: creativeOf(a).url_tags ?? '' },
      })),
  }));
  return {
    ...ref,
    name: String(campaign.name ?? ''),
    labels: labelNames(campaign.adlabels),
    objective: objectiveFrom(campaign.objective),
    status: statusOf(campaign.status),
    budget: { amountMicros: microsOf(minor, currency), currency, period: daily ? 'daily' : 'total' },
    flight: flightFrom(first.start_time, first.end_time),
    trackingMode: 'utm',
    adGroups,
  };
}

export async function listByPrefix(graph: Graph, accountId: string, prefix: string): Promise<PlatformOutcome<Json[]>> {
  // Graph filters have no "starts with": CONTAIN narrows it on Meta's side, the prefix test here.
  const found = await graph.all([accountId, 'campaigns'], { fields: 'id,name', filtering: [{ field: 'name', operator: 'CONTAIN', value: prefix }] });
  return found.ok ? ok(found.value.filter((c) => String(c.name ?? '').startsWith(prefix))) : found;
}

export const notFound = (ref: CampaignRef) => failed<never>(platformError('platform.not_found', `No Meta campaign ${ref.campaignId} in ad account ${ref.accountId}`));
