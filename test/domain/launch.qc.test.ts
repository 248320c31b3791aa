// Pre-mutation QC: one refusal per rule (each names the one code it expects, so removing the
// rule fails it), all failures reported together, and the built tracking passing.
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { QcAd, QcInput, QcReason, TrackedPlatform, Tracking } from '../../domain/launch/index.ts';
import { campaignIdMacro, campaignName, containsUtm, launchBlockReasonSchema, kcidOf, kpvOf, qcCampaign, qcInputOf, trackingFor, trackedPlatforms } from '../../domain/launch/index.ts';
import type { CampaignSpec } from '../../connectors/platforms/port.ts';
import { objectives } from '../../domain/shared/values.ts';
import { aSpec } from '../support/platforms.ts';

const subject = { tenantId: 'acme', planId: 'plan1', version: 3 };
const anAd = (platform: TrackedPlatform, over: Partial<QcAd> = {}): QcAd => ({ key: 'a1', finalUrl: 'https://shop.example/spring?size=m', tracking: trackingFor(platform, subject), ...over });

function input(platform: TrackedPlatform, over: Partial<QcInput> = {}): QcInput {
  return {
    platform,
    tenantId: 'acme',
    objective: 'sales',
    version: 3,
    name: campaignName('acme', platform, 'sales', 3),
    ...(platform === 'google_ads' ? { autoTagging: true } : {}),
    ads: [anAd(platform)],
    ...over,
  };
}
const google = (tracking: Partial<Extract<Tracking, { mode: 'auto_tagging' }>>, ad: Partial<QcAd> = {}): QcInput => {
  const base = trackingFor('google_ads', subject);
  if (base.mode !== 'auto_tagging') throw new Error('Google tracking is auto-tagging');
  return input('google_ads', { ads: [anAd('google_ads', { ...ad, tracking: { ...base, ...tracking } })] });
};
const social = (platform: 'meta' | 'tiktok', urlTags: string, over: Partial<QcInput> = {}, ad: Partial<QcAd> = {}): QcInput =>
  input(platform, { ads: [anAd(platform, { ...ad, tracking: { mode: 'utm', urlTags } })], ...over });

const show = (reasons: readonly QcReason[]): string => JSON.stringify(reasons, null, 1);
const codes = (reasons: readonly QcReason[]): string[] => reasons.map((r) => r.code);

// Exactly the one code, so a spec cannot pass on another rule's refusal.
function thenRefused(reasons: readonly QcReason[], code: string, message?: RegExp): QcReason {
  assert.equal(codes(reasons), [code], `expected only ${code}, got ${show(reasons)}`);
  const reason = reasons[0]!;
  if (message) assert.match(reason.message, message);
  return reason;
}
const thenPasses = (reasons: readonly QcReason[]): void => assert.equal(reasons, [], `expected QC to pass, got ${show(reasons)}`);

const t = suite('launch QC: refusals, one per rule');

t('the built campaign passes QC on every tracked platform', () => {
  for (const platform of trackedPlatforms) thenPasses(qcCampaign(input(platform)));
});

t('naming: a name off the kobi_{tenant}_{platform}_{objective}_v{version} convention is refused', () => {
  const r = thenRefused(qcCampaign(input('meta', { name: 'kobi_acme_meta_sales_3' })), 'qc.naming', /kobi_acme_meta_sales_v3/);
  assert.is(r.platform, 'meta');
  thenRefused(qcCampaign(input('google_ads', { name: campaignName('other', 'google_ads', 'sales', 3) })), 'qc.naming');
  thenRefused(qcCampaign(input('google_ads', { name: campaignName('acme', 'google_ads', 'leads', 3) })), 'qc.naming');
});

t('Google: auto-tagging off on the account is refused, and so is a setting nobody read', () => {
  thenRefused(qcCampaign(input('google_ads', { autoTagging: false })), 'qc.google.auto_tagging', /off/);
  thenRefused(qcCampaign(input('google_ads', { autoTagging: undefined })), 'qc.google.auto_tagging', /not checked/);
});

