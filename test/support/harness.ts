import { suite } from 'uvu';
import { tempDir } from './tempDir.ts';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { writeSide, type WriteSide } from '../../commands/aggregates.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { newCommandId } from '../../commands/eventIds.ts';

export const admin: Actor = { type: 'user', id: 'ada', role: 'agency-admin' };
export const planner: Actor = { type: 'user', id: 'maria', role: 'agency-user' };
export const approver: Actor = { type: 'user', id: 'ben', role: 'client-admin' };
export const viewer: Actor = { type: 'user', id: 'vic', role: 'client-viewer' };
export const M = 1_000_000;

export interface Harness {
  dir: string;
  path: string;
  store: EventStore;
  deps: WriteSide;
  run(actor: Actor, type: string, data: unknown, options?: { tenantId?: string; commandId?: string }): ReturnType<typeof sendCommand>;
  all(): Promise<RecordedEvent[]>;
}

export function harness(): Harness {
  const dir = tempDir('test');
  const path = join(dir, 'events.db');
  const store = openSqliteEventStore(path);
  const deps = writeSide(store);
  return {
    dir,
    path,
    store,
    deps,
    run: (actor, type, data, options = {}) =>
      sendCommand(deps, { type, data, actor, tenantId: options.tenantId ?? 'acme', commandId: options.commandId ?? newCommandId() }),
    async all() {
      const out: RecordedEvent[] = [];
      for await (const e of store.readAll()) out.push(e);
      return out;
    },
  };
}

export const lineItem = (lineItemId: string, platform = 'google_ads', objective = 'sales', budget = 1000) => ({
  lineItemId,
  name: `${platform} ${objective}`,
  platform,
  objective,
  budgetMicros: budget * M,
  currency: 'EUR',
  flightStart: '2026-12-01',
  flightEnd: '2026-12-31',
});

// A tenant with tracking green and both platforms linked, and a plan with one version submitted by maria.
export async function seedSubmittedPlan(h: Harness, planId = 'winter'): Promise<void> {
  const steps: [Actor, string, unknown][] = [
    [admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' }],
    [admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: '111-222-3333', accountName: 'Acme Google' }],
    [admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
    [planner, 'plan.create', { planId, name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 10_000 * M }],
    [planner, 'plan.add_line_item', { planId, ...lineItem('search') }],
    [planner, 'plan.submit_version', { planId }],
  ];
  for (const [actor, type, data] of steps) {
    const r = await h.run(actor, type, data);
    if ('kind' in r) throw new Error(`seed ${type}: ${r.code} ${r.message}`);
  }
}

// A suite whose every test gets a fresh harness, closed after the test whatever happened
// in it (a failed assertion included), so a failure never leaves a store open.
export function harnessSuite(name: string) {
  const t = suite<{ h: Harness }>(name);
  t.before.each((ctx) => {
    ctx.h = harness();
  });
  t.after.each(async ({ h }) => h.store.close());
  return t;
}
