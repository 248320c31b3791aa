import type { PlanVersion } from '../plan/state.ts';
import type { Objective, Platform } from '../shared/values.ts';
import { objectives, platforms } from '../shared/values.ts';
import type { LaunchManifest, ManifestCampaign } from './events.ts';

export const campaignName = (tenantId: string, platform: Platform, objective: Objective, version: number): string =>
  `kobi_${tenantId}_${platform}_${objective}_v${version}`;

// One logical campaign per platform and objective, in execution order (platform order,
// then objective order), so the same version always yields the same manifest.
export function launchManifest(tenantId: string, version: PlanVersion): LaunchManifest {
  const campaigns: ManifestCampaign[] = [];
  for (const platform of platforms) {
    for (const objective of objectives) {
      const items = version.content.lineItems.filter((li) => li.platform === platform && li.objective === objective);
      if (items.length === 0) continue;
      campaigns.push({
        platform,
        logicalCampaignKey: `${platform}:${objective}`,
        name: campaignName(tenantId, platform, objective, version.version),
        objective,
        budgetMicros: items.reduce((sum, li) => sum + li.budgetMicros, 0),
        lineItemIds: items.map((li) => li.lineItemId),
      });
    }
  }
  return {
    contentHash: version.contentHash,
    currency: version.content.currency,
    platforms: platforms.filter((p) => campaigns.some((c) => c.platform === p)),
    campaigns,
  };
}
