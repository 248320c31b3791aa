// GAQL rows back into the port's CampaignState. Rows come decoded by the library: snake_case
// keys, enum values as numbers (names where the library had no type for the field), int64
// as numbers. Our keys travel in reserved custom parameters: `kag` on the ad group, `kad`
// on the ad (letters and digits, so Google accepts them as keys; never shown as tracking).
import { enums } from 'google-ads-api';
import { KEY_LABEL_PREFIX } from '../idempotencyLabel.ts';
import type { AdGroupState, AdState, Budget, CampaignState, CampaignStatus } from '../port.ts';
import type { Customer } from './client.ts';
import { queries, search, type Row } from './gaql.ts';
import { decode, type LastWritten } from './lastWritten.ts';

export const AD_GROUP_KEY_PARAM = 'kag';
export const AD_KEY_PARAM = 'kad';

export interface Found {
  readonly state: CampaignState;
  readonly budgetId: string;
  readonly keyLabel?: { readonly id: string; readonly name: string; readonly written?: LastWritten };
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
export const enumName = (table: Record<string | number, string | number>, v: unknown): string => (typeof v === 'number' ? String(table[v]) : str(v));

const statusOf = (v: unknown): CampaignStatus => {
  const name = enumName(enums.CampaignStatus, v);
  return name === 'PAUSED' ? 'paused' : name === 'REMOVED' ? 'removed' : 'enabled';
};

const params = (v: unknown): { key: string; value: string }[] => (Array.isArray(v) ? v.map((p) => ({ key: str(obj(p).key), value: str(obj(p).value) })) : []);

// Budget 'total' is a CUSTOM_PERIOD budget with total_amount_micros; 'daily' a DAILY one.
function budgetOf(b: Loose, currency: string): Budget {
  const total = enumName(enums.BudgetPeriod, b.period) === 'CUSTOM_PERIOD';
  return { amountMicros: Number(total ? b.total_amount_micros : b.amount_micros), currency, period: total ? 'total' : 'daily' };
}

function adOf(row: Row): AdState & { groupId: string } {
  const ad = obj(obj(row.ad_group_ad).ad);
  const all = params(ad.url_custom_parameters);
  const suffix = str(ad.final_url_suffix);
  const customParameters = Object.fromEntries(all.filter((p) => p.key !== AD_KEY_PARAM).map((p) => [p.key, p.value]));
  return {
    groupId: str(obj(row.ad_group).id),
    key: all.find((p) => p.key === AD_KEY_PARAM)?.value ?? str(ad.id),
    id: str(ad.id),
    name: str(ad.name),
    finalUrl: str((ad.final_urls as unknown[] | undefined)?.[0]),
    tracking: { mode: 'auto_tagging', ...(suffix ? { finalUrlSuffix: suffix } : {}), customParameters },
  };
}

// Campaigns matching a GAQL condition, each with its ad groups, ads and key label.
export async function readCampaigns(customer: Customer, accountId: string, where: string): Promise<Found[]> {
  const campaigns = await search(customer, queries.campaigns(where));
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((r) => str(obj(r.campaign).id));
  const [labels, groups, ads] = [await search(customer, queries.labelsOf(ids)), await search(customer, queries.adGroupsOf(ids)), await search(customer, queries.adsOf(ids))];
  const adRows = ads.map(adOf);
  return campaigns.map((row) => {
    const c = obj(row.campaign);
    const id = str(c.id);
    const mine = labels.filter((l) => str(obj(l.campaign).id) === id).map((l) => obj(l.label));
    const key = mine.find((l) => str(l.name).startsWith(KEY_LABEL_PREFIX));
    const written = key ? decode(str(obj(key.text_label).description)) : undefined;
    const adGroups: AdGroupState[] = groups
      .filter((g) => str(obj(g.campaign).id) === id)
      .map((g) => {
        const group = obj(g.ad_group);
        const groupId = str(group.id);
        return {
          key: params(group.url_custom_parameters).find((p) => p.key === AD_GROUP_KEY_PARAM)?.value ?? groupId,
          id: groupId,
          name: str(group.name),
          ads: adRows.filter((a) => a.groupId === groupId).map(({ groupId: _g, ...ad }) => ad),
        };
      });
    const state: CampaignState = {
      platform: 'google_ads',
      accountId,
      campaignId: id,
      name: str(c.name),
      labels: mine.map((l) => str(l.name)),
      objective: written?.o ?? 'traffic',
      status: statusOf(c.status),
      budget: budgetOf(obj(row.campaign_budget), str(obj(row.customer).currency_code)),
      flight: { startDate: str(c.start_date_time).slice(0, 10), endDate: str(c.end_date_time).slice(0, 10) },
      trackingMode: 'auto_tagging',
      adGroups,
    };
    return { state, budgetId: str(obj(row.campaign_budget).id), ...(key ? { keyLabel: { id: str(key.id), name: str(key.name), ...(written ? { written } : {}) } } : {}) };
  });
}
