// Before any write: the account's currency and the campaign carrying the key, if any. The
// key is the label idempotencyLabel(spec.key) (exact name); a renamed campaign keeps it.
// Oldest campaign first, so should a duplicate ever exist every run picks the same one.
import type { Customer } from './client.ts';
import { queries, search } from './gaql.ts';
import { readCampaigns, type Found } from './readBack.ts';

export interface Looked {
  readonly currency: string | undefined;
  readonly autoTagging: boolean;
  readonly labelId: string | undefined;
  readonly found: Found | undefined;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});

export async function readAccountRow(customer: Customer): Promise<{ currency: string | undefined; autoTagging: boolean } | undefined> {
  const row = (await search(customer, queries.account))[0];
  if (!row) return undefined;
  const c = obj(row.customer);
  return { currency: typeof c.currency_code === 'string' && c.currency_code ? c.currency_code : undefined, autoTagging: c.auto_tagging_enabled === true };
}

export async function lookUp(customer: Customer, accountId: string, keyLabel: string): Promise<Looked> {
  const account = await readAccountRow(customer);
  const label = (await search(customer, queries.labelNamed(keyLabel)))[0];
  const labelId = label ? String(obj(label.label).id) : undefined;
  const campaignIds = labelId ? (await search(customer, queries.campaignsLabelled(labelId))).map((r) => String(obj(r.campaign).id)) : [];
  const first = campaignIds[0];
  const found = first === undefined ? undefined : (await readCampaigns(customer, accountId, `campaign.id = ${first}`))[0];
  return { currency: account?.currency, autoTagging: account?.autoTagging ?? false, labelId, found };
}
