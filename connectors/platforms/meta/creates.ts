// Everything ensureCampaign creates goes to Meta as one batch request per ad set: the
// campaign (when missing), the ad set, each ad's creative and the ad, the later ones taking
// the earlier ones' ids by {result=<name>:$.id}. A batch whose answer is lost has still
// been carried out whole, so the next ensure finds every part by its labels.
import type { AdSpec, CampaignSpec } from '../port.ts';
import { failed, ok, type PlatformOutcome } from '../port.ts';
import type { BatchOp, Graph, Json } from './graph.ts';
import { AD_LABEL, budgetField, campaignParams, creativeParams, flightTimes, GROUP_LABEL, optimizationGoal } from './mapping.ts';

const ref = (name: string) => `@@ref:${name}@@`; // survives JSON.stringify and encodeURIComponent as %40%40ref%3A…
// Form-encodes params (objects as JSON), then puts the references back unencoded.
function form(params: Json): string {
  const encoded = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return encoded.replace(/%40%40ref%3A([A-Za-z0-9_]+)%40%40/g, (_m, name: string) => `{result=${name}:$.id}`);
}
const op = (name: string, relativeUrl: string, params: Json): BatchOp => ({ method: 'POST', relative_url: relativeUrl, name, body: form(params), omit_response_on_success: false });

export interface CreateContext {
  readonly graph: Graph;
  readonly pageId: string;
  readonly targeting: Json;
}

export const adSetParams = (spec: CampaignSpec, groupIndex: number, campaignId: string, minor: number, targeting: Json): Json => ({
  name: spec.adGroups[groupIndex]!.name,
  campaign_id: campaignId,
  status: 'ACTIVE',
  billing_event: 'IMPRESSIONS',
  optimization_goal: optimizationGoal(spec.objective),
  bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
  targeting,
  ...flightTimes(spec.flight),
  [budgetField(spec.budget)]: minor,
  adlabels: [{ name: GROUP_LABEL + spec.adGroups[groupIndex]!.key }],
});

const adOps = (ctx: CreateContext, accountId: string, ads: readonly AdSpec[], adsetId: string): BatchOp[] =>
  ads.flatMap((ad, i) => [
    op(`creative${i}`, `${accountId}/adcreatives`, creativeParams(ad, ctx.pageId)),
    op(`ad${i}`, `${accountId}/ads`, { name: ad.name, adset_id: adsetId, creative: { creative_id: ref(`creative${i}`) }, status: 'ACTIVE', adlabels: [{ name: AD_LABEL + ad.key }] }),
  ]);

export interface Created {
  readonly campaignId?: string;
  readonly adsetId?: string;
  readonly adIds: readonly string[];
}

// One batch: optionally the campaign, optionally the ad set, then the given ads under it.
export async function createParts(
  ctx: CreateContext,
  spec: CampaignSpec,
  part: { readonly keyLabel?: string; readonly campaignId?: string; readonly group?: { readonly index: number; readonly minor: number }; readonly adsetId?: string; readonly ads: readonly AdSpec[] },
): Promise<PlatformOutcome<Created>> {
  const ops: BatchOp[] = [];
  if (part.keyLabel !== undefined) ops.push(op('campaign', `${spec.accountId}/campaigns`, campaignParams(spec, part.keyLabel)));
  const campaignId = part.campaignId ?? ref('campaign');
  if (part.group) ops.push(op('adset', `${spec.accountId}/adsets`, adSetParams(spec, part.group.index, campaignId, part.group.minor, ctx.targeting)));
  ops.push(...adOps(ctx, spec.accountId, part.ads, part.adsetId ?? ref('adset')));
  const answer = await ctx.graph.batch(ops);
  if (!answer.ok) return answer;
  const refused = answer.value.find((r) => !r.ok);
  if (refused && !refused.ok) return failed(refused.error);
  const ids = answer.value.map((r) => (r.ok ? String(r.value.id) : ''));
  const at = (name: string) => ids[ops.findIndex((o) => o.name === name)];
  return ok({
    ...(part.keyLabel !== undefined ? { campaignId: at('campaign') } : {}),
    ...(part.group ? { adsetId: at('adset') } : {}),
    adIds: part.ads.map((_, i) => at(`ad${i}`) ?? ''),
  });
}
