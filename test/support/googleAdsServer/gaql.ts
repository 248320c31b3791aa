// Enough GAQL for the adapter's queries: SELECT fields FROM resource [WHERE a AND b …]
// [ORDER BY f [ASC|DESC], …] [LIMIT n], with =, !=, IN (…), LIKE (% and _ wildcards, [x]
// for a literal x) and BETWEEN … AND …. Rows are the FROM resource joined with the
// resources Google attributes to it; metrics and segments.date only on ad_group_ad.
import { daysOf, metricsFor, parseName, type Model, type Resource } from './model.ts';

type Loose = Record<string, unknown>;
type Value = string | number;
interface Condition { field: string; op: string; values: Value[] }
export interface Query { select: string[]; from: string; where: Condition[]; orderBy: { field: string; desc: boolean }[]; limit?: number }

const TOKEN = /\s*(?:'((?:\\.|[^'\\])*)'|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][\w.]*)|(!=|>=|<=|=|<|>|\(|\)|,))/y;

function tokenize(text: string): { kind: 'str' | 'num' | 'word' | 'sym'; v: string }[] {
  const out: { kind: 'str' | 'num' | 'word' | 'sym'; v: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`GAQL: cannot read ${text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}`);
    if (m[1] !== undefined) out.push({ kind: 'str', v: m[1].replace(/\\(.)/g, '$1') });
    else if (m[2] !== undefined) out.push({ kind: 'num', v: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'word', v: m[3] });
    else out.push({ kind: 'sym', v: m[4]! });
  }
  return out;
}

export function parseQuery(text: string): Query {
  const t = tokenize(text);
  let i = 0;
  const word = (w: string) => t[i]?.kind === 'word' && t[i]!.v.toUpperCase() === w && ++i > 0;
  const take = () => t[i++] ?? { kind: 'sym' as const, v: '' };
  const value = (): Value => {
    const x = take();
    return x.kind === 'num' ? Number(x.v) : x.v;
  };
  if (!word('SELECT')) throw new Error('GAQL: SELECT expected');
  const select: string[] = [];
  do select.push(take().v);
  while (t[i]?.v === ',' && ++i);
  if (!word('FROM')) throw new Error('GAQL: FROM expected');
  const from = take().v;
  const where: Condition[] = [];
  if (word('WHERE')) {
    do {
      const field = take().v;
      if (word('IN')) {
        take();
        const values: Value[] = [];
        while (t[i]?.v !== ')') (values.push(value()), t[i]?.v === ',' && i++);
        i++;
        where.push({ field, op: 'IN', values });
      } else if (word('LIKE')) where.push({ field, op: 'LIKE', values: [value()] });
      else if (word('BETWEEN')) {
        const a = value();
        word('AND');
        where.push({ field, op: 'BETWEEN', values: [a, value()] });
      } else where.push({ field, op: take().v, values: [value()] });
    } while (word('AND'));
  }
  const orderBy: Query['orderBy'] = [];
  if (word('ORDER') && word('BY'))
    do {
      const field = take().v;
      orderBy.push({ field, desc: word('DESC') || (word('ASC') && false) });
    } while (t[i]?.v === ',' && ++i);
  const limit = word('LIMIT') ? Number(take().v) : undefined;
  return { select, from, where, orderBy, ...(limit === undefined ? {} : { limit }) };
}

const get = (row: Loose, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Loose | undefined)?.[k], row);
const likeRegex = (pattern: string) =>
  new RegExp(`^${pattern.replace(/\[(.)\]|([%_])|([^[%_])/g, (_m, lit?: string, wild?: string, ch?: string) => (wild === '%' ? '.*' : wild === '_' ? '.' : (lit ?? ch ?? '').replace(/[.*+?^${}()|\\/]/g, '\\$&')))}$`, 's');

function matches(row: Loose, c: Condition): boolean {
  const v = get(row, c.field);
  const s = v === undefined || v === null ? '' : String(v);
  const vals = c.values.map(String);
  switch (c.op) {
    case '=': return s === vals[0];
    case '!=': return s !== vals[0];
    case 'IN': return vals.includes(s);
    case 'LIKE': return likeRegex(vals[0]!).test(s);
    case 'BETWEEN': return s >= vals[0]! && s <= vals[1]!;
    default: throw new Error(`GAQL: operator ${c.op} is not served locally`);
  }
}

const byId = (table: Record<string, Resource>, name: unknown): Resource | undefined => table[parseName(String(name))?.id ?? ''];

function rowsOf(model: Model, customerId: string, q: Query): Loose[] {
  const customer = { resource_name: `customers/${customerId}`, ...model.customers[customerId] };
  const campaignRow = (c: Resource | undefined) => ({ campaign: c, campaign_budget: c && byId(model.budgets, c.campaign_budget) });
  switch (q.from) {
    case 'customer': return [{ customer }];
    case 'label': return Object.values(model.labels).map((label) => ({ label, customer }));
    case 'campaign': return Object.values(model.campaigns).map((c) => ({ ...campaignRow(c), customer }));
    case 'campaign_label':
      return Object.values(model.campaignLabels).map((cl) => ({ campaign_label: cl, campaign: byId(model.campaigns, cl.campaign), label: byId(model.labels, cl.label), customer }));
    case 'ad_group': return Object.values(model.adGroups).map((g) => ({ ad_group: g, campaign: byId(model.campaigns, g.campaign), customer }));
    case 'ad_group_ad': {
      const base = Object.values(model.adGroupAds).map((a) => {
        const group = byId(model.adGroups, a.ad_group);
        return { ad_group_ad: a, ad_group: group, campaign: byId(model.campaigns, group?.campaign), customer };
      });
      const range = q.where.find((c) => c.field === 'segments.date' && c.op === 'BETWEEN');
      if (!range) return base;
      return base.flatMap((row) => {
        const c = row.campaign as Resource;
        const [from, to] = [String(c.start_date_time).slice(0, 10), String(c.end_date_time).slice(0, 10)];
        const days = daysOf(String(range.values[0]), String(range.values[1])).filter((d) => d >= from && d <= to);
        return days.map((date) => ({ ...row, segments: { date }, metrics: metricsFor(Number((row.ad_group_ad.ad as Loose).id), date) }));
      });
    }
    default: throw new Error(`GAQL: FROM ${q.from} is not served locally`);
  }
}

// The selected fields (and the FROM resource's resource_name, as Google adds it), nested.
function project(row: Loose, q: Query): Loose {
  const out: Loose = {};
  for (const path of [...q.select, `${q.from}.resource_name`]) {
    const v = get(row, path);
    if (v === undefined) continue;
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Loose;
    at[keys.at(-1)!] = v;
  }
  return out;
}

export function runQuery(model: Model, customerId: string, text: string): Loose[] {
  const q = parseQuery(text);
  const rows = rowsOf(model, customerId, q).filter((r) => q.where.every((c) => matches(r, c)));
  rows.sort((a, b) => {
    for (const o of q.orderBy) {
      const [x, y] = [get(a, o.field), get(b, o.field)];
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (cmp !== 0) return o.desc ? -cmp : cmp;
    }
    return 0;
  });
  return rows.slice(0, q.limit ?? rows.length).map((r) => project(r, q));
}
