// Pre-mutation QC (spec 004 "URL tracking" and "Naming convention", DESIGN §3): what is
// about to be sent for one campaign, checked before every platform call. Every failing rule
// is reported, in the shape of launch.blocked reasons, so a person fixes them all at once.
import type { Objective, Platform } from '../shared/values.ts';
import type { LaunchBlockReason } from './events.ts';
import { campaignName } from './manifest.ts';
import type { TrackedPlatform, Tracking } from './tracking.ts';
import { campaignIdMacro, isTrackedPlatform } from './tracking.ts';

export interface QcAd {
  readonly key: string;
  readonly finalUrl: string;
  readonly tracking: Tracking;
}

// Built from a CampaignSpec by qcInputOf below.
export interface QcInput {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly objective: Objective;
  readonly version: number;
  readonly name: string;
  // Google: the account's auto-tagging setting as read from the platform. Left out means
  // nobody read it, and an unread setting fails QC: it is checked, never assumed.
  readonly autoTagging?: boolean;
  // The platform's id once the campaign exists; until then only the id macro is right.
  readonly platformCampaignId?: string;
  readonly ads: readonly QcAd[];
}

export type QcReason = LaunchBlockReason & { readonly platform: Platform };

// The parts of a CampaignSpec (connectors/platforms/port.ts) QC reads; a CampaignSpec is one.
export interface CampaignToCheck {
  readonly key: { readonly tenantId: string; readonly version: number; readonly platform: Platform };
  readonly name: string;
  readonly objective: Objective;
  readonly adGroups: readonly { readonly ads: readonly QcAd[] }[];
}

// What only the platform knows: the account's auto-tagging and, on an update, the campaign id.
export function qcInputOf(spec: CampaignToCheck, found: Pick<QcInput, 'autoTagging' | 'platformCampaignId'> = {}): QcInput {
  const { tenantId, version, platform } = spec.key;
  return { platform, tenantId, version, objective: spec.objective, name: spec.name, ads: spec.adGroups.flatMap((g) => g.ads), ...found };
}

export function qcCampaign(input: QcInput): QcReason[] {
  const reasons: QcReason[] = [];
  const add = (code: string, message: string): void => {
    reasons.push({ code, message, platform: input.platform });
  };
  const expected = campaignName(input.tenantId, input.platform, input.objective, input.version);
  if (input.name !== expected) add('qc.naming', `Campaign name "${input.name}" must be "${expected}"`);
  const { platform } = input;
  if (!isTrackedPlatform(platform)) {
    add('qc.untracked_platform', `No URL tracking rule exists for ${platform} yet, so nothing is sent to it`);
    return reasons;
  }
  if (platform === 'google_ads') googleRules(input, add);
  else socialRules(input, platform, add);
  return reasons;
}

type Add = (code: string, message: string) => void;

function googleRules(input: QcInput, add: Add): void {
  if (input.autoTagging !== true) {
    add('qc.google.auto_tagging', input.autoTagging === false ? 'Auto-tagging is off on the Google Ads account' : 'The Google Ads account was not checked for auto-tagging');
  }
  for (const ad of input.ads) {
    const { tracking } = ad;
    if (tracking.mode !== 'auto_tagging') add('qc.google.tracking_mode', `Ad ${ad.key}: Google Ads ads are tracked by auto-tagging, not ${tracking.mode}`);
    const places = utmPlaces(ad);
    if (places.length > 0) add('qc.google.utm', `Ad ${ad.key}: utm_ found in ${places.join(', ')}; Google Ads takes no utm_ parameters`);
    const params = tracking.mode === 'auto_tagging' ? tracking.customParameters : {};
    const missing = ['kcid', 'kpv'].filter((name) => (params[name] ?? '').trim() === '');
    if (missing.length > 0) add('qc.google.custom_parameters', `Ad ${ad.key}: custom parameter ${missing.join(' and ')} must be set`);
  }
}

function utmPlaces(ad: QcAd): string[] {
  const places: [string, string][] = [['the final URL', ad.finalUrl]];
  const { tracking } = ad;
  if (tracking.mode === 'utm') places.push(['the URL tags', tracking.urlTags]);
  else {
    if (tracking.finalUrlSuffix !== undefined) places.push(['the final URL suffix', tracking.finalUrlSuffix]);
    for (const [name, value] of Object.entries(tracking.customParameters)) places.push([`custom parameter ${name}`, `${name}=${value}`]);
  }
  return places.filter(([, text]) => containsUtm(text)).map(([where]) => where);
}

const utm = /utm_/i;
const percentEscape = /%([0-9a-f]{2})/gi;

// Decodes percent-escapes until nothing changes, so 'utm%5F', '%75tm_' and double encodings
// ('utm%255F') are all seen. Each pass that changes the text shortens it, so this ends; it
// never throws on malformed escapes the way decodeURIComponent does.
export function containsUtm(text: string): boolean {
  for (let s = text; ; ) {
    if (utm.test(s)) return true;
    const decoded = s.replace(percentEscape, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === s) return false;
    s = decoded;
  }
}

const requiredUtm = ['utm_source', 'utm_medium', 'utm_campaign'] as const;

function socialRules(input: QcInput, platform: Exclude<TrackedPlatform, 'google_ads'>, add: Add): void {
  const macro = campaignIdMacro[platform];
  const allowed = input.platformCampaignId === undefined ? [macro] : [macro, input.platformCampaignId];
  for (const ad of input.ads) {
    const { tracking } = ad;
    if (tracking.mode !== 'utm') {
      add('qc.social.tracking_mode', `Ad ${ad.key}: ${platform} ads carry utm_ URL tags, not ${tracking.mode}`);
      continue;
    }
    const tags = new URLSearchParams(tracking.urlTags.replace(/^[?&]/, ''));
    const missing = requiredUtm.filter((name) => (tags.get(name) ?? '').trim() === '');
    if (missing.length > 0) add('qc.social.utm_missing', `Ad ${ad.key}: URL tags must set ${missing.join(', ')}`);
    // A utm_campaign in the final URL would reach analytics beside the tag's, so it counts too.
    const wrong = [...tags.getAll('utm_campaign'), ...queryOf(ad.finalUrl).getAll('utm_campaign')].filter((v) => v.trim() !== '' && !allowed.includes(v));
    if (wrong.length > 0) add('qc.social.utm_campaign', `Ad ${ad.key}: utm_campaign is "${wrong.join('", "')}" but must be ${allowed.join(' or ')}`);
  }
}

function queryOf(url: string): URLSearchParams {
  const start = url.indexOf('?');
  if (start < 0) return new URLSearchParams();
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end < 0 ? undefined : end));
}
