// The spec's daily-sync-all-tenants (§7.1, §8.1): every tenant with a linked account is
// synced, three at a time, over its platforms' lookback window ending yesterday in the
// tenant's own time zone, so late conversions inside the window are restated (DESIGN §6).
// Tenants are listed from the log itself (tenant.created, then each tenant's stream), so
// the sync does not wait for, or trust, a projection. One tenant failing stops no other.
import { defaultLookbackDays, addDays } from '../../domain/performance/index.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { localDate, type Platform } from '../../domain/shared/values.ts';
import { tenantStream } from '../../domain/streams.ts';
import { tenantAggregate, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';
import { syncTenantPerformance } from './performanceSync.ts';
import type { PlatformAccess } from './performMutation.ts';
import type { WorkflowTask } from './workflows.ts';

export const DAILY_SYNC_PARALLELISM = 3; // the spec's "parallelism": 3
// A platform without a lookback of its own is re-synced as far back as the longest known one.
const LONGEST_LOOKBACK = Math.max(...Object.values(defaultLookbackDays));

export interface TenantToSync {
  readonly tenantId: string;
  readonly timezone: string;
  readonly platforms: readonly Platform[];
}

// The days to sync: the longest lookback of the tenant's platforms, ending the day before
// the slot's day in the tenant's time zone.
export function syncRange(slot: Date, tenant: TenantToSync): { readonly from: string; readonly to: string } {
  const today = localDate(slot, tenant.timezone);
  const lookback = Math.max(...tenant.platforms.map((p) => defaultLookbackDays[p] ?? LONGEST_LOOKBACK));
  return { from: addDays(today, -lookback), to: addDays(today, -1) };
}

export async function tenantsWithAccounts(w: WriteSide): Promise<TenantToSync[] | DomainError> {
  const ids = new Set<string>();
  for await (const e of w.store.readAll({ filter: { streamPrefixes: ['tenant-'], eventTypes: ['tenant.created'] } })) {
    const id = (e.data as { tenantId?: unknown }).tenantId;
    if (typeof id === 'string') ids.add(id);
  }
  const out: TenantToSync[] = [];
  for (const tenantId of [...ids].sort()) {
    const tenant = await loadStream(w.store, tenantStream(tenantId), tenantAggregate, w.folds.tenant);
    if (isDomainError(tenant)) return tenant;
    const platforms = Object.entries(tenant.state.accounts).flatMap(([p, a]) => (a ? [p as Platform] : []));
    if (tenant.state.exists && platforms.length > 0) out.push({ tenantId, timezone: tenant.state.timezone, platforms });
  }
  return out;
}

export function dailySyncTask(w: WriteSide, access: PlatformAccess, parallelism = DAILY_SYNC_PARALLELISM): WorkflowTask {
  return async ({ slot, runId }) => {
    const tenants = await tenantsWithAccounts(w);
    if (isDomainError(tenants)) return tenants;
    const failures: string[] = [];
    await inParallel(tenants, parallelism, async (tenant) => {
      const { from, to } = syncRange(slot, tenant);
      // The slot's id names the sync in each account's audit records (one per performance stream).
      const synced = await syncTenantPerformance(w, access, tenant.tenantId, from, to, runId).catch((e: unknown) => ({ code: 'sync.threw', message: String(e) }));
      const error = 'code' in synced ? synced : synced.find((a) => a.error)?.error;
      if (error) failures.push(`${tenant.tenantId} (${error.code})`);
    });
    const summary = `${tenants.length - failures.length} of ${tenants.length} tenant(s) synced`;
    if (failures.length === 0) return { summary };
    return { kind: 'unavailable', code: 'schedule.sync_incomplete', message: `${summary}; failed: ${failures.sort().join(', ')}` };
  };
}

// At most `limit` at once; each item's own errors are its to handle.
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
