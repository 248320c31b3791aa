import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { harnessSuite, planner, seedSubmittedPlan, type Harness } from '../support/harness.ts';
import { stateAsOf, type StateAsOf } from '../../projections/audit/stateAsOf.ts';
import { parseAsOf } from '../../projections/audit/parseAsOf.ts';
import { verifyChains } from '../../projections/audit/verifyChains.ts';
import { loadStream, type Loaded } from '../../commands/loadStream.ts';
import { planAggregate } from '../../commands/aggregates.ts';
import { chainHash } from '../../domain/shared/hashChain.ts';
import { decodeEvent } from '../../domain/decodeEvent.ts';
import { planStream } from '../../domain/streams.ts';
import type { DomainError } from '../../domain/shared/errors.ts';
import type { PlanState } from '../../domain/index.ts';
import { thenApplied, thenRefused } from '../support/then.ts';

const t = harnessSuite('history, as-of and upcasting on read');
const stream = planStream('acme', 'winter');

// Reads that must succeed: a failure shows the error that came back.
function read<T extends object>(value: T | DomainError): T {
  if ('kind' in value && 'code' in value) throw new Error(`expected a read, got ${value.code}: ${value.message}`);
  return value;
}
const asOfState = async (h: Harness, asOf: Parameters<typeof stateAsOf>[3]): Promise<StateAsOf<PlanState>> => read(await stateAsOf(h.store, stream, planAggregate, asOf));
const load = async (h: Harness): Promise<Loaded<PlanState>> => read(await loadStream(h.store, stream, planAggregate));

t('state as of a revision or a time folds only what had happened then', async ({ h }) => {
  await seedSubmittedPlan(h);
  const atCreate = await asOfState(h, { revision: 0n });
  assert.is(atCreate.state.status, 'draft');
  assert.is(atCreate.revision, '0');
  const now = await asOfState(h, undefined);
  assert.is(now.state.status, 'submitted');
  const before = await asOfState(h, { time: '2000-01-01T00:00:00Z' });
  assert.is(before.revision, '-1');
  const later = await asOfState(h, { time: new Date(Date.now() + 60_000).toISOString() });
  assert.is(later.revision, now.revision);
});

t('as-of text is a revision number or an ISO time, anything else is invalid', () => {
  assert.equal(parseAsOf('12'), { revision: 12n });
  assert.equal(parseAsOf('2026-11-22T10:00:00Z'), { time: '2026-11-22T10:00:00.000Z' });
  assert.is(parseAsOf(undefined), undefined);
  thenRefused(parseAsOf('yesterday'), 'as_of.invalid', 'invalid');
});

t('a v1 line item stored long ago is upcast on every read path: aggregate, history, as-of', async ({ h }) => {
  await seedSubmittedPlan(h);
  const loaded = await load(h);
  // Written the way the first release stored it: budget in major units, no currency.
  const metadata: Record<string, unknown> = { eventId: 'legacy-1', tenantId: 'acme', actor: planner, commandId: 'legacy-cmd-1', correlationId: 'legacy-cmd-1', causationId: 'legacy-cmd-1', schemaVersion: 1, recordedAt: new Date().toISOString(), prevHash: loaded.lastHash };
  const data = { lineItemId: 'legacy', name: 'Legacy item', platform: 'google_ads', objective: 'sales', budget: 12.5, flightStart: '2026-12-01', flightEnd: '2026-12-10' };
  metadata.hash = chainHash(loaded.lastHash, { streamId: stream, revision: loaded.revision + 1n, type: 'plan.line_item_added', data, metadata });
  const appended = await h.store.append(stream, [{ eventId: '0190d1c2-0000-7000-8000-000000000001', type: 'plan.line_item_added', data, metadata }], loaded.revision);
  assert.ok(appended.ok);

  const state = (await load(h)).state;
  const legacy = state.draft.lineItems.find((i) => i.lineItemId === 'legacy');
  assert.is(legacy?.budgetMicros, 12_500_000);
  assert.is(legacy?.currency, 'EUR');
  const recorded = [];
  for await (const e of h.store.readStream(stream, { direction: 'backwards', maxCount: 1 })) recorded.push(e);
  const decoded = read(decodeEvent(recorded[0]!));
  assert.is(decoded.metadata.schemaVersion, 2);
  assert.is(decoded.type === 'plan.line_item_added' && decoded.data.budgetMicros, 12_500_000);
  const asOf = await asOfState(h, undefined);
  assert.ok(asOf.state.draft.lineItems.some((i) => i.lineItemId === 'legacy' && i.budgetMicros === 12_500_000));
  assert.ok((await verifyChains(h.store)).ok, 'the legacy event is part of the chain');
});

t('a stream holding an event this code cannot read answers stream.unreadable, and the command changes nothing', async ({ h }) => {
  await seedSubmittedPlan(h);
  const loaded = await load(h);
  const metadata = { eventId: 'bad-1', tenantId: 'acme', actor: 'not an actor', commandId: 'bad-cmd-1', correlationId: 'c', causationId: 'c', schemaVersion: 1, recordedAt: new Date().toISOString() };
  assert.ok((await h.store.append(stream, [{ eventId: '0190d1c2-0000-7000-8000-0000000000bb', type: 'plan.draft_updated', data: { name: 'x' }, metadata }], loaded.revision)).ok);
  const count = (await h.all()).length;
  const refused = thenRefused(await h.run(planner, 'plan.update_draft', { planId: 'winter', name: 'Again' }), 'stream.unreadable', 'unavailable');
  assert.match(JSON.stringify(refused.details), 'event.invalid_metadata');
  assert.is((await h.all()).length, count);
  thenApplied(await h.run(planner, 'plan.create', { planId: 'other', name: 'Other', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 1_000_000 }));
});

t.run();
