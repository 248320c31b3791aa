// What ensureCampaign changes on a campaign found by its key, decided from the spec and the
// tree read back from Meta (pure), and what a person changed since our last write (drift).
import type { CampaignSpec, CampaignState, Drift } from '../port.ts';
import type { createParts } from './creates.ts';
import type { Prepared } from './ensure.ts';
import type { Json } from './graph.ts';
import { budgetField, budgetParams, flightFrom, flightTimes, type Written } from './mapping.ts';

export interface Plan {
  readonly updates: { readonly path: string[]; readonly params: Json }[];
  readonly creates: Parameters<typeof createParts>[2][];
  readonly creatives: { readonly adId: string; readonly ad: CampaignSpec['adGroups'][number]['ads'][number] }[];
}

export function planChanges(spec: CampaignSpec, p: Prepared & { found: NonNullable<Prepared['found']> }): Plan {
  const { id, tree, state } = p.found;
  const plan: Plan = { updates: [], creates: [], creatives: [] };
  if (state.name !== spec.name) plan.updates.push({ path: [id], params: { name: spec.name } });
  spec.adGroups.forEach((group, gi) => {
    const had = state.adGroups.find((g) => g.key === group.key);
    if (!had) return void plan.creates.push({ campaignId: id, group: { index: gi, minor: p.minors[gi]! }, ads: group.ads });
    const raw = tree.adsets.find((s) => String(s.id) === had.id) ?? {};
    const params: Json = {};
    if (had.name !== group.name) params.name = group.name;
    if (Number(raw[budgetField(spec.budget)] ?? 0) !== p.minors[gi]) Object.assign(params, budgetParams(spec.budget, p.minors[gi]!));
    const flight = flightFrom(raw.start_time, raw.end_time);
    if (flight.startDate !== spec.flight.startDate || flight.endDate !== spec.flight.endDate) Object.assign(params, flightTimes(spec.flight));
    if (Object.keys(params).length > 0) plan.updates.push({ path: [had.id], params });
    const missing = group.ads.filter((ad) => !had.ads.some((a) => a.key === ad.key));
    if (missing.length > 0) plan.creates.push({ campaignId: id, adsetId: had.id, ads: missing });
    for (const ad of group.ads) {
      const existing = had.ads.find((a) => a.key === ad.key);
      if (!existing) continue;
      if (existing.name !== ad.name) plan.updates.push({ path: [existing.id], params: { name: ad.name } });
      const tags = ad.tracking.mode === 'utm' ? ad.tracking.urlTags : '';
      if (existing.finalUrl !== ad.finalUrl || (existing.tracking.mode === 'utm' ? existing.tracking.urlTags : '') !== tags) plan.creatives.push({ adId: existing.id, ad });
    }
    for (const gone of had.ads.filter((a) => !group.ads.some((ad) => ad.key === a.key))) plan.updates.push({ path: [gone.id], params: { status: 'DELETED' } });
  });
  for (const gone of state.adGroups.filter((g) => !spec.adGroups.some((s) => s.key === g.key))) plan.updates.push({ path: [gone.id], params: { status: 'DELETED' } });
  return plan;
}

export const changes = (plan: Plan) => plan.updates.length + plan.creates.length + plan.creatives.length;

export function driftOf(spec: CampaignSpec, state: CampaignState, written: Written | undefined): Drift[] {
  const drift: Drift[] = [];
  if (state.name !== spec.name) drift.push({ field: 'name', lastWritten: spec.name, found: state.name }); // the key's name never changes
  if (written?.status !== undefined && state.status !== written.status) drift.push({ field: 'status', lastWritten: written.status, found: state.status });
  if (written?.budgetMicros !== undefined && state.budget.amountMicros !== written.budgetMicros) drift.push({ field: 'budget', lastWritten: written.budgetMicros, found: state.budget.amountMicros });
  return drift;
}

