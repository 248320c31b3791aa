// Property: whatever valid commands arrive, folding the log afterwards rebuilds exactly the
// state the pipeline decided on (its cached fold), and every stream's hash chain verifies.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { harness, admin, planner, approver, lineItem, M } from '../support/harness.ts';
import { loadStream, type Loaded } from '../../commands/loadStream.ts';
import { aggregateOfStream, type WriteSide } from '../../commands/aggregates.ts';
import { verifyChains } from '../../projections/audit/verifyChains.ts';
import { parseStreamName } from '../../domain/streams.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/shared/envelope.ts';

type Step = [Actor, string, Record<string, unknown>];
const planId = 'p1';
const ids = fc.constantFrom('a', 'b', 'c');
const version = fc.integer({ min: 1, max: 3 });
const platform = fc.constantFrom('google_ads', 'meta');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(ids, platform, fc.constantFrom('sales', 'catalog_sales'), fc.integer({ min: 0, max: 6000 })).map(
    ([id, p, o, b]): Step => [planner, 'plan.add_line_item', { planId, ...lineItem(id, p, o, b) }],
  ),
  fc.tuple(ids, fc.integer({ min: 0, max: 6000 })).map(([id, b]): Step => [planner, 'plan.update_line_item', { planId, lineItemId: id, budgetMicros: b * M }]),
  ids.map((id): Step => [planner, 'plan.remove_line_item', { planId, lineItemId: id }]),
  fc.integer({ min: 1000, max: 12000 }).map((b): Step => [planner, 'plan.update_draft', { planId, budgetMicros: b * M }]),
  fc.constant<Step>([planner, 'plan.submit_version', { planId }]),
  version.map((v): Step => [approver, 'plan.approve_version', { planId, version: v }]),
  version.map((v): Step => [admin, 'plan.reject_version', { planId, version: v, reason: 'numbers do not add up' }]),
  fc.constantFrom('green', 'amber', 'red').map((s): Step => [admin, 'tenant.report_tracking_health', { status: s, source: 'ga4' }]),
  platform.map((p): Step => [admin, 'tenant.link_platform_account', { platform: p, accountId: `acc-${p}`, accountName: p }]),
  fc.integer({ min: 0, max: 2 }).map((n): Step => [admin, 'tenant.report_feed_health', { criticalErrors: n, warnings: 0 }]),
  version.map((v): Step => [planner, 'launch.request', { planId, version: v }]),
  version.map((v): Step => [approver, 'launch.approve', { planId, version: v }]),
);

const t = suite('pipeline replay property');

t('a random valid command sequence, replayed from the log, rebuilds the state the pipeline saw', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
      const h = harness();
      try {
        await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' });
        await h.run(planner, 'plan.create', { planId, name: 'P', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 10_000 * M });
        for (const [actor, type, data] of steps) await h.run(actor, type, data);
        const streams = new Set((await h.all()).map((e) => e.streamId));
        for (const stream of streams) {
          const seen = cachedFold(h.deps, stream);
          const replayed = await loadStream(h.store, stream, aggregateOfStream(stream)!);
          assert.ok(seen, `the pipeline never folded ${stream}`);
          if (isDomainError(replayed)) return assert.unreachable(`${stream}: ${replayed.message}`);
          assert.equal(replayed.state, seen!.state, `state of ${stream}`);
          assert.is(replayed.revision, seen!.revision);
          assert.is(replayed.lastHash, seen!.lastHash);
        }
        const audit = await verifyChains(h.store);
        assert.ok(audit.ok, JSON.stringify(audit.breaks));
      } finally {
        await h.store.close();
      }
    }),
    { numRuns: 40 },
  );
});

// The fold the write side cached for a stream, from the cache of the stream's aggregate.
function cachedFold(w: WriteSide, stream: string): Loaded<unknown> | undefined {
  const category = parseStreamName(stream)?.category;
  return category ? w.folds[category].get(stream) : undefined;
}

t.run();
