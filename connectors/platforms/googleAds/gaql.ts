// GAQL text and how the adapter runs it. Reads go through the library's query(), which
// uses REST searchStream; with search_settings set it uses REST search and follows
// next_page_token itself (Google serves 10,000 rows a page since v17; page_size is refused).
import type { Customer } from './client.ts';

export type Row = Record<string, unknown>;

// A GAQL string literal: backslash escapes for quotes and backslashes.
export const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
// A LIKE pattern for "starts with": GAQL's wildcards % and _ and the bracket itself are
// matched literally when wrapped in brackets (GAQL grammar: "[_]" matches "_").
export const startsWithPattern = (prefix: string): string => quote(`${prefix.replace(/[[\]%_]/g, (c) => `[${c}]`)}%`);
export const idList = (ids: readonly string[]): string => `(${ids.map((id) => (/^\d+$/.test(id) ? id : '0')).join(', ')})`;

export const queries = {
  account: 'SELECT customer.id, customer.currency_code, customer.auto_tagging_enabled FROM customer',
  labelNamed: (name: string) => `SELECT label.id, label.name, label.text_label.description FROM label WHERE label.name = ${quote(name)} AND label.status = 'ENABLED'`,
  campaignsLabelled: (labelId: string) => `SELECT campaign.id FROM campaign_label WHERE label.id = ${/^\d+$/.test(labelId) ? labelId : 0} ORDER BY campaign.id`,
  campaigns: (where: string) =>
    'SELECT campaign.id, campaign.name, campaign.status, campaign.start_date_time, campaign.end_date_time, campaign_budget.id, campaign_budget.amount_micros, ' +
    `campaign_budget.total_amount_micros, campaign_budget.period, customer.currency_code FROM campaign WHERE ${where} ORDER BY campaign.id`,
  labelsOf: (campaignIds: readonly string[]) => `SELECT campaign.id, label.id, label.name, label.text_label.description FROM campaign_label WHERE campaign.id IN ${idList(campaignIds)}`,
  adGroupsOf: (campaignIds: readonly string[]) =>
    `SELECT campaign.id, ad_group.id, ad_group.name, ad_group.url_custom_parameters FROM ad_group WHERE campaign.id IN ${idList(campaignIds)} AND ad_group.status != 'REMOVED' ORDER BY ad_group.id`,
  adsOf: (campaignIds: readonly string[]) =>
    'SELECT campaign.id, ad_group.id, ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.ad.final_urls, ad_group_ad.ad.final_url_suffix, ad_group_ad.ad.url_custom_parameters ' +
    `FROM ad_group_ad WHERE campaign.id IN ${idList(campaignIds)} AND ad_group_ad.status != 'REMOVED' ORDER BY ad_group_ad.ad.id`,
  // One row per ad and day (segments.date); Google requires a finite date range with it.
  dailyAdMetrics: (fromDate: string, toDate: string) =>
    'SELECT campaign.id, campaign.name, ad_group.id, ad_group.name, ad_group_ad.ad.id, ad_group_ad.ad.name, segments.date, metrics.impressions, metrics.clicks, ' +
    `metrics.cost_micros, metrics.conversions, metrics.conversions_value, customer.currency_code FROM ad_group_ad WHERE segments.date BETWEEN ${quote(fromDate)} AND ${quote(toDate)} ` +
    'ORDER BY segments.date, ad_group_ad.ad.id',
};

export const search = (customer: Customer, gaql: string): Promise<Row[]> => customer.query(gaql) as Promise<Row[]>;
// The paged form: setting search_settings makes the library use Search and follow page tokens.
export const searchPaged = (customer: Customer, gaql: string): Promise<Row[]> =>
  customer.query(gaql, { search_settings: { return_summary_row: false } }) as Promise<Row[]>;
