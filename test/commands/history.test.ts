import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { harness, planner, seedSubmittedPlan } from '../support/harness.ts';
import { stateAsOf } from '../../commands/stateAsOf.ts';
import { parseAsOf } from '../../commands/parseAsOf.ts';
import { loadAggregate, toDomainEvent } from '../../commands/loadAggregate.ts';
import { foldForStream } from '../../commands/registry.ts';
import { verifyChains } from '../../commands/audit/verifyChains.ts';
import { chainHash } from '../../commands/hashChain.ts';
import { planStream } from '../../domain/streams.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { PlanState } from '../../domain/index.ts';

const t = suite('history, as-of and upcasting on read');
const stream = planStream('acme', 'winter');

t('state as of a revision or a time folds only what had happened then', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const fold = foldForStream(stream)!;
  const atCreate = await stateAsOf(h.store, stream, fold, { revision: 0n });
  assert.is((atCreate.state as PlanState).status, 'draft');
  assert.is(atCreate.revision, '0');
  const now = await stateAsOf(h.store, stream, fold, undefined);
  assert.is((now.state as PlanState).status, 'submitted');
  const before = await stateAsOf(h.store, stream, fold, { time: '2000-01-01T00:00:00Z' });
  assert.is(before.revision, '-1');
  const later = await stateAsOf(h.store, stream, fold, { time: new Date(Date.now() + 60_000).toISOString() });
  assert.is(later.revision, now.revision);
  await h.store.close();
});

t('as-of text is a revision number or an ISO time, anything else is invalid', () => {
  assert.equal(parseAsOf('12'), { revision: 12n });
  assert.equal(parseAsOf('2026-11-22T10:00:00Z'), { time: '2026-11-22T10:00:00.000Z' });
  assert.is(parseAsOf(undefined), undefined);
  const bad = parseAsOf('yesterday');
  assert.ok(isDomainError(bad) && bad.code === 'as_of.invalid');
});

t('a v1 line item stored long ago is upcast on every read path: aggregate, history, as-of', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const loaded = await loadAggregate(h.store, stream, foldForStream(stream)!);
  // Written the way the first release stored it: budget in major units, no currency.
  const metadata: Record<string, unknown> = { eventId: 'legacy-1', tenantId: 'acme', actor: planner, commandId: 'legacy-cmd-1', correlationId: 'legacy-cmd-1', causationId: 'legacy-cmd-1', schemaVersion: 1, recordedAt: new Date().toISOString(), prevHash: loaded.lastHash };
  const data = { lineItemId: 'legacy', name: 'Legacy item', platform: 'google_ads', objective: 'sales', budget: 12.5, flightStart: '2026-12-01', flightEnd: '2026-12-10' };
  metadata.hash = chainHash(loaded.lastHash, { streamId: stream, revision: loaded.revision + 1n, type: 'plan.line_item_added', data, metadata });
  const appended = await h.store.append(stream, [{ eventId: '0190d1c2-0000-7000-8000-000000000001', type: 'plan.line_item_added', data, metadata }], loaded.revision);
  assert.ok(appended.ok);

  const state = (await loadAggregate(h.store, stream, foldForStream(stream)!)).state as PlanState;
  const legacy = state.draft.lineItems.find((i) => i.lineItemId === 'legacy');
  assert.is(legacy?.budgetMicros, 12_500_000);
  assert.is(legacy?.currency, 'EUR');
  const recorded = [];
  for await (const e of h.store.readStream(stream, { direction: 'backwards', maxCount: 1 })) recorded.push(e);
  const read = toDomainEvent(recorded[0]!);
  assert.is(read.metadata.schemaVersion, 2);
  assert.is((read.data as { budgetMicros: number }).budgetMicros, 12_500_000);
  const asOf = await stateAsOf(h.store, stream, foldForStream(stream)!, undefined);
  assert.ok((asOf.state as PlanState).draft.lineItems.some((i) => i.lineItemId === 'legacy' && i.budgetMicros === 12_500_000));
  assert.ok((await verifyChains(h.store)).ok, 'the legacy event is part of the chain');
  await h.store.close();
});

t.run();
