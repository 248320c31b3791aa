import type { Platform } from '../shared/values.ts';

// The tracking an ad carries, in the same shape as AdTracking in connectors/platforms/port.ts,
// so QC can check a CampaignSpec's ads as they are without domain/ importing connectors/.
export type Tracking =
  | { readonly mode: 'auto_tagging'; readonly finalUrlSuffix?: string; readonly customParameters: Readonly<Record<string, string>> }
  | { readonly mode: 'utm'; readonly urlTags: string };

// The platforms with a tracking rule in spec 004. DV360 has none yet, so QC refuses it
// rather than let an ad out unchecked.
export const trackedPlatforms = ['google_ads', 'meta', 'tiktok'] as const satisfies readonly Platform[];
export type TrackedPlatform = (typeof trackedPlatforms)[number];
export const isTrackedPlatform = (platform: Platform): platform is TrackedPlatform => (trackedPlatforms as readonly Platform[]).includes(platform);

// The platform's own placeholder for its campaign id, filled in at click time. Before the
// campaign exists this is the only value utm_campaign can correctly hold.
export const campaignIdMacro = { meta: '{{campaign.id}}', tiktok: '__CAMPAIGN_ID__' } as const;
const adIdMacro = { meta: '{{ad.id}}', tiktok: '__CID__' } as const;
const utmSource = { meta: 'facebook', tiktok: 'tiktok' } as const;

export interface TrackingSubject {
  readonly tenantId: string;
  readonly planId: string;
  readonly version: number;
}

// kcid/kpv are the CRM's join keys for Google clicks, where auto-tagging forbids utm_*:
// kcid = the tenant (the agency's client), kpv = `{planId}.v{version}` (which approved plan
// version bought the click). Both are made of id characters [a-z0-9_-], '.' and 'v', so they
// need no URL encoding, and the same (tenant, plan, version) always yields the same values.
export const kcidOf = (s: TrackingSubject): string => s.tenantId;
export const kpvOf = (s: TrackingSubject): string => `${s.planId}.v${s.version}`;

// What the saga puts on every ad, so tracking is never written by hand. The Google suffix
// references the custom parameters so they reach the landing page next to the gclid.
export function trackingFor(platform: TrackedPlatform, subject: TrackingSubject): Tracking {
  if (platform === 'google_ads') {
    return { mode: 'auto_tagging', finalUrlSuffix: 'kcid={_kcid}&kpv={_kpv}', customParameters: { kcid: kcidOf(subject), kpv: kpvOf(subject) } };
  }
  const tags = [`utm_source=${utmSource[platform]}`, 'utm_medium=paid_social', `utm_campaign=${campaignIdMacro[platform]}`, `utm_content=${adIdMacro[platform]}`];
  return { mode: 'utm', urlTags: tags.join('&') };
}
