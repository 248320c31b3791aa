// What the sandbox refuses before it stores anything, as the real platforms would. Pure.
// Each limit is named so a refusal can be traced to its source (or to a sandbox choice).
import { GOOGLE_MIN_CURRENCY_UNIT_MICROS, minDailyBudgetMicros } from '../../../domain/launch/platformLimits.ts';
import { isoDateSchema, type Objective, type Platform } from '../../../domain/shared/values.ts';
import type { AdSpec, Budget, CampaignSpec, Flight, PlatformError } from '../port.ts';
import { platformError } from '../port.ts';

export const sandboxPlatforms: readonly Platform[] = ['google_ads', 'meta'];

// Google Ads: names of 255 characters at most, else StringLengthError.TOO_LONG
// (developers.google.com/google-ads/api/docs/best-practices/system-limits, "Name length").
export const GOOGLE_NAME_MAX = 255;
// Meta: 400 characters, the value the Step 5 brief gives; not found in a Meta reference
// we could read here, so it is a sandbox choice until the Meta adapter slice confirms it.
export const META_NAME_MAX = 400;
// Google custom parameter keys: letters and digits, at most 16 characters.
const GOOGLE_CUSTOM_PARAMETER_KEY = /^[A-Za-z0-9]{1,16}$/;

const DAY_MS = 86_400_000;
export const flightDays = (flight: Flight): number => Math.round((Date.parse(flight.endDate) - Date.parse(flight.startDate)) / DAY_MS) + 1;

const invalid = (message: string, platformMessage: string): PlatformError => platformError('platform.invalid', message, { platformMessage });

export function checkFlight(flight: Flight): PlatformError | undefined {
  if (!isoDateSchema.safeParse(flight.startDate).success || !isoDateSchema.safeParse(flight.endDate).success)
    return invalid(`Flight dates must be real YYYY-MM-DD dates, got ${flight.startDate}..${flight.endDate}`, 'DateError.INVALID_FIELD_VALUES_IN_DATE');
  if (flight.endDate < flight.startDate) return invalid(`Flight ends (${flight.endDate}) before it starts (${flight.startDate})`, 'DateRangeError.END_DATE_BEFORE_START_DATE');
  return undefined;
}

export function checkBudget(platform: Platform, objective: Objective, budget: Budget, flight: Flight): PlatformError | undefined {
  if (!/^[A-Z]{3}$/.test(budget.currency)) return invalid(`Currency ${budget.currency} is not an ISO 4217 code`, 'CurrencyCodeError.UNSUPPORTED');
  if (!Number.isSafeInteger(budget.amountMicros) || budget.amountMicros <= 0) return invalid(`Budget must be a positive whole number of micros, got ${budget.amountMicros}`, 'FieldError.INVALID_VALUE');
  if (platform === 'google_ads' && budget.amountMicros % GOOGLE_MIN_CURRENCY_UNIT_MICROS !== 0)
    return invalid(`Google Ads budgets are whole cents (${GOOGLE_MIN_CURRENCY_UNIT_MICROS} micros), got ${budget.amountMicros}`, 'CampaignBudgetError.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT');
  const perDay = budget.period === 'daily' ? budget.amountMicros : Math.floor(budget.amountMicros / flightDays(flight));
  const min = minDailyBudgetMicros(platform, objective);
  if (perDay < min)
    return platformError('platform.budget_rejected', `Budget of ${perDay} micros a day is below the ${platform} minimum of ${min}`, {
      platformMessage: platform === 'google_ads' ? 'CampaignBudgetError.MONEY_AMOUNT_TOO_SMALL' : '(#100) Your budget is too low. The minimum daily budget for this ad set is higher.',
      details: { perDayMicros: perDay, minimumMicros: min },
    });
  return undefined;
}

