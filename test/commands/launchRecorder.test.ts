import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { harness, harnessSuite, admin, planner, approver, seedSubmittedPlan } from '../support/harness.ts';
import { startLaunchRecorder } from '../../commands/processes/launchRecorder.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { storeFault, storeUnavailable } from '../../domain/shared/storeFaults.ts';
import type { EventStore, RecordedEvent, Subscription } from '../../connectors/eventstore/port.ts';

const t = harnessSuite('process: launch recorder');

async function until(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

t('given first_launch policy, the first launch needs approval, and once recorded the next does not', async ({ h }) => {
  await seedSubmittedPlan(h, 'winter');
  await h.run(admin, 'tenant.set_approval_policy', { launchApproval: 'first_launch', fourEyes: true, spendChangeThresholdPct: 20 });
  await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 });
  const recorder = startLaunchRecorder(h.deps);

  const blocked = await h.run(planner, 'launch.request', { planId: 'winter', version: 1 });
  assert.ok(!isDomainError(blocked) && blocked.events[0]!.type === 'launch.blocked');
  await h.run(approver, 'launch.approve', { planId: 'winter', version: 1 });
  const launched = await h.run(planner, 'launch.request', { planId: 'winter', version: 1 });
  assert.ok(!isDomainError(launched) && launched.events[0]!.type === 'launch.requested');
  const launchEventId = !isDomainError(launched) ? launched.events[0]!.eventId : '';
  await until(async () => (await h.all()).some((e) => e.type === 'tenant.launch_recorded'));

  const recorded = (await h.all()).find((e) => e.type === 'tenant.launch_recorded')!;
  assert.equal(recorded.data, { planId: 'winter', version: 1 });
  assert.is(recorded.metadata.causationId, launchEventId);
  assert.equal(recorded.metadata.actor, { type: 'system', id: 'launch-recorder', role: 'system' });

  // A second plan of the same tenant launches without a launch approval now.
  await seedSecondPlan(h);
  const second = await h.run(planner, 'launch.request', { planId: 'spring', version: 1 });
  assert.ok(!isDomainError(second) && second.events[0]!.type === 'launch.requested', JSON.stringify(second));
  await recorder.stop();
});

t('replaying the recorder over the same log records each launch once', async ({ h }) => {
  await seedSubmittedPlan(h, 'winter');
  await h.run(admin, 'tenant.set_approval_policy', { launchApproval: 'never', fourEyes: true, spendChangeThresholdPct: 20 });
  await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 });
  await h.run(planner, 'launch.request', { planId: 'winter', version: 1 });
  for (let round = 0; round < 3; round++) {
    const recorder = startLaunchRecorder(h.deps);
    await until(async () => (await h.all()).some((e) => e.type === 'tenant.launch_recorded'));
    await new Promise((r) => setTimeout(r, 30));
    await recorder.stop();
  }
  assert.is((await h.all()).filter((e) => e.type === 'tenant.launch_recorded').length, 1);
});

t('a store that fails (the subscription, then the append) is waited out: the launch is recorded, the recorder never throws', async () => {
  const h = harness();
  await seedSubmittedPlan(h, 'winter');
  await h.run(admin, 'tenant.set_approval_policy', { launchApproval: 'never', fourEyes: true, spendChangeThresholdPct: 20 });
  await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 });
  await h.run(planner, 'launch.request', { planId: 'winter', version: 1 });
  let failedSubscriptions = 0;
  let failedAppends = 0;
  // The first subscription fails while reading; the first two appends answer store.unavailable.
  const flaky: EventStore = {
    ...h.store,
    subscribeAll(options) {
      if (failedSubscriptions++ > 0) return h.store.subscribeAll(options);
      const failing: Subscription = {
        [Symbol.asyncIterator]: async function* (): AsyncGenerator<RecordedEvent> {
          throw storeFault('event store', Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
        },
        close: async () => {},
      };
      return failing;
    },
    append: async (stream, events, expected) =>
      failedAppends++ < 2 ? { ok: false, error: storeUnavailable('event store') } : h.store.append(stream, events, expected),
  };
  const errors: unknown[] = [];
  const recorder = startLaunchRecorder({ ...h.deps, store: flaky }, { retryMs: 10, onError: (e) => errors.push(e) });
  await until(async () => (await h.all()).some((e) => e.type === 'tenant.launch_recorded'));
  assert.is(errors.length, 3, 'the failed read and the two failed appends were reported');
  assert.is((await h.all()).filter((e) => e.type === 'tenant.launch_recorded').length, 1);
  await recorder.stop();
  await recorder.done;
  await h.store.close();
});

async function seedSecondPlan(h: ReturnType<typeof harness>) {
  const M = 1_000_000;
  await h.run(planner, 'plan.create', { planId: 'spring', name: 'Spring', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 5_000 * M });
  await h.run(planner, 'plan.add_line_item', { planId: 'spring', lineItemId: 'x', name: 'x', platform: 'google_ads', objective: 'sales', budgetMicros: 1_000 * M, currency: 'EUR', flightStart: '2026-12-01', flightEnd: '2026-12-31' });
  await h.run(planner, 'plan.submit_version', { planId: 'spring' });
  await h.run(approver, 'plan.approve_version', { planId: 'spring', version: 1 });
}

t.run();
