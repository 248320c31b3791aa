// GoogleAdsService.Mutate on the model: operations in order, temporary ids (-1, -2, …)
// resolved to new ids, atomic unless partial_failure (then a failed operation is skipped,
// and so is every operation that refers to what it would have made), nothing kept with
// validate_only. Checks are the few Google makes that the adapter's tests rely on.
import { checkBudgets } from './budgets.ts';
import { parseName, type Model, type Resource } from './model.ts';

export interface AdsError {
  error_code: Record<string, string>;
  message: string;
  location?: { field_path_elements: { field_name: string; index?: number }[] };
}
type Loose = Record<string, unknown>;
type Operation = Loose & { operation?: string };

export interface MutateOutcome {
  readonly model: Model;
  readonly responses: Loose[];
  readonly errors: AdsError[];
  readonly whole: boolean; // the errors fail the whole request even with partial_failure
  readonly createdKeyLabels: string[]; // label names newly linked to a campaign created in this request
}

class OpError extends Error {
  constructor(readonly code: Record<string, string>, message: string, readonly path: string[]) {
    super(message);
  }
}

const collections: Record<string, { table: keyof Model; collection: string }> = {
  campaign_budget_operation: { table: 'budgets', collection: 'campaignBudgets' },
  campaign_operation: { table: 'campaigns', collection: 'campaigns' },
  label_operation: { table: 'labels', collection: 'labels' },
  campaign_label_operation: { table: 'campaignLabels', collection: 'campaignLabels' },
  ad_group_operation: { table: 'adGroups', collection: 'adGroups' },
  ad_group_ad_operation: { table: 'adGroupAds', collection: 'adGroupAds' },
  ad_operation: { table: 'adGroupAds', collection: 'ads' },
};
const refFields = ['campaign_budget', 'campaign', 'label', 'ad_group'];

export interface MutateRules {
  readonly refuseAdUrls: ReadonlySet<string>; // final URLs Google's policy refuses (fault injection)
}

export function applyMutate(start: Model, customerId: string, request: Loose, rules: MutateRules): MutateOutcome {
  const model = structuredClone(start);
  const temps = new Map<string, string>();
  const failedTemps = new Set<string>();
  const responses: Loose[] = [];
  const errors: AdsError[] = [];
  const createdCampaigns = new Set<string>();
  const created: string[] = [];
  const ops = (request.mutate_operations ?? []) as Operation[];
  const resolve = (name: unknown): string => {
    const n = String(name);
    if (failedTemps.has(n)) throw new OpError({ mutate_error: 'RESOURCE_NOT_FOUND' }, `Resource ${n} was not created`, []);
    return temps.get(n) ?? n;
  };
  ops.forEach((op, index) => {
    const kind = op.operation ?? Object.keys(op).find((k) => k.endsWith('_operation')) ?? '';
    const body = (op[kind] ?? {}) as Loose;
    const verb = (['create', 'update', 'remove'] as const).find((v) => body[v] !== undefined) ?? 'create';
    try {
      const name = applyOne(model, customerId, kind, verb, body, resolve, temps, rules, createdCampaigns, created);
      responses.push({ [kind.replace(/_operation$/, '_result')]: { resource_name: name } });
    } catch (e) {
      if (!(e instanceof OpError)) throw e;
      const target = verb === 'remove' ? body.remove : (body[verb] as Loose | undefined)?.resource_name;
      if (typeof target === 'string' && target.includes('/-')) failedTemps.add(target);
      const path = [{ field_name: 'mutate_operations', index }, { field_name: kind }, { field_name: verb }, ...e.path.map((p) => (/\[\d+\]$/.test(p) ? { field_name: p.replace(/\[\d+\]$/, ''), index: Number(/\[(\d+)\]$/.exec(p)![1]) } : { field_name: p }))];
      errors.push({ error_code: e.code, message: e.message, location: { field_path_elements: path } });
      responses.push({});
      if (!request.partial_failure) return;
    }
  });
  const budgetErrors: AdsError[] = [];
  checkBudgets(model, ops, temps, budgetErrors);
  return { model, responses, errors: [...errors, ...budgetErrors], whole: budgetErrors.length > 0, createdKeyLabels: created };
}

