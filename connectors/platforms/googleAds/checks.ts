// What the adapter refuses before it asks Google: our tracking rules (DESIGN §3: Google Ads
// tracks by auto-tagging, so no utm_* in final URLs, suffixes or custom parameters; CRM ids
// ride as custom parameters kcid/kpv) and the keys the adapter reserves for itself. Budget
// minimums, name lengths and dates are Google's to judge: its refusals come back mapped.
import type { CampaignSpec, PlatformError } from '../port.ts';
import { platformError } from '../port.ts';
import { AD_GROUP_KEY_PARAM, AD_KEY_PARAM } from './readBack.ts';

// Google custom parameter keys: letters and digits, at most 16 characters (CustomParameterError).
const CUSTOM_PARAMETER_KEY = /^[A-Za-z0-9]{1,16}$/;
const reserved = new Set([AD_GROUP_KEY_PARAM, AD_KEY_PARAM]);

const invalid = (message: string): PlatformError => platformError('platform.invalid', message);

export function checkSpec(spec: CampaignSpec): PlatformError | undefined {
  if (spec.key.platform !== 'google_ads') return invalid(`The Google Ads adapter serves google_ads, not ${spec.key.platform}`);
  if (spec.adGroups.length === 0) return invalid('A campaign needs at least one ad group');
  for (const group of spec.adGroups) {
    if (group.ads.length === 0) return invalid(`Ad group ${group.key} needs at least one ad`);
    for (const ad of group.ads) {
      if (ad.tracking.mode !== 'auto_tagging') return invalid(`Ad ${ad.key}: Google Ads ads are tracked by auto-tagging, not ${ad.tracking.mode}`);
      const texts = [ad.finalUrl, ad.tracking.finalUrlSuffix ?? '', ...Object.values(ad.tracking.customParameters)];
      if (texts.some((t) => /utm_/i.test(t))) return invalid(`Ad ${ad.key}: Google Ads URLs must carry no utm_ parameters (auto-tagging tracks the click)`);
      const keys = Object.keys(ad.tracking.customParameters);
      const bad = keys.find((k) => !CUSTOM_PARAMETER_KEY.test(k) || reserved.has(k));
      if (bad !== undefined) return invalid(`Ad ${ad.key}: custom parameter key ${bad} must be 1-16 letters or digits and not one the adapter reserves (${[...reserved].join(', ')})`);
    }
  }
  return undefined;
}
