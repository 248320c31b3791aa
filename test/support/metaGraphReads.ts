// The reading side of the local Graph API server: nodes rendered with the requested
// `fields` (with {…} expansion), edges filtered (`filtering`, `effective_status`) and paged
// as {data, paging: {cursors, next}}, and ad-level daily insights with their report runs.
import { graphError, missing, num, type GraphStore, type Obj, type Params } from './metaGraphStore.ts';

const json = (v: unknown): unknown => (typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v);

// "id,name,creative{id,url_tags}" → [['id'], ['name'], ['creative', 'id,url_tags']]
export function parseFields(fields: unknown): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  let depth = 0;
  let start = 0;
  const text = String(fields ?? 'id');
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    if (c === '}') depth--;
    if ((c === ',' && depth === 0) || i === text.length) {
      const part = text.slice(start, i).trim();
      const brace = part.indexOf('{');
      if (part) out.push(brace < 0 ? [part, undefined] : [part.slice(0, brace), part.slice(brace + 1, -1)]);
      start = i + 1;
    }
  }
  return out;
}

export function render(store: GraphStore, o: Obj, fields: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { id: o.id };
  for (const [f, inner] of parseFields(fields)) {
    if (f === 'account_id') out.account_id = o.account.replace(/^act_/, '');
    else if (f === 'effective_status') out.effective_status = o.status;
    else if (f === 'creative' && o.kind === 'ad') out.creative = render(store, store.get(String(o.creative_id)), inner ?? 'id');
    else if (f === 'daily_budget' || f === 'lifetime_budget') out[f] = String(o[f] ?? 0); // Meta sends budgets as numeric strings
    else if (o[f] !== undefined) out[f] = o[f];
  }
  return out;
}

function matches(o: Obj, filters: { field?: string; operator?: string; value?: unknown }[]): boolean {
  return filters.every(({ field, operator, value }) => {
    if (field === 'adlabels' && (operator === 'ANY' || operator === 'ALL')) {
      const wanted = (value as string[]) ?? [];
      const has = (o.adlabels as { id: string; name: string }[]).flatMap((l) => [l.id, l.name]);
      return operator === 'ANY' ? wanted.some((w) => has.includes(w)) : wanted.every((w) => has.includes(w));
    }
    const actual = String(o[field ?? ''] ?? '');
    if (operator === 'CONTAIN') return actual.includes(String(value));
    if (operator === 'EQUAL') return actual === String(value);
    throw graphError(400, 100, `Filtering field ${field} with operation ${operator} is not supported`);
  });
}

// One page of a list: `limit` rows after the `after` cursor, and Meta's absolute next URL.
export function page(rows: Record<string, unknown>[], p: Params, selfUrl: (extra: Params) => string, defaultLimit: number) {
  const limit = p.limit !== undefined ? num(p.limit) : defaultLimit;
  const from = p.after !== undefined ? Number(Buffer.from(String(p.after), 'base64').toString()) : 0;
  const data = rows.slice(from, from + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
  const paging: Record<string, unknown> = { cursors: { before: cursor(from), after: cursor(from + data.length) } };
  if (from + data.length < rows.length) paging.next = selfUrl({ limit, after: cursor(from + data.length) });
  return { data, paging };
}

const DEFAULT_STATUSES = ['ACTIVE', 'PAUSED', 'IN_PROCESS', 'WITH_ISSUES'];

export function edge(store: GraphStore, parent: string, name: string, p: Params): Record<string, unknown>[] {
  const statuses = (json(p.effective_status) as string[] | undefined) ?? DEFAULT_STATUSES;
  const filters = (json(p.filtering) as { field?: string; operator?: string; value?: unknown }[] | undefined) ?? [];
  const kinds: Record<string, Obj['kind']> = { campaigns: 'campaign', adsets: 'adset', ads: 'ad', adcreatives: 'adcreative' };
  const kind = kinds[name];
  if (!kind) throw graphError(400, 100, `Unknown path components: /${name}`);
  const owner = parent.startsWith('act_') ? (store.account(parent), 'account') : (store.get(parent, 'campaign'), 'campaign_id');
  return [...store.objects.values()]
    .filter((o) => o.kind === kind && (owner === 'account' ? o.account === parent : o.campaign_id === parent))
    .filter((o) => kind === 'adcreative' || statuses.includes(String(o.status)))
    .filter((o) => matches(o, filters))
    .map((o) => render(store, o, p.fields));
}

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

// Made-up but fixed numbers per ad and day, inside the ad set's flight: enough to check the
// adapter's arithmetic (spend → micros, actions → conversions) and paging.
export function insightRows(store: GraphStore, accountId: string, p: Params): Record<string, unknown>[] {
  const range = json(p.time_range) as { since?: string; until?: string } | undefined;
  if (p.level !== 'ad' || String(p.time_increment) !== '1' || !range?.since || !range.until) throw graphError(400, 100, 'This server answers level=ad, time_increment=1 with a time_range only');
  const account = store.account(accountId);
  const rows: Record<string, unknown>[] = [];
  const ads = [...store.objects.values()].filter((o) => o.kind === 'ad' && o.account === accountId);
  for (let day = range.since, i = 0; day <= range.until; day = addDays(day, 1), i++)
    for (const ad of ads) {
      const adset = store.get(String(ad.adset_id));
      const campaign = store.get(String(ad.campaign_id));
      if (day < String(adset.start_time).slice(0, 10) || day >= String(adset.end_time).slice(0, 10)) continue;
      rows.push({
        account_id: account.account_id, account_currency: account.currency, campaign_id: campaign.id, campaign_name: campaign.name,
        adset_id: adset.id, adset_name: adset.name, ad_id: ad.id, ad_name: ad.name, date_start: day, date_stop: day,
        impressions: String(1000 + i * 10), reach: String(800 + i * 5), clicks: String(20 + i), spend: `${12 + i}.34`,
        actions: [{ action_type: 'link_click', value: String(20 + i) }, { action_type: 'purchase', value: '2' }],
        action_values: [{ action_type: 'purchase', value: '40.50' }],
        attribution_setting: '7d_click_1d_view',
      });
    }
  return rows;
}

// GET /{report_run_id}: each poll moves the run half-way on, so the second poll completes it.
export function pollRun(store: GraphStore, id: string) {
  const run = store.get(id, 'report_run');
  run.polls = num(run.polls) + 1;
  const percent = Math.min(100, num(run.polls) * 50);
  return { id, account_id: run.account.replace(/^act_/, ''), async_status: percent >= 100 ? 'Job Completed' : 'Job Running', async_percent_completion: percent };
}

export const nodeOf = (store: GraphStore, id: string, p: Params) => {
  if (id.startsWith('act_')) {
    const a = store.account(id);
    return { id: a.id, account_id: a.account_id, currency: a.currency, name: a.name };
  }
  const o = store.objects.get(id);
  if (!o) throw missing(id);
  return o.kind === 'report_run' ? pollRun(store, id) : render(store, o, p.fields);
};
