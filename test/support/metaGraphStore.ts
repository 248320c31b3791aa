// The objects of the local Graph API server (metaGraphServer.ts), kept in memory: ad
// accounts, ad labels, campaigns, ad sets, creatives, ads, report runs. Answers and errors
// are shaped as in Meta's Marketing API references; the rules are a small subset of Meta's.
export type Params = Record<string, unknown>;
export type Obj = Record<string, unknown> & { id: string; kind: Kind; account: string };
export type Kind = 'campaign' | 'adset' | 'adcreative' | 'ad' | 'report_run';

export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }
}
let trace = 0;
export const graphError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}) =>
  new GraphFailure(status, { message, type: 'OAuthException', code, ...extra, fbtrace_id: `Atrace${++trace}` });
const invalid = (message: string, userMsg?: string, subcode?: number) =>
  graphError(400, 100, `Invalid parameter`, { error_user_title: message, ...(userMsg ? { error_user_msg: userMsg } : {}), ...(subcode ? { error_subcode: subcode } : {}) });
export const missing = (id: string) =>
  graphError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { error_subcode: 33 });

const OBJECTIVES = ['OUTCOME_AWARENESS', 'OUTCOME_TRAFFIC', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES', 'OUTCOME_APP_PROMOTION'];
const STATUSES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED'];
// The server's own simplification of Meta's minimums: one currency unit a day (100 minor units).
export const MIN_DAILY_MINOR = 100;

const json = (v: unknown): unknown => {
  if (typeof v !== 'string' || !/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};
export const num = (v: unknown): number => Number(json(v) ?? 0);
// Meta answers times in the account's zone with an offset; this server's accounts are UTC.
const time = (v: unknown): string | undefined => (typeof v === 'string' && v ? (/[+Z]/.test(v.slice(10)) ? v : `${v}+0000`) : undefined);
const days = (start: string, end: string) => Math.max(1, Math.round((Date.parse(end.slice(0, 19) + 'Z') - Date.parse(start.slice(0, 19) + 'Z')) / 86_400_000));

export function graphStore() {
  const accounts = new Map<string, { id: string; account_id: string; currency: string; name: string }>();
  const labels = new Map<string, { id: string; name: string }>(); // per account: `${account}|${name}`
  const objects = new Map<string, Obj>();
  const creations = new Map<string, number>();
  let serial = 0;
  const newId = () => String(120_210_000_000_000 + ++serial);

  const labelsOf = (account: string, spec: unknown) =>
    ((json(spec) as { name?: string; id?: string }[] | undefined) ?? []).map((l) => {
      const key = `${account}|${l.name ?? ''}`;
      let label = labels.get(key);
      if (!label) labels.set(key, (label = { id: newId(), name: String(l.name) }));
      return label;
    });
  const get = (id: string, kind?: Kind): Obj => {
    const o = objects.get(id);
    if (!o || (kind && o.kind !== kind)) throw missing(id);
    return o;
  };
  const account = (id: string) => {
    const a = accounts.get(id);
    if (!a) throw missing(id);
    return a;
  };

  function checkBudget(p: Params, start: unknown, end: unknown) {
    const daily = num(p.daily_budget);
    const lifetime = num(p.lifetime_budget);
    if (daily <= 0 && lifetime <= 0) throw invalid('Budget Required', 'An ad set needs a daily_budget or a lifetime_budget.');
    if (lifetime > 0 && !end) throw invalid('End Time Required', 'An ad set with a lifetime budget needs an end_time.');
    const perDay = daily > 0 ? daily : lifetime / days(String(start), String(end));
    if (perDay < MIN_DAILY_MINOR) throw invalid('Budget Too Low', `Your budget is too low. The minimum daily budget for this ad set is ${MIN_DAILY_MINOR} in minor units.`, 1885272);
  }

  // POST /act_{id}/{edge}: validation, then (unless validate_only) the object.
  function create(accountId: string, edge: string, p: Params): Record<string, unknown> {
    account(accountId);
    const validateOnly = ((json(p.execution_options) as string[] | undefined) ?? []).includes('validate_only');
    let o: { kind: Kind; account: string } & Params;
    if (edge === 'campaigns') {
      if (!p.name) throw invalid('Name Required', 'A campaign needs a name.');
      if (!OBJECTIVES.includes(String(p.objective))) throw invalid('Invalid Objective', `Objective ${String(p.objective)} is not an ODAX objective.`);
      if (!Array.isArray(json(p.special_ad_categories))) throw invalid('Special Ad Categories Required', 'special_ad_categories must be given, [] for none.');
      // From v24.0, a campaign without a budget of its own must say whether its ad sets share budget.
      if (!p.daily_budget && !p.lifetime_budget && !['true', 'false', true, false].includes(p.is_adset_budget_sharing_enabled as string | boolean))
        throw invalid('Budget Sharing Setting Required', 'Set is_adset_budget_sharing_enabled to true or false when the ad sets carry the budget.');
      o = { kind: 'campaign', account: accountId, name: p.name, objective: p.objective, status: p.status ?? 'PAUSED' };
    } else if (edge === 'adsets') {
      const campaign = get(String(p.campaign_id), 'campaign');
      if (!json(p.targeting)) throw invalid('Targeting Required', 'An ad set needs targeting.');
      checkBudget(p, p.start_time, p.end_time);
      o = { kind: 'adset', account: accountId, campaign_id: campaign.id, name: p.name, status: p.status ?? 'ACTIVE', daily_budget: num(p.daily_budget), lifetime_budget: num(p.lifetime_budget), start_time: time(p.start_time), end_time: time(p.end_time), targeting: json(p.targeting), billing_event: p.billing_event, optimization_goal: p.optimization_goal };
    } else if (edge === 'adcreatives') {
      const spec = json(p.object_story_spec) as { page_id?: string; link_data?: { link?: string } } | undefined;
      if (!spec?.page_id || !spec.link_data?.link) throw invalid('Invalid Story Spec', 'object_story_spec needs page_id and link_data.link.');
      o = { kind: 'adcreative', account: accountId, name: p.name, object_story_spec: spec, url_tags: p.url_tags ?? '' };
    } else if (edge === 'ads') {
      const adset = get(String(p.adset_id), 'adset');
      const creative = get(String((json(p.creative) as { creative_id?: string } | undefined)?.creative_id), 'adcreative');
      o = { kind: 'ad', account: accountId, adset_id: adset.id, campaign_id: adset.campaign_id, name: p.name, status: p.status ?? 'ACTIVE', creative_id: creative.id };
    } else throw graphError(400, 100, `Unknown path components: /${edge}`);
    if (validateOnly) return { success: true };
    const made = { ...o, id: newId(), adlabels: labelsOf(accountId, p.adlabels), created_time: new Date(Date.now() + serial).toISOString() } as Obj;
    objects.set(made.id, made);
    if (made.kind === 'campaign') for (const l of made.adlabels as { name: string }[]) creations.set(l.name, (creations.get(l.name) ?? 0) + 1);
    return { id: made.id };
  }

  // POST /{id}: our API's updates (with Meta's refusal to change deleted objects).
  function update(id: string, p: Params): Record<string, unknown> {
    const o = get(id);
    const validateOnly = ((json(p.execution_options) as string[] | undefined) ?? []).includes('validate_only');
    if (o.status === 'DELETED') throw invalid('Object Deleted', `${o.kind} ${id} is deleted and cannot be edited.`);
    if (p.status !== undefined && !STATUSES.includes(String(p.status))) throw invalid('Invalid Status', `Status ${String(p.status)} is not one of ${STATUSES.join(', ')}.`);
    const next: Params = {};
    for (const f of ['name', 'status', 'start_time', 'end_time']) if (p[f] !== undefined) next[f] = f.endsWith('_time') ? time(p[f]) : p[f];
    if (o.kind === 'adset' && (p.daily_budget !== undefined || p.lifetime_budget !== undefined)) {
      next.daily_budget = p.daily_budget !== undefined ? num(p.daily_budget) : o.daily_budget;
      next.lifetime_budget = p.lifetime_budget !== undefined ? num(p.lifetime_budget) : o.lifetime_budget;
      checkBudget(next, next.start_time ?? o.start_time, next.end_time ?? o.end_time);
    }
    if (o.kind === 'ad' && p.creative !== undefined) next.creative_id = get(String((json(p.creative) as { creative_id?: string }).creative_id), 'adcreative').id;
    if (p.adlabels !== undefined) next.adlabels = labelsOf(o.account, p.adlabels); // replaces the set, as the AdLabel reference says
    if (!validateOnly) Object.assign(o, next);
    return { success: true };
  }

  return { accounts, labels, objects, creations, newId, get, account, create, update };
}
export type GraphStore = ReturnType<typeof graphStore>;
