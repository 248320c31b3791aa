// ensureCampaign and validate: QC first, then the key's campaign looked up by its ad label;
// absent, it is created (creates.ts); present, the difference is applied. validate() plans
// the same changes and sends the updates with execution_options=[validate_only].
import { qcCampaign, qcInputOf } from '../../../domain/launch/qc.ts';
import { idempotencyLabel } from '../idempotencyLabel.ts';
import type { CampaignSpec, CampaignState, Drift, EnsureResult, ValidateResult } from '../port.ts';
import { failed, ok, platformError, type PlatformOutcome } from '../port.ts';
import { createParts, type CreateContext } from './creates.ts';
import type { Json } from './graph.ts';
import { campaignParams, creativeParams, labelsWith, minorOf, splitMinor, writtenFrom } from './mapping.ts';
import { changes, driftOf, planChanges } from './plan.ts';
import { findByLabel, readTree, stateOf, type Tree } from './reads.ts';

export interface EnsureContext extends CreateContext {
  account(accountId: string): Promise<PlatformOutcome<{ readonly currency: string }>>;
}

export interface Prepared {
  readonly label: string;
  readonly currency: string;
  readonly minors: number[];
  readonly found?: { readonly id: string; readonly tree: Tree; readonly state: CampaignState };
}

const invalid = (message: string) => failed<never>(platformError('platform.invalid', message));

async function prepare(ctx: EnsureContext, spec: CampaignSpec): Promise<PlatformOutcome<Prepared>> {
  if (spec.key.platform !== 'meta') return invalid(`The Meta adapter serves meta, not ${spec.key.platform}`);
  const reasons = qcCampaign(qcInputOf(spec));
  if (reasons.length > 0) return failed(platformError('platform.invalid', `QC refused the campaign: ${reasons.map((r) => r.message).join('; ')}`, { details: reasons }));
  if (spec.adGroups.length === 0 || spec.adGroups.some((g) => g.ads.length === 0)) return invalid('A Meta campaign needs at least one ad set, each with at least one ad');
  const account = await ctx.account(spec.accountId);
  if (!account.ok) return account;
  const { currency } = account.value;
  if (currency !== spec.budget.currency) return invalid(`Ad account ${spec.accountId} bills in ${currency}, not ${spec.budget.currency}`);
  const total = minorOf(spec.budget.amountMicros, currency);
  if (total === undefined || total <= 0) return invalid(`Meta budgets are whole minor units of ${currency}; ${spec.budget.amountMicros} micros is not`);
  const label = idempotencyLabel(spec.key);
  const found = await findByLabel(ctx.graph, spec.accountId, label);
  if (!found.ok) return found;
  const base = { label, currency, minors: splitMinor(total, spec.adGroups.length) };
  if (!found.value) return ok(base);
  const id = String(found.value.id);
  if (found.value.status === 'DELETED' || found.value.status === 'ARCHIVED') return invalid(`Campaign ${id} for this key was removed; a removed campaign cannot change`);
  const tree = await readTree(ctx.graph, id);
  if (!tree.ok) return tree;
  return ok({ ...base, found: { id, tree: tree.value, state: stateOf({ platform: 'meta', accountId: spec.accountId, campaignId: id }, currency, tree.value) } });
}

export async function validateSpec(ctx: EnsureContext, spec: CampaignSpec): Promise<PlatformOutcome<ValidateResult>> {
  const p = await prepare(ctx, spec);
  if (!p.ok) return p;
  const validateOnly = { execution_options: ['validate_only'] };
  if (!p.value.found) {
    const checked = await ctx.graph.create([spec.accountId, 'campaigns'], { ...campaignParams(spec, p.value.label), ...validateOnly });
    return checked.ok ? ok({ wouldBe: 'created' }) : checked;
  }
  const plan = planChanges(spec, { ...p.value, found: p.value.found });
  for (const u of plan.updates) {
    const checked = await ctx.graph.update(u.path, { ...u.params, ...validateOnly });
    if (!checked.ok) return checked;
  }
  return ok({ wouldBe: changes(plan) > 0 ? 'updated' : 'unchanged', campaignId: p.value.found.id });
}

export async function ensureSpec(ctx: EnsureContext, spec: CampaignSpec): Promise<PlatformOutcome<EnsureResult>> {
  const p = await prepare(ctx, spec);
  if (!p.ok) return p;
  const { found, label, minors } = p.value;
  let campaignId: string;
  let outcome: EnsureResult['outcome'];
  let drift: Drift[] = [];
  if (!found) {
    const [first, ...rest] = spec.adGroups;
    const made = await createParts(ctx, spec, { keyLabel: label, group: { index: 0, minor: minors[0]! }, ads: first!.ads });
    if (!made.ok) return made;
    campaignId = made.value.campaignId!;
    for (const [i, group] of rest.entries()) {
      const more = await createParts(ctx, spec, { campaignId, group: { index: i + 1, minor: minors[i + 1]! }, ads: group.ads });
      if (!more.ok) return more;
    }
    outcome = 'created';
  } else {
    campaignId = found.id;
    const record = writtenFrom(found.state.labels);
    drift = driftOf(spec, found.state, record);
    const plan = planChanges(spec, { ...p.value, found });
    for (const u of plan.updates) {
      const done = await ctx.graph.update(u.path, u.params);
      if (!done.ok) return done;
    }
    for (const part of plan.creates) {
      const made = await createParts(ctx, spec, part);
      if (!made.ok) return made;
    }
    for (const c of plan.creatives) {
      const creative = await ctx.graph.create([spec.accountId, 'adcreatives'], creativeParams(c.ad, ctx.pageId));
      if (!creative.ok) return creative;
      const swapped = await ctx.graph.update([c.adId], { creative: { creative_id: String(creative.value.id) } });
      if (!swapped.ok) return swapped;
    }
    const next = { status: record?.status ?? found.state.status, budgetMicros: spec.budget.amountMicros };
    if (record?.status !== next.status || record.budgetMicros !== next.budgetMicros) {
      const noted = await ctx.graph.update([campaignId], { adlabels: labelsWith(found.state.labels, next) });
      if (!noted.ok) return noted;
    }
    outcome = changes(plan) > 0 ? 'updated' : 'unchanged';
  }
  const tree = await readTree(ctx.graph, campaignId);
  if (!tree.ok) return tree;
  const state = stateOf({ platform: 'meta', accountId: spec.accountId, campaignId }, p.value.currency, tree.value);
  const adGroups = spec.adGroups.map((g) => {
    const had = state.adGroups.find((s) => s.key === g.key);
    return { key: g.key, id: had?.id ?? '', ads: g.ads.map((ad) => ({ key: ad.key, id: had?.ads.find((a) => a.key === ad.key)?.id ?? '' })) };
  });
  return ok({ campaignId, adGroups, outcome, drift, trackingMode: 'utm', status: state.status });
}