t('Google: utm_ in the final URL, the suffix, a custom parameter value or name is refused', () => {
  thenRefused(qcCampaign(google({}, { finalUrl: 'https://shop.example/?utm_source=google' })), 'qc.google.utm', /final URL/);
  thenRefused(qcCampaign(google({ finalUrlSuffix: 'kcid={_kcid}&utm_medium=cpc' })), 'qc.google.utm', /suffix/);
  thenRefused(qcCampaign(google({ customParameters: { kcid: 'acme', kpv: 'utm_x' } })), 'qc.google.utm', /custom parameter kpv/);
  thenRefused(qcCampaign(google({ customParameters: { kcid: 'acme', kpv: 'p.v3', utm_term: 'x' } })), 'qc.google.utm', /custom parameter utm_term/);
});

t('Google: utm_ is found in any case and behind percent-encoding', () => {
  for (const url of ['https://s.example/?UTM_Source=g', 'https://s.example/?utm%5Fsource=g', 'https://s.example/?%75tm_source=g', 'https://s.example/?utm%255fsource=g', 'https://s.example/x#uTm%5F']) {
    thenRefused(qcCampaign(google({}, { finalUrl: url })), 'qc.google.utm');
  }
  assert.not.ok(containsUtm('https://s.example/utm-guide?q=%ZZ%5'), 'a malformed escape and utm- are not utm_');
});

t('Google: kcid and kpv must both be present and non-empty', () => {
  thenRefused(qcCampaign(google({ customParameters: { kpv: 'plan1.v3' } })), 'qc.google.custom_parameters', /kcid/);
  thenRefused(qcCampaign(google({ customParameters: { kcid: 'acme', kpv: '  ' } })), 'qc.google.custom_parameters', /kpv/);
});

t('Google: an ad tracked by utm_ tags instead of auto-tagging is refused', () => {
  const reasons = qcCampaign(input('google_ads', { ads: [anAd('google_ads', { tracking: { mode: 'utm', urlTags: 'src=g' } })] }));
  assert.equal(codes(reasons), ['qc.google.tracking_mode', 'qc.google.custom_parameters'], show(reasons));
});

t('social: utm_source, utm_medium and utm_campaign must each be in the URL tags', () => {
  const all = { utm_source: 'facebook', utm_medium: 'paid_social', utm_campaign: '{{campaign.id}}' };
  for (const name of Object.keys(all)) {
    const tags = Object.entries(all).filter(([k]) => k !== name).map(([k, v]) => `${k}=${v}`).join('&');
    thenRefused(qcCampaign(social('meta', tags)), 'qc.social.utm_missing', new RegExp(name));
    thenRefused(qcCampaign(social('meta', `${tags}&${name}=`)), 'qc.social.utm_missing', new RegExp(name));
  }
});

t('social: utm_campaign must be the platform campaign id macro before the campaign exists', () => {
  const tags = (campaign: string) => `utm_source=facebook&utm_medium=paid_social&utm_campaign=${campaign}`;
  thenRefused(qcCampaign(social('meta', tags('spring_sale'))), 'qc.social.utm_campaign', /\{\{campaign\.id\}\}/);
  thenRefused(qcCampaign(social('meta', tags('120200000001'))), 'qc.social.utm_campaign');
  thenRefused(qcCampaign(social('tiktok', tags('{{campaign.id}}'))), 'qc.social.utm_campaign', /__CAMPAIGN_ID__/);
  thenPasses(qcCampaign(social('tiktok', tags('__CAMPAIGN_ID__'))));
  thenPasses(qcCampaign(social('meta', tags('%7B%7Bcampaign.id%7D%7D'))));
});

t('social: once the campaign exists its own id is right too, another id is not', () => {
  const tags = (campaign: string) => `utm_source=facebook&utm_medium=paid_social&utm_campaign=${campaign}`;
  thenPasses(qcCampaign(social('meta', tags('120200000001'), { platformCampaignId: '120200000001' })));
  thenRefused(qcCampaign(social('meta', tags('120200000002'), { platformCampaignId: '120200000001' })), 'qc.social.utm_campaign');
});

t('social: a second utm_campaign in the final URL must be right as well', () => {
  const tags = trackingFor('meta', subject);
  if (tags.mode !== 'utm') return assert.unreachable('Meta tracking is utm');
  thenRefused(qcCampaign(social('meta', tags.urlTags, {}, { finalUrl: 'https://shop.example/?utm_campaign=spring#top' })), 'qc.social.utm_campaign', /spring/);
});

t('social: an ad tracked by auto-tagging is refused', () => {
  thenRefused(qcCampaign(input('meta', { ads: [anAd('meta', { tracking: trackingFor('google_ads', subject) })] })), 'qc.social.tracking_mode');
});