function checkAd(platform: Platform, ad: AdSpec): PlatformError | undefined {
  if (!URL.canParse(ad.finalUrl) || !/^https?:$/.test(new URL(ad.finalUrl).protocol)) return invalid(`Ad ${ad.key}: final URL ${ad.finalUrl} is not an http(s) URL`, 'UrlFieldError.INVALID_URL');
  if (platform === 'google_ads') {
    if (ad.tracking.mode !== 'auto_tagging') return invalid(`Ad ${ad.key}: Google Ads ads are tracked by auto-tagging, not ${ad.tracking.mode}`, 'FieldError.INVALID_VALUE');
    const texts = [ad.finalUrl, ad.tracking.finalUrlSuffix ?? '', ...Object.values(ad.tracking.customParameters)];
    if (texts.some((t) => /utm_/i.test(t))) return invalid(`Ad ${ad.key}: Google Ads URLs must carry no utm_ parameters (auto-tagging tracks them)`, 'UrlFieldError.INVALID_TAG_IN_FINAL_URL_SUFFIX');
    const badKey = Object.keys(ad.tracking.customParameters).find((k) => !GOOGLE_CUSTOM_PARAMETER_KEY.test(k));
    if (badKey !== undefined) return invalid(`Ad ${ad.key}: custom parameter key ${badKey} must be 1-16 letters or digits`, 'CustomParameterError.KEY_INVALID');
    return undefined;
  }
  if (ad.tracking.mode !== 'utm') return invalid(`Ad ${ad.key}: Meta ads carry utm_ url tags, not ${ad.tracking.mode}`, '(#100) Invalid parameter');
  if (!new URLSearchParams(ad.tracking.urlTags).has('utm_campaign')) return invalid(`Ad ${ad.key}: url tags must set utm_campaign`, '(#100) Invalid parameter: url_tags');
  return undefined;
}

const duplicate = (keys: readonly string[]): string | undefined => keys.find((k, i) => keys.indexOf(k) !== i);

export function checkSpec(spec: CampaignSpec): PlatformError | undefined {
  const platform = spec.key.platform;
  if (!sandboxPlatforms.includes(platform)) return invalid(`The sandbox simulates ${sandboxPlatforms.join(' and ')}, not ${platform}`, 'unsupported platform');
  const max = platform === 'google_ads' ? GOOGLE_NAME_MAX : META_NAME_MAX;
  if (spec.name.trim() === '' || /[\n\r\0]/.test(spec.name)) return invalid('A campaign name must be non-empty and on one line', 'StringFormatError.ILLEGAL_CHARS');
  if (spec.name.length > max) return invalid(`Campaign name has ${spec.name.length} characters; ${platform} allows ${max}`, platform === 'google_ads' ? 'StringLengthError.TOO_LONG' : '(#100) name is too long');
  const flight = checkFlight(spec.flight);
  if (flight) return flight;
  const budget = checkBudget(platform, spec.objective, spec.budget, spec.flight);
  if (budget) return budget;
  if (spec.adGroups.length === 0) return invalid('A campaign needs at least one ad group / ad set', 'CampaignError.EMPTY');
  const groupKey = duplicate(spec.adGroups.map((g) => g.key));
  if (groupKey !== undefined) return invalid(`Ad group key ${groupKey} appears twice`, 'FieldError.DUPLICATE');
  for (const group of spec.adGroups) {
    if (group.name.length === 0 || group.name.length > max) return invalid(`Ad group ${group.key}: name must have 1-${max} characters`, 'StringLengthError.TOO_LONG');
    if (group.ads.length === 0) return invalid(`Ad group ${group.key} needs at least one ad`, 'AdGroupError.EMPTY');
    const adKey = duplicate(group.ads.map((a) => a.key));
    if (adKey !== undefined) return invalid(`Ad key ${adKey} appears twice in ad group ${group.key}`, 'FieldError.DUPLICATE');
    for (const ad of group.ads) {
      const refusal = checkAd(platform, ad);
      if (refusal) return refusal;
    }
  }
  return undefined;
}
