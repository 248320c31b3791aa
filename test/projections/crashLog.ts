// A realistic event log, fast: a few template tenants go through the real command pipeline
// (so every event is one the domain really writes, with the pipeline's metadata), then the
// template is copied under fresh tenant ids and fresh event ids, appended in large group
// commits straight to the event store. Used by the crash test and bench/projections.ts.
import { join } from 'node:path';
import type { EventStore, NewEvent, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { writeSide } from '../../commands/aggregates.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { eventIdFor, newCommandId } from '../../commands/eventIds.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { tempDir } from '../support/tempDir.ts';

const admin: Actor = { type: 'user', id: 'ada.admin', role: 'agency-admin' };
const planner: Actor = { type: 'user', id: 'maria.planner', role: 'agency-user' };
const approver: Actor = { type: 'user', id: 'ben.client', role: 'client-admin' };
const recorder: Actor = { type: 'system', id: 'launch-recorder', role: 'system' };
const saga: Actor = { type: 'system', id: 'launch-saga', role: 'system' };
const M = 1_000_000;

const item = (lineItemId: string, platform: string, objective: string, budget: number) => ({
  lineItemId, name: `${platform} ${objective}`, platform, objective, budgetMicros: budget * M, currency: 'EUR', flightStart: '2026-12-01', flightEnd: '2026-12-31',
});

type Step = [Actor, string, Record<string, unknown>];

// One agency client's life: tenant set-up, then plans that are drafted, edited, submitted,
// rejected, resubmitted, approved, launched (or blocked) and rolled back. `n` varies it.
function tenantSteps(n: number): Step[] {
  const steps: Step[] = [
    [admin, 'tenant.create', { name: `Client ${n}`, currency: 'EUR', timezone: 'Europe/Istanbul' }],
    [admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: `123-456-${String(1000 + n).slice(-4)}`, accountName: `Client ${n} Google` }],
    [admin, 'tenant.link_platform_account', { platform: 'meta', accountId: `act_10293${n}`, accountName: `Client ${n} Meta` }],
    [admin, 'tenant.set_approval_policy', { launchApproval: 'first_launch', fourEyes: true, spendChangeThresholdPct: 20 }],
  ];
  // Every other tenant has tracking green; the rest get their launches blocked.
  const green = n % 2 === 0;
  if (green) steps.push([admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4', detail: 'GA4 purchase events verified' }]);
  const plans = 2 + (n % 3);
  for (let p = 0; p < plans; p++) {
    const planId = `plan-${p}`;
    steps.push(
      [planner, 'plan.create', { planId, name: `Plan ${p}`, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-02-28', budgetMicros: 60_000 * M }],
      [planner, 'plan.add_line_item', { planId, ...item('search', 'google_ads', 'sales', 20_000 + p * 1000) }],
      [planner, 'plan.add_line_item', { planId, ...item('social', 'meta', 'traffic', 15_000) }],
      [planner, 'plan.add_line_item', { planId, ...item('display', 'google_ads', 'awareness', 5_000) }],
      [planner, 'plan.update_draft', { planId, name: `Plan ${p} (Q1)` }],
      [planner, 'plan.submit_version', { planId }],
      [approver, 'plan.reject_version', { planId, version: 1, reason: 'Too much on display' }],
      [planner, 'plan.remove_line_item', { planId, lineItemId: 'display' }],
      [planner, 'plan.update_line_item', { planId, lineItemId: 'social', budgetMicros: 18_000 * M }],
      [planner, 'plan.submit_version', { planId }],
      [approver, 'plan.approve_version', { planId, version: 2, comment: 'Agreed in the kickoff call' }],
      [approver, 'launch.approve', { planId, version: 2, comment: 'First launch for this client' }],
      [planner, 'launch.request', { planId, version: 2 }],
    );
    if (green) steps.push([recorder, 'tenant.record_launch', { planId, version: 2 }]);
    if (green && p === 0) steps.push([planner, 'launch.request_rollback', { planId, version: 2, reason: 'Creative not final' }]);
    // The saga creates the Google Ads campaign of the launches that stand (the campaigns read model).
    if (green && p > 0) {
      const target = { planId, version: 2 };
      steps.push(
        [saga, 'launch.request_mutation', { ...target, platform: 'google_ads', logicalCampaignKey: 'google_ads:sales', action: 'ensure', reason: 'launch' }],
        [saga, 'launch.record_mutation_outcome', { ...target, mutationId: 'm1', result: { ok: true, platformCampaignId: `2${n}00${p}`, platformStatus: 'enabled', outcome: 'created', trackingMode: 'auto_tagging' } }],
      );
    }
    steps.push(
      [planner, 'plan.update_line_item', { planId, lineItemId: 'search', budgetMicros: 26_000 * M }],
      [planner, 'plan.submit_version', { planId }],
    );
  }
  return steps;
}

export interface TemplateLog {
  readonly events: readonly RecordedEvent[];
  readonly tenants: readonly string[];
  readonly commands: number;
  readonly refused: Readonly<Record<string, number>>; // refusal code -> count (blocked launches are events, not refusals)
}

// Runs `tenants` template tenants through the pipeline and returns their events in log order.
export async function templateLog(tenants: number): Promise<TemplateLog> {
  const store = openSqliteEventStore(join(tempDir('template'), 'events.db'));
  const deps = writeSide(store);
  const ids = Array.from({ length: tenants }, (_, i) => `tplq${i}x`);
  let commands = 0;
  const refused: Record<string, number> = {};
  const perTenant = ids.map((_, i) => tenantSteps(i));
  // Interleave tenants step by step, as several people working at once would.
  for (let s = 0; perTenant.some((steps) => s < steps.length); s++) {
    for (const [i, steps] of perTenant.entries()) {
      const step = steps[s];
      if (!step) continue;
      const [actor, type, data] = step;
      commands++;
      const result = await sendCommand(deps, { type, tenantId: ids[i]!, commandId: newCommandId(), data, actor });
      if (isDomainError(result)) refused[result.code] = (refused[result.code] ?? 0) + 1;
    }
  }
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return { events, tenants: ids, commands, refused };
}

// One copy of the template under new tenant ids: every event keeps its type, data and
// metadata shape; the tenant id (in stream names, data and metadata) is fresh, and so are
// the command ids (UUIDv7) and event ids (derived from them, as the pipeline derives them,
// so they arrive in time order like real ones).
export function copyOf(template: TemplateLog, copy: number): { stream: string; event: NewEvent }[] {
  const rename = new Map(template.tenants.map((t, i) => [t, `c${copy}t${i}`]));
  const pattern = new RegExp(template.tenants.map((t) => `\\b${t}\\b`).join('|'), 'g');
  const swap = (text: string) => text.replace(pattern, (t) => rename.get(t)!);
  const commands = new Map<string, { commandId: string; events: number }>();
  return template.events.map((e) => {
    const original = String(e.metadata.commandId);
    let command = commands.get(original);
    if (!command) commands.set(original, (command = { commandId: newCommandId(), events: 0 }));
    const stream = swap(e.streamId);
    const eventId = eventIdFor(stream, command.commandId, command.events++);
    const { commandId } = command;
    const metadata = JSON.parse(swap(JSON.stringify(e.metadata))) as Record<string, unknown>;
    Object.assign(metadata, { eventId, commandId, correlationId: commandId, causationId: commandId });
    return { stream, event: { eventId, type: e.type, data: JSON.parse(swap(JSON.stringify(e.data))), metadata } };
  });
}

// Appends copies of the template until `total` events are stored (the last copy is cut
// short: each stream keeps a prefix of its history, still a valid one).
// Consecutive events of one stream go in one append; `groupSize` appends share a commit.
export async function appendCopies(store: EventStore, template: TemplateLog, total: number, groupSize = 4000): Promise<bigint> {
  let written = 0;
  for (let copy = 0; written < total; copy++) {
    const events = copyOf(template, copy).slice(0, total - written);
    let pending: Promise<unknown>[] = [];
    for (let i = 0; i < events.length; ) {
      const stream = events[i]!.stream;
      const run: NewEvent[] = [];
      while (i < events.length && events[i]!.stream === stream) run.push(events[i++]!.event);
      pending.push(store.append(stream, run, 'any').then((o) => {
        if (!o.ok) throw new Error(`append to ${stream}: ${o.error.code}`);
      }));
      if (pending.length >= groupSize) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
    written += events.length;
  }
  return store.headPosition();
}