function applyOne(model: Model, customerId: string, kind: string, verb: string, body: Loose, resolve: (n: unknown) => string, temps: Map<string, string>, rules: MutateRules, createdCampaigns: Set<string>, created: string[]): string {
  const where = collections[kind];
  if (!where) throw new OpError({ request_error: 'UNKNOWN' }, `The local server does not serve ${kind}`, []);
  const table = model[where.table] as Record<string, Resource>;
  if (verb === 'remove') {
    const name = resolve(body.remove);
    const found = Object.values(table).find((r) => r.resource_name === name);
    if (!found) throw new OpError({ mutate_error: 'RESOURCE_NOT_FOUND' }, `${name} not found`, []);
    found.status = 'REMOVED';
    return name;
  }
  const fields = { ...(body[verb] as Loose) };
  for (const f of refFields) if (fields[f] !== undefined) fields[f] = resolve(fields[f]);
  if (verb === 'update') {
    const name = String(fields.resource_name);
    const found = kind === 'ad_operation' ? Object.values(table).find((r) => (r.ad as Resource).resource_name === name) : Object.values(table).find((r) => r.resource_name === name);
    if (!found) throw new OpError({ mutate_error: 'RESOURCE_NOT_FOUND' }, `${name} not found`, ['resource_name']);
    if (found.status === 'REMOVED') throw new OpError({ context_error: 'OPERATION_NOT_PERMITTED_FOR_REMOVED_RESOURCE' }, `${name} was removed`, []);
    const paths = ((body.update_mask as { paths?: string[] } | undefined)?.paths ?? []).filter((p) => p !== 'resource_name');
    const target = kind === 'ad_operation' ? (found.ad as Loose) : found;
    for (const p of paths) setPath(target, p, getPath(fields, p));
    return name;
  }
  const id = model.nextId++;
  const temp = String(fields.resource_name ?? '');
  if (kind === 'label_operation' && Object.values(model.labels).some((l) => l.name === fields.name && l.status !== 'REMOVED'))
    throw new OpError({ label_error: 'DUPLICATE_NAME' }, `A label named ${String(fields.name)} exists`, ['name']);
  if (kind === 'campaign_label_operation') {
    const c = parseName(String(fields.campaign))?.id ?? '';
    const l = parseName(String(fields.label))?.id ?? '';
    if (!model.campaigns[c] || !model.labels[l]) throw new OpError({ mutate_error: 'RESOURCE_NOT_FOUND' }, 'campaign or label not found', ['campaign']);
    const name = `customers/${customerId}/campaignLabels/${c}~${l}`;
    model.campaignLabels[`${c}~${l}`] = { ...fields, resource_name: name };
    if (createdCampaigns.has(c)) created.push(String(model.labels[l]!.name));
    return name;
  }
  if (kind === 'ad_group_ad_operation') {
    const ad = { ...(fields.ad as Loose) };
    const url = (ad.final_urls as string[] | undefined)?.[0] ?? '';
    if (rules.refuseAdUrls.has(url)) throw new OpError({ policy_finding_error: 'POLICY_FINDING' }, 'The resource has been disapproved since the policy summary includes policy topics of type PROHIBITED.', ['ad', 'final_urls[0]']);
    const group = parseName(String(fields.ad_group))?.id ?? '';
    if (!model.adGroups[group]) throw new OpError({ mutate_error: 'RESOURCE_NOT_FOUND' }, 'ad group not found', ['ad_group']);
    const name = `customers/${customerId}/adGroupAds/${group}~${id}`;
    model.adGroupAds[`${group}~${id}`] = { ...fields, status: fields.status ?? 'ENABLED', resource_name: name, ad: { ...ad, id, resource_name: `customers/${customerId}/ads/${id}` } };
    return name;
  }
  const name = `customers/${customerId}/${where.collection}/${id}`;
  if (temp) temps.set(temp, name);
  table[String(id)] = { status: 'ENABLED', ...fields, id, resource_name: name };
  if (kind === 'campaign_operation') createdCampaigns.add(String(id));
  return name;
}

function getPath(o: Loose, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Loose | undefined)?.[k], o);
}
function setPath(o: Loose, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Loose;
  at[keys.at(-1)!] = value;
}
