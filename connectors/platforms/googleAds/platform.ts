// The Google Ads adapter of the platform port, on google-ads-api 24.1.0 (Google Ads API v24):
// mutations over gRPC (GoogleAdsService.Mutate), reads over the library's REST GAQL calls.
// Every call resolves to a value; nothing the library throws leaves the port.
import type { AccountRef, PlatformOutcome, PlatformPort } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { customerFactory } from './client.ts';
import { DEFAULT_RETRY_DELAYS_MS, googleAdsConfigSchema, type GoogleAdsConfig, type GoogleAdsOptions } from './config.ts';
import { ensureCampaign, validate } from './ensure.ts';
import { readAccountRow } from './lookup.ts';
import { fetchDailyPerformance } from './performance.ts';
import { readCampaigns } from './readBack.ts';
import { startsWithPattern } from './gaql.ts';
import { call, type RetryPolicy } from './retry.ts';
import { readCampaign, setBudget, setStatus } from './writes.ts';

const elsewhere = (platform: string) => platformError('platform.invalid', `The Google Ads adapter serves google_ads, not ${platform}`);

// Opening checks the configuration (a bad value throws, at start-up) and calls nothing.
export function openGoogleAdsPlatform(config: GoogleAdsConfig, options: GoogleAdsOptions = {}): PlatformPort {
  const customerFor = customerFactory(googleAdsConfigSchema.parse(config));
  const policy: RetryPolicy = { delaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS };
  const guard = <T>(account: AccountRef, run: () => Promise<PlatformOutcome<T>>): Promise<PlatformOutcome<T>> =>
    account.platform === 'google_ads' ? run() : Promise.resolve(failed(elsewhere(account.platform)));

  return {
    name: 'google_ads',
    platforms: ['google_ads'],

    // Auto-tagging is read from the account (customer.auto_tagging_enabled), never assumed.
    readAccount: (account) =>
      guard(account, async () => {
        const read = await call(`Reading account ${account.accountId}`, () => readAccountRow(customerFor(account.accountId)), policy);
        if (!read.ok) return read;
        if (!read.value) return failed(platformError('platform.not_found', `No google_ads account ${account.accountId}`));
        return ok({ ...account, ...(read.value.currency === undefined ? {} : { currency: read.value.currency }), autoTagging: read.value.autoTagging });
      }),

    ensureCampaign: (spec) => guard({ platform: spec.key.platform, accountId: spec.accountId }, () => ensureCampaign(customerFor(spec.accountId), spec, policy)),
    validate: (spec) => guard({ platform: spec.key.platform, accountId: spec.accountId }, () => validate(customerFor(spec.accountId), spec, policy)),
    pause: (ref) => guard(ref, () => setStatus(customerFor(ref.accountId), ref, 'paused', policy)),
    resume: (ref) => guard(ref, () => setStatus(customerFor(ref.accountId), ref, 'enabled', policy)),
    remove: (ref) => guard(ref, () => setStatus(customerFor(ref.accountId), ref, 'removed', policy)),
    setBudget: (ref, budget) => guard(ref, () => setBudget(customerFor(ref.accountId), ref, budget, policy)),
    readCampaign: (ref) => guard(ref, () => readCampaign(customerFor(ref.accountId), ref, policy)),

    listCampaigns: (account, namePrefix) =>
      guard(account, async () => {
        const where = `campaign.name LIKE ${startsWithPattern(namePrefix)}`;
        const read = await call(`Listing campaigns named ${namePrefix}…`, () => readCampaigns(customerFor(account.accountId), account.accountId, where), policy);
        return read.ok ? ok(read.value.map((f) => f.state).filter((c) => c.name.startsWith(namePrefix))) : read;
      }),

    fetchDailyPerformance: (account, fromDate, toDate) => guard(account, () => fetchDailyPerformance(customerFor(account.accountId), account, fromDate, toDate, policy)),

    // The library keeps its gRPC clients in a module-level cache for 10 minutes and closes
    // them itself; an adapter has nothing of its own to close.
    close: async () => undefined,
  };
}
