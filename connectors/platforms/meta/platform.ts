// The Meta adapter of the platform port, on facebook-nodejs-business-sdk (Graph v24.0).
// Every operation resolves to a value; nothing Meta or the network does is thrown out.
import { z } from 'zod';
import type { AccountRef, CampaignRef, CampaignState, PlatformOutcome, PlatformPort } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { ensureSpec, validateSpec, type EnsureContext } from './ensure.ts';
import { defaultSleep, openGraph, type Json } from './graph.ts';
import { dailyPerformance } from './insights.ts';
import { listByPrefix, notFound, readTree, stateOf } from './reads.ts';
import type { Usage } from './usage.ts';
import { campaignWrites } from './writes.ts';

export const metaConfigSchema = z.strictObject({
  accessToken: z.string().min(1), // a system user's token
  appSecret: z.string().min(1).optional(), // when set, every call carries appsecret_proof
  pageId: z.string().min(1), // the Facebook page the link ads run from
});
export type MetaConfig = z.infer<typeof metaConfigSchema>;

export interface MetaOptions {
  readonly retryDelaysMs?: readonly number[]; // default 1 s, 2 s, 4 s
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly asyncInsightsAfterDays?: number; // default 31
  readonly pollIntervalMs?: number;
  readonly maxPolls?: number;
  readonly usageThresholdPercent?: number; // default 75
  readonly slowdownMs?: number; // spacing between calls above the threshold; default 2 s
  readonly targeting?: Json; // the ad sets' targeting until plans carry their own
  readonly conversionActionTypes?: readonly string[];
}

export interface MetaPlatform extends PlatformPort {
  // The last usage Meta reported, for a caller that feeds its rate limiter (pause) with it.
  usage(): Usage | undefined;
}

export function openMetaPlatform(config: MetaConfig, options: MetaOptions = {}): MetaPlatform {
  const { accessToken, appSecret, pageId } = metaConfigSchema.parse(config);
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const graph = openGraph({
    accessToken,
    ...(appSecret ? { appSecret } : {}),
    retryDelaysMs: options.retryDelaysMs ?? [1000, 2000, 4000],
    usageThresholdPercent: options.usageThresholdPercent ?? 75,
    slowdownMs: options.slowdownMs ?? 2000,
    sleep,
    now: () => now().getTime(),
  });
  const currencies = new Map<string, string>();

  async function readAccount(account: AccountRef) {
    const read = await graph.get([account.accountId], { fields: 'account_id,currency,name' });
    if (!read.ok) return read;
    const currency = String(read.value.currency ?? '');
    if (currency) currencies.set(account.accountId, currency);
    return ok({ platform: 'meta' as const, accountId: account.accountId, ...(currency ? { currency } : {}) });
  }
  async function currencyOf(accountId: string): Promise<PlatformOutcome<{ readonly currency: string }>> {
    const known = currencies.get(accountId);
    if (known) return ok({ currency: known });
    const read = await readAccount({ platform: 'meta', accountId });
    if (!read.ok) return read;
    return read.value.currency ? ok({ currency: read.value.currency }) : failed(platformError('platform.invalid', `Ad account ${accountId} has no currency`));
  }
  const ctx: EnsureContext = { graph, pageId, targeting: options.targeting ?? { geo_locations: { countries: ['DE'] } }, account: currencyOf };

  async function readCampaign(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>> {
    const tree = await readTree(graph, ref.campaignId);
    if (!tree.ok) return failed(tree.error);
    if (`act_${String(tree.value.campaign.account_id ?? '')}` !== ref.accountId) return notFound(ref);
    const currency = await currencyOf(ref.accountId);
    return currency.ok ? ok(stateOf(ref, currency.value.currency, tree.value)) : failed(currency.error);
  }

  const writes = campaignWrites({ graph, readCampaign });

  // The port's promise: whatever happens below, a value comes back.
  const guard =
    <A extends unknown[], T>(work: (...args: A) => Promise<PlatformOutcome<T>>) =>
    async (...args: A): Promise<PlatformOutcome<T>> => {
      try {
        return await work(...args);
      } catch (error) {
        return failed(platformError('platform.unavailable', 'The Meta adapter failed unexpectedly', { platformMessage: (error as { name?: string } | null)?.name ?? 'unknown' }));
      }
    };

  return {
    name: 'meta',
    platforms: ['meta'],
    readAccount: guard(readAccount),
    ensureCampaign: guard((spec) => ensureSpec(ctx, spec)),
    validate: guard((spec) => validateSpec(ctx, spec)),
    pause: guard((ref) => writes.setStatus(ref, 'paused')),
    resume: guard((ref) => writes.setStatus(ref, 'enabled')),
    remove: guard((ref) => writes.setStatus(ref, 'removed')),
    setBudget: guard(writes.setBudget),
    readCampaign: guard(readCampaign),
    listCampaigns: guard(async (account: AccountRef, namePrefix: string) => {
      const listed = await listByPrefix(graph, account.accountId, namePrefix);
      if (!listed.ok) return listed;
      const states = [];
      for (const c of listed.value) {
        const state = await readCampaign({ ...account, campaignId: String(c.id) });
        if (!state.ok) return state;
        states.push(state.value);
      }
      return ok(states);
    }),
    fetchDailyPerformance: guard(async (account: AccountRef, fromDate: string, toDate: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate) || !/^\d{4}-\d{2}-\d{2}$/.test(toDate) || toDate < fromDate)
        return failed(platformError('platform.invalid', `A performance range is two YYYY-MM-DD dates in order, got ${fromDate}..${toDate}`));
      const currency = await currencyOf(account.accountId);
      if (!currency.ok) return currency;
      return dailyPerformance(graph, {
        asyncAfterDays: options.asyncInsightsAfterDays ?? 31,
        pollIntervalMs: options.pollIntervalMs ?? 5000,
        maxPolls: options.maxPolls ?? 120,
        conversionActionTypes: options.conversionActionTypes ?? ['purchase', 'lead'],
        sleep,
      }, account, currency.value.currency, fromDate, toDate);
    }),
    close: async () => undefined,
    usage: () => graph.usage(),
  };
}
