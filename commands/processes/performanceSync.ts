// The performance sync of one tenant: each linked account's daily ad-level numbers for a range
// of the tenant's days, fetched from its platform (platforms side by side) and recorded one
// event per (account, day). A day recorded with the same numbers records nothing; a day whose
// numbers changed (late conversions inside the lookback) is restated.
import { createHash, randomUUID } from 'node:crypto';
import type { DailyPerformanceRow } from '../../connectors/platforms/port.ts';
import type { PerformanceRow } from '../../domain/performance/syncEvents.ts';
import { dayHash } from '../../domain/performance/syncState.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { invalid, isDomainError, notFound, refuse, type DomainError } from '../../domain/shared/errors.ts';
import { isRealDate, localDate, type Platform } from '../../domain/shared/values.ts';
import { performanceStream, tenantStream } from '../../domain/streams.ts';
import { tenantAggregate, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';
import { sendCommand } from '../sendCommand.ts';
import type { PlatformAccess } from './performMutation.ts';

export const performanceSyncActor: Actor = { type: 'system', id: 'performance-sync', role: 'system' };
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export interface AccountSync {
  readonly platform: Platform;
  readonly accountId: string;
  readonly days: number;
  readonly recorded: number; // days seen for the first time
  readonly restated: number; // days whose numbers changed
  readonly unchanged: number;
  readonly error?: { readonly code: string; readonly message: string };
}

const daysOf = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

// Bad input is refused before any platform is asked and before anything is recorded.
async function checked(w: WriteSide, tenantId: string, from: string, to: string) {
  if (!isRealDate(from) || !isRealDate(to)) return invalid('performance.bad_range', 'from and to must be real dates as YYYY-MM-DD');
  if (to < from) return invalid('performance.bad_range', `The range ends (${to}) before it starts (${from})`);
  if (daysOf(from, to).length > MAX_DAYS) return invalid('performance.range_too_long', `A sync covers at most ${MAX_DAYS} days`);
  const tenant = await loadStream(w.store, tenantStream(tenantId), tenantAggregate, w.folds.tenant);
  if (isDomainError(tenant)) return tenant;
  if (!tenant.state.exists) return notFound('tenant.not_found', `Tenant ${tenantId} does not exist`);
  const today = localDate(w.now(), tenant.state.timezone);
  if (to > today) return refuse('performance.future_day', `${to} has not happened yet in the tenant's time zone (today is ${today})`);
  const accounts = Object.entries(tenant.state.accounts).flatMap(([platform, a]) => (a ? [{ platform: platform as Platform, accountId: a.accountId }] : []));
  if (accounts.length === 0) return refuse('performance.no_accounts', `Tenant ${tenantId} has no platform account linked, so there is nothing to sync`);
  return { tenant: tenant.state, accounts };
}

// `syncId` names this run in the audit events; a scheduler passes the slot's, a person's
// request gets a fresh one.
export async function syncTenantPerformance(w: WriteSide, access: PlatformAccess, tenantId: string, from: string, to: string, syncId = `sync-${randomUUID()}`): Promise<readonly AccountSync[] | DomainError> {
  const ok = await checked(w, tenantId, from, to);
  if (isDomainError(ok)) return ok;
  return Promise.all(
    ok.accounts.map(async (a) => {
      const audit = (type: string, data: Record<string, unknown>, step: string) =>
        sendCommand(w, { type, tenantId, commandId: `${syncId}:${a.platform}:${step}`, data: { ...a, syncId, ...data }, actor: performanceSyncActor });
      // Start, then the work, then how it ended: the spec's audit of every sync (§9.3).
      const started = await audit('performance.start_sync', { from, to }, 'start');
      if (isDomainError(started)) return { ...a, days: 0, recorded: 0, restated: 0, unchanged: 0, error: { code: started.code, message: started.message } };
      const result = await syncAccount(w, access, tenantId, a, ok.tenant.credentials[a.platform], from, to);
      const { days, recorded, restated, unchanged, error } = result;
      await audit('performance.finish_sync', { outcome: error ? { ok: false, ...error } : { ok: true, days, recorded, restated, unchanged } }, 'finish');
      return result;
    }),
  );
}

async function syncAccount(
  w: WriteSide,
  access: PlatformAccess,
  tenantId: string,
  { platform, accountId }: { platform: Platform; accountId: string },
  stored: { accountId: string; version: number } | undefined,
  from: string,
  to: string,
): Promise<AccountSync> {
  const base = { platform, accountId, days: 0, recorded: 0, restated: 0, unchanged: 0 };
  const failedWith = (e: { code: string; message: string }): AccountSync => ({ ...base, error: { code: e.code, message: e.message } });
  const port = await access.platformFor(platform, { tenantId, accountId, purpose: 'performance_sync', ...(stored?.accountId === accountId ? { credentialVersion: stored.version } : {}) });
  if (isDomainError(port)) return failedWith(port);
  if (!port) return failedWith({ code: 'platform.not_connected', message: `No ${platform} connector is configured` });
  await access.limiter.acquire(tenantId, platform);
  const fetched = await port.fetchDailyPerformance({ platform, accountId }, from, to).catch((e: unknown) => ({ ok: false as const, error: { code: 'platform.unavailable', message: String(e) } }));
  if (!fetched.ok) return failedWith(fetched.error);
  const stream = performanceStream(tenantId, platform, accountId);
  const counts = { recorded: 0, restated: 0, unchanged: 0 };
  const days = daysOf(from, to);
  for (const date of days) {
    const rows = fetched.value.filter((r) => r.date === date);
    const day = { platform, accountId, date, currency: rows[0]?.currency ?? '', attribution: rows[0]?.attribution ?? { window: 'platform default', reportTime: 'platform default' }, rows: rows.map(measures) };
    if (day.currency === '') {
      const anyRow = fetched.value[0];
      if (!anyRow) continue; // an account with no numbers at all in the range: nothing to say about its days
      day.currency = anyRow.currency;
    }
    const hash = dayHash(day);
    // The command id is the day's content: the same numbers again are one command, recorded once.
    const commandId = `perf:${createHash('sha256').update(`${stream}|${date}|${hash}`).digest('hex').slice(0, 40)}`;
    const sent = await sendCommand(w, { type: 'performance.record_day', tenantId, commandId, data: day, actor: performanceSyncActor });
    if (isDomainError(sent)) return { ...base, days: days.length, ...counts, error: { code: sent.code, message: sent.message } };
    const type = sent.duplicate ? undefined : sent.events[0]?.type;
    if (type === 'performance.synced') counts.recorded++;
    else if (type === 'performance.restated') counts.restated++;
    else counts.unchanged++;
  }
  return { ...base, days: days.length, ...counts };
}

const measures = (r: DailyPerformanceRow): PerformanceRow => ({
  campaignId: r.campaignId,
  campaignName: r.campaignName,
  adGroupId: r.adGroupId,
  adGroupName: r.adGroupName,
  adId: r.adId,
  adName: r.adName,
  impressions: r.impressions,
  reach: r.reach,
  clicks: r.clicks,
  costMicros: r.costMicros,
  conversions: r.conversions,
  conversionValueMicros: r.conversionValueMicros,
});