t('DV360 has no tracking rule yet, so nothing goes out unchecked', () => {
  const reasons = qcCampaign({ ...input('meta'), platform: 'dv360', name: campaignName('acme', 'dv360', 'sales', 3) });
  thenRefused(reasons, 'qc.untracked_platform');
});

t.run();

const all = suite('launch QC: every failure is reported');

all('a campaign failing several rules on several ads lists each one', () => {
  const bad = anAd('google_ads', { key: 'a2', finalUrl: 'https://s.example/?utm_source=g', tracking: { mode: 'auto_tagging', customParameters: {} } });
  const reasons = qcCampaign(input('google_ads', { name: 'spring', autoTagging: false, ads: [anAd('google_ads'), bad, { ...bad, key: 'a3' }] }));
  assert.equal(codes(reasons), ['qc.naming', 'qc.google.auto_tagging', 'qc.google.utm', 'qc.google.custom_parameters', 'qc.google.utm', 'qc.google.custom_parameters'], show(reasons));
  assert.ok(reasons.every((r) => r.platform === 'google_ads'));
  assert.match(reasons[2]!.message, /Ad a2/);
  assert.match(reasons[4]!.message, /Ad a3/);
});

all('a social ad missing a tag and carrying a wrong utm_campaign gets both reasons', () => {
  const reasons = qcCampaign(social('meta', 'utm_medium=paid_social&utm_campaign=spring'));
  assert.equal(codes(reasons), ['qc.social.utm_missing', 'qc.social.utm_campaign'], show(reasons));
});

all('every reason fits a launch.blocked reason, so the saga can record it as it is', () => {
  const bad = anAd('google_ads', { finalUrl: 'https://s.example/?utm_source=g', tracking: { mode: 'utm', urlTags: 'utm_campaign=x' } });
  const reasons = [...qcCampaign(input('google_ads', { name: 'x', autoTagging: undefined, ads: [bad] })), ...qcCampaign(social('meta', 'a=b', { name: 'y' }))];
  assert.ok(reasons.length >= 5, show(reasons));
  for (const reason of reasons) assert.ok(launchBlockReasonSchema.safeParse(reason).success, show([reason]));
});

all.run();

const built = suite('launch QC: built tracking');

built('kcid is the tenant and kpv the plan version, in id characters only', () => {
  assert.is(kcidOf(subject), 'acme');
  assert.is(kpvOf(subject), 'plan1.v3');
  assert.equal(trackingFor('google_ads', subject), { mode: 'auto_tagging', finalUrlSuffix: 'kcid={_kcid}&kpv={_kpv}', customParameters: { kcid: 'acme', kpv: 'plan1.v3' } });
  assert.equal(trackingFor('meta', subject), { mode: 'utm', urlTags: 'utm_source=facebook&utm_medium=paid_social&utm_campaign={{campaign.id}}&utm_content={{ad.id}}' });
});

// The saga's way: every ad of a spec gets the tracking trackingFor builds from the spec's key.
const withBuiltTracking = (spec: CampaignSpec): CampaignSpec => {
  const tracking = trackingFor(spec.key.platform as TrackedPlatform, spec.key);
  return { ...spec, adGroups: spec.adGroups.map((g) => ({ ...g, ads: g.ads.map((ad) => ({ ...ad, tracking })) })) };
};

built('a CampaignSpec with built tracking passes, read through qcInputOf', () => {
  for (const platform of trackedPlatforms) {
    const spec = aSpec({ platform, accountId: 'acc', tenantId: 'acme', planId: 'plan9', version: 4 });
    const qc = qcInputOf(withBuiltTracking(spec), { autoTagging: true });
    assert.is(qc.ads.length, 2);
    thenPasses(qcCampaign(qc));
  }
});

built('qcInputOf carries what the platform told: auto-tagging off on the account is refused', () => {
  const spec = aSpec({ platform: 'google_ads', accountId: 'acc', tenantId: 'acme' });
  thenRefused(qcCampaign(qcInputOf(withBuiltTracking(spec), { autoTagging: false })), 'qc.google.auto_tagging');
});

const id = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);

