// A launch saga on real parts: the SQLite event log, the sandbox platforms on their own file,
// the SQLite document store for the saga's checkpoint, and a clock the test moves.
import { join } from 'node:path';
import { writeSide, type WriteSide } from '../../commands/aggregates.ts';
import { newCommandId } from '../../commands/eventIds.ts';
import { startLaunchSaga, type LaunchSaga, type LaunchSagaOptions } from '../../commands/processes/launchSaga.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { PlatformAccess, TenantAccount } from '../../commands/processes/performMutation.ts';
import { createRateLimiter, type RateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import { openSandboxPlatform, type SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { decodeEvent, type DecodedEvent } from '../../domain/decodeEvent.ts';
import { launchEventSchemas } from '../../domain/launch/events.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import { admin, approver, M, planner } from './harness.ts';
import { tempDir } from './tempDir.ts';

export const GOOGLE_ACCOUNT = '111-222-3333';
export const META_ACCOUNT = 'act_4455';

export interface Rig {
  readonly dir: string;
  readonly store: EventStore;
  readonly w: WriteSide;
  readonly sandbox: SandboxPlatform;
  readonly docs: ReadModelBackend;
  readonly limiter: RateLimiter;
  readonly errors: unknown[];
  saga?: LaunchSaga;
  clock: Date;
  advance(ms: number): void;
  passTime(ms: number): Promise<void>; // advance the clock, wake what waits for time, settle
  run(actor: Actor, type: string, data: Record<string, unknown>, tenantId?: string): Promise<{ position: bigint }>;
  attempt(actor: Actor, type: string, data: Record<string, unknown>, tenantId?: string): ReturnType<typeof sendCommand>;
  startSaga(checkpoints?: ReadModelBackend): LaunchSaga; // another store: a saga with no checkpoint
  settle(): Promise<void>; // the saga has read everything and every launch is at rest or waiting
  events(stream?: string): Promise<DecodedEvent[]>;
  close(): Promise<void>;
}

export async function launchRig(options: { readonly platformFor?: (p: Platform, sandbox: SandboxPlatform, account: TenantAccount) => ReturnType<PlatformAccess['platformFor']>; readonly callTimeoutMs?: number; readonly coordination?: LaunchSagaOptions['coordination']; readonly leaseRenewMs?: number } = {}): Promise<Rig> {
  const dir = tempDir('saga');
  const store = openSqliteEventStore(join(dir, 'events.db'));
  // The platforms keep the test's time too: their today decides which days have numbers.
  const sandbox = openSandboxPlatform(join(dir, 'sandbox.db'), { now: () => rig.clock });
  const docs = await openSqliteDocumentStore(join(dir, 'docs.db'));
  const limiter = createRateLimiter();
  const errors: unknown[] = [];
  const rig: Rig = {
    dir,
    store,
    sandbox,
    docs,
    limiter,
    errors,
    clock: new Date('2026-12-05T09:00:00.000Z'),
    w: undefined as unknown as WriteSide,
    advance(ms) {
      rig.clock = new Date(rig.clock.getTime() + ms);
    },
    async passTime(ms) {
      rig.advance(ms);
      rig.saga?.wakeWaiting();
      await rig.settle();
    },
    async attempt(actor, type, data, tenantId = 'acme') {
      return sendCommand(rig.w, { type, data, actor, tenantId, commandId: newCommandId() });
    },
    async run(actor, type, data, tenantId = 'acme') {
      const r = await rig.attempt(actor, type, data, tenantId);
      if (isDomainError(r)) throw new Error(`${type}: ${r.code} ${r.message}`);
      return { position: BigInt(r.position) };
    },
    startSaga(checkpoints = docs) {
      const platformFor = (p: Platform, account: TenantAccount) => (options.platformFor ? options.platformFor(p, sandbox, account) : p === 'google_ads' || p === 'meta' ? sandbox : undefined);
      rig.saga = startLaunchSaga({
        w: rig.w,
        platformFor,
        limiter,
        checkpoints,
        coordination: options.coordination ?? checkpoints,
        onError: (e) => void errors.push(e),
        ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
        ...(options.leaseRenewMs ? { leaseRenewMs: options.leaseRenewMs } : {}),
      });
      return rig.saga;
    },
    // The saga reads launch events only, so "caught up" is with the last of those.
    async settle() {
      let last = 0n;
      for await (const e of store.readAll({ filter: { eventTypes: Object.keys(launchEventSchemas) } })) last = e.position;
      await rig.saga?.idle(last);
    },
    async events(stream) {
      const out: DecodedEvent[] = [];
      for await (const e of stream ? store.readStream(stream) : store.readAll()) {
        const d = decodeEvent(e);
        if (!isDomainError(d)) out.push(d);
      }
      return out;
    },
    async close() {
      await rig.saga?.stop();
      await sandbox.close();
      await docs.close();
      await store.close();
    },
  };
  (rig as { w: WriteSide }).w = writeSide(store, () => rig.clock);
  return rig;
}

export interface ItemSpec {
  readonly id: string;
  readonly platform?: Platform;
  readonly objective?: string;
  readonly budget?: number; // whole EUR over the flight
  readonly creative?: boolean; // default true
  readonly flightStart?: string;
}

export const item = ({ id, platform = 'google_ads', objective = 'sales', budget = 620, creative = true, flightStart = '2026-12-01' }: ItemSpec) => ({
  lineItemId: id,
  name: `${platform} ${objective} ${id}`,
  platform,
  objective,
  budgetMicros: budget * M,
  currency: 'EUR',
  flightStart,
  flightEnd: '2026-12-31',
  ...(creative ? { creativeAssetId: `asset-${id}`, landingUrl: `https://shop.example/${id}` } : {}),
});

// A tenant ready to launch (tracking green, both platforms linked, no launch approval asked).
export async function seedTenant(rig: Rig, tenantId = 'acme', policy: Record<string, unknown> = {}): Promise<void> {
  await rig.run(admin, 'tenant.create', { name: `Tenant ${tenantId}`, currency: 'EUR', timezone: 'Europe/Istanbul' }, tenantId);
  await rig.run(admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: GOOGLE_ACCOUNT, accountName: 'Google' }, tenantId);
  await rig.run(admin, 'tenant.link_platform_account', { platform: 'meta', accountId: META_ACCOUNT, accountName: 'Meta' }, tenantId);
  await rig.run(admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4' }, tenantId);
  await rig.run(admin, 'tenant.set_approval_policy', { launchApproval: 'never', fourEyes: false, spendChangeThresholdPct: 20 }, tenantId);
  if (Object.keys(policy).length > 0) await rig.run(admin, 'tenant.set_execution_policy', { atomicLaunch: false, rollbackAction: 'pause', ...policy }, tenantId);
}

// Plan `planId` gets these line items as its next version, approved; then its launch is requested.
export async function launchVersion(rig: Rig, items: readonly ItemSpec[], o: { tenantId?: string; planId?: string; version?: number } = {}): Promise<{ position: bigint }> {
  const tenantId = o.tenantId ?? 'acme';
  const planId = o.planId ?? 'winter';
  const version = o.version ?? 1;
  if (version === 1) {
    await rig.run(planner, 'plan.create', { planId, name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 1_000_000 * M }, tenantId);
  }
  for (const spec of items) await rig.run(planner, 'plan.add_line_item', { planId, ...item(spec) }, tenantId);
  await rig.run(planner, 'plan.submit_version', { planId }, tenantId);
  await rig.run(approver, 'plan.approve_version', { planId, version }, tenantId);
  return rig.run(planner, 'launch.request', { planId, version }, tenantId);
}

export const stream = (version = 1, tenantId = 'acme', planId = 'winter') => `launch-${tenantId}.${planId}.v${version}`;
export const types = (events: readonly DecodedEvent[]) => events.map((e) => e.type);
// The data of every event of one type, in log order.
export const dataOf = (events: readonly DecodedEvent[], type: string) => events.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
