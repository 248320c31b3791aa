// What the launch saga sends a platform for one manifest campaign: the campaign spec built
// from the approved plan version (one ad group per line item, tracking generated, never
// typed by hand), checked by QC before it leaves, and a rejected budget explained.
import type { CampaignSpec } from '../../connectors/platforms/port.ts';
import type { ManifestCampaign } from '../../domain/launch/events.ts';
import type { ProvidedCreative } from '../../domain/launch/executionEvents.ts';
import { flightOf, lineItemsOf } from '../../domain/launch/executionFacts.ts';
import { minDailyBudgetMicros } from '../../domain/launch/platformLimits.ts';
import { isTrackedPlatform, trackingFor } from '../../domain/launch/tracking.ts';
import type { PlanVersion } from '../../domain/plan/state.ts';
import { formatMicros } from '../../domain/shared/values.ts';

export interface SpecInput {
  readonly tenantId: string;
  readonly planId: string;
  readonly planVersion: PlanVersion;
  readonly campaign: ManifestCampaign;
  readonly currency: string;
  readonly accountId: string;
  readonly creatives: readonly ProvidedCreative[]; // given by people at a touchpoint
}

// Undefined when a line item has no creative or landing page (the saga asks a person first)
// or the platform has no tracking rule (QC refuses it before any call).
export function campaignSpecFor(input: SpecInput): CampaignSpec | undefined {
  const { tenantId, planId, planVersion, campaign, currency, accountId } = input;
  const { platform } = campaign;
  if (!isTrackedPlatform(platform)) return undefined;
  const items = lineItemsOf(campaign, planVersion);
  const tracking = trackingFor(platform, { tenantId, planId, version: planVersion.version });
  const adGroups = [];
  for (const li of items) {
    const given = [...input.creatives].reverse().find((c) => c.lineItemId === li.lineItemId);
    const creativeAssetId = li.creativeAssetId ?? given?.creativeAssetId;
    const finalUrl = li.landingUrl ?? given?.landingUrl;
    if (creativeAssetId === undefined || finalUrl === undefined) return undefined;
    adGroups.push({ key: li.lineItemId, name: li.name, ads: [{ key: 'main', name: li.name, finalUrl, tracking, creativeAssetId }] });
  }
  return {
    key: { tenantId, planId, version: planVersion.version, platform, logicalCampaignKey: campaign.logicalCampaignKey },
    accountId,
    name: campaign.name,
    objective: campaign.objective,
    budget: { amountMicros: campaign.budgetMicros, currency, period: 'total' },
    flight: flightOf(items),
    adGroups,
  };
}

// Spec 004, "Budget rejected: check plan vs platform limits": say whose limit it was.
export function budgetVerdict(spec: CampaignSpec, platformMessage: string): string {
  const days = Math.round((Date.parse(spec.flight.endDate) - Date.parse(spec.flight.startDate)) / 86_400_000) + 1;
  const perDay = Math.floor(spec.budget.amountMicros / Math.max(days, 1));
  const minimum = minDailyBudgetMicros(spec.key.platform, spec.objective);
  const money = (m: number) => formatMicros(m, spec.budget.currency);
  return perDay < minimum
    ? `The plan gives ${money(perDay)} a day over ${days} day(s), below the platform minimum of ${money(minimum)} a day: raise the line items' budget or shorten the flight`
    : `The plan's ${money(perDay)} a day is within the platform minimum of ${money(minimum)} a day, so the refusal is the account's (a spending limit?): ${platformMessage}`;
}