built('property: built tracking passes for any tenant, plan, version and objective', () => {
  const objective = fc.constantFrom(...objectives);
  fc.assert(
    fc.property(fc.constantFrom(...trackedPlatforms), id, id, fc.integer({ min: 1, max: 10_000 }), objective, (platform, tenantId, planId, version, obj) => {
      const tracking = trackingFor(platform, { tenantId, planId, version });
      const reasons = qcCampaign({ platform, tenantId, objective: obj, version, name: campaignName(tenantId, platform, obj, version), autoTagging: true, ads: [{ key: 'a', finalUrl: 'https://s.example/p', tracking }] });
      // An id with utm_ in it would make kcid carry utm_, which Google refuses; such a tenant id is a finding, not noise.
      if (platform === 'google_ads' && (containsUtm(tenantId) || containsUtm(planId))) return codes(reasons).join() === 'qc.google.utm';
      return reasons.length === 0;
    }),
  );
});

built.run();

const prop = suite('launch QC: properties of the Google utm_ rule');

// utm_ spelled in any case, each character possibly percent-encoded once or twice, with
// either case of hex digit.
const hex = (c: string, upper: boolean): string => {
  const h = c.charCodeAt(0).toString(16);
  return `%${upper ? h.toUpperCase() : h}`;
};
const spelledChar = (c: string) =>
  fc.tuple(fc.boolean(), fc.constantFrom('plain', 'once', 'twice'), fc.boolean()).map(([upperCase, encoding, upperHex]) => {
    const ch = upperCase ? c.toUpperCase() : c;
    if (encoding === 'plain') return ch;
    const once = hex(ch, upperHex);
    return encoding === 'once' ? once : `%25${once.slice(1)}`;
  });
const utmSpelled = fc.tuple(spelledChar('u'), spelledChar('t'), spelledChar('m'), spelledChar('_')).map((cs) => cs.join(''));
const safe = fc.stringMatching(/^[a-tv-z0-9=&./-]{0,12}$/); // no 'u' and no '%': cannot spell utm_
const place = fc.constantFrom('path', 'key', 'value', 'fragment');
const urlWith = (token: string, where: string, a: string, b: string): string =>
  where === 'path' ? `https://shop.example/${a}${token}${b}` : where === 'key' ? `https://shop.example/p?${a}${token}source=x` : where === 'value' ? `https://shop.example/p?q=${a}${token}${b}` : `https://shop.example/p#${a}${token}${b}`;

prop('any final URL with utm_ in any case or encoding is refused', () => {
  fc.assert(
    fc.property(utmSpelled, place, safe, safe, (token, where, a, b) => {
      return codes(qcCampaign(google({}, { finalUrl: urlWith(token, where, a, b) }))).join() === 'qc.google.utm';
    }),
    { numRuns: 500 },
  );
});

prop('any suffix or custom parameter with utm_ in any case or encoding is refused', () => {
  fc.assert(
    fc.property(utmSpelled, safe, fc.boolean(), (token, a, inSuffix) => {
      const tracking = inSuffix ? { finalUrlSuffix: `${a}${token}x=1` } : { customParameters: { kcid: 'acme', kpv: 'p.v3', [`k${a}`]: `${token}${a}` } };
      return codes(qcCampaign(google(tracking))).join() === 'qc.google.utm';
    }),
    { numRuns: 300 },
  );
});

prop('social: any utm_campaign but the macro or the campaign id is refused', () => {
  fc.assert(
    fc.property(fc.constantFrom('meta' as const, 'tiktok' as const), fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('{{campaign.id}}', '__CAMPAIGN_ID__', '123456')), fc.option(fc.constantFrom('123456', '120200000001'), { nil: undefined }), (platform, value, id) => {
      const tags = `utm_source=s&utm_medium=paid_social&utm_campaign=${encodeURIComponent(value)}`;
      const reasons = codes(qcCampaign(social(platform, tags, { platformCampaignId: id })));
      const right = value === campaignIdMacro[platform] || value === id;
      if (value.trim() === '') return reasons.join() === 'qc.social.utm_missing';
      return reasons.join() === (right ? '' : 'qc.social.utm_campaign');
    }),
    { numRuns: 300 },
  );
});

prop('a URL that cannot spell utm_ is not refused for it', () => {
  fc.assert(fc.property(safe, safe, place, (a, b, where) => qcCampaign(google({}, { finalUrl: urlWith('', where, a, b) })).length === 0));
});

prop.run();
