// The scheduler on a real log with a clock the test moves: a slot is claimed in the log
// before its task runs, a restart or a second instance never runs a slot again, a missed
// slot runs once on start (only the latest of several), a slot interrupted by a crash is
// recorded as failed and not rerun, and a failing task does not stop the next slot.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { schedulerActor, slotId } from '../../commands/processes/runSlot.ts';
import { startScheduler } from '../../commands/processes/scheduler.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { writeSide } from '../../commands/aggregates.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { refuse } from '../../domain/shared/errors.ts';
import { scheduleStream } from '../../domain/streams.ts';
import { admin } from '../support/harness.ts';
import { types } from '../support/launchRig.ts';
import { recordingTask, schedulerRig, type SchedulerRig } from '../support/schedulerRig.ts';

const HK = 'Asia/Hong_Kong';
const DAILY = '0 8 * * *'; // 08:00 in Hong Kong is 00:00 UTC
const DEC1 = '2026-12-01T00:00:00.000Z';
const DEC2 = '2026-12-02T00:00:00.000Z';
const DEC3 = '2026-12-03T00:00:00.000Z';

const t = suite<{ s?: SchedulerRig }>('scheduler: slots on the log');
t.after.each(async (ctx) => {
  await ctx.s?.close();
  ctx.s = undefined;
});

t('a slot is claimed in the log before its task runs, and completed after', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-11-30T23:00:00.000Z'));
  const seen: string[][] = [];
  const { workflow } = recordingTask('daily', DAILY, HK);
  await s.start([{ ...workflow, run: async (run) => (seen.push(types(await s.rig.events(scheduleStream('daily')))), { summary: `ran ${run.slot.toISOString()}` }) }]);
  await s.moveTo('2026-12-01T00:30:00.000Z');
  assert.equal(seen, [['schedule.slot_claimed'], ['schedule.slot_claimed', 'schedule.slot_completed', 'schedule.slot_claimed']], 'each run found its own claim already in the log');
  assert.equal(await s.slotEvents('daily'), ['claimed 2026-11-30T00:00:00.000Z', 'completed 2026-11-30T00:00:00.000Z', `claimed ${DEC1}`, `completed ${DEC1}`]);
  const claim = (await s.rig.events(scheduleStream('daily')))[2]!;
  assert.equal([claim.metadata.commandId, claim.metadata.actor.id, claim.metadata.tenantId], [slotId('daily', DEC1), 'scheduler', 'agency']);
});

t('restart: a scheduler started again on the same log does not run a slot that already ran', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:30:00.000Z'));
  const first = recordingTask('daily', DAILY, HK);
  await s.start([first.workflow]);
  assert.equal(first.ran, [DEC1]);
  await s.scheduler?.stop();
  s.rig.clock = new Date('2026-12-01T06:00:00.000Z');
  const second = recordingTask('daily', DAILY, HK);
  await s.start([second.workflow]);
  assert.equal(second.ran, [], 'the slot of 08:00 was claimed before the restart');
  await s.moveTo('2026-12-02T01:00:00.000Z');
  assert.equal(second.ran, [DEC2], 'and the next slot runs as usual');
});

t('two instances on one log: a due slot runs once', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:00:00.000Z'));
  const a = recordingTask('daily', DAILY, HK);
  const b = recordingTask('daily', DAILY, HK);
  const [one, two] = await Promise.all([startScheduler({ w: s.rig.w, workflows: [a.workflow], clock: s.clock }), startScheduler({ w: s.rig.w, workflows: [b.workflow], clock: s.clock })]);
  await Promise.all([one.idle(), two.idle()]);
  await Promise.all([one.stop(), two.stop()]);
  assert.equal([...a.ran, ...b.ran], [DEC1]);
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `completed ${DEC1}`]);
});

t('missed slot: down across 08:00, the slot runs once on start; down two days, only the latest runs', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:30:00.000Z'));
  await s.start([recordingTask('daily', DAILY, HK).workflow]);
  await s.scheduler?.stop(); // down from 08:30 on the 1st…
  s.rig.clock = new Date('2026-12-03T05:00:00.000Z'); // …to 13:00 on the 3rd: the 2nd and the 3rd were missed
  const after = recordingTask('daily', DAILY, HK);
  await s.start([after.workflow]);
  await s.moveTo('2026-12-03T23:00:00.000Z');
  assert.equal(after.ran, [DEC3], 'the latest missed slot, once');
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `completed ${DEC1}`, `claimed ${DEC3}`, `completed ${DEC3}`]);
  await s.scheduler?.stop();
  s.rig.clock = new Date('2026-12-04T02:00:00.000Z'); // down across one 08:00
  const again = recordingTask('daily', DAILY, HK);
  await s.start([again.workflow]);
  await s.moveTo('2026-12-04T23:59:00.000Z');
  assert.equal(again.ran, ['2026-12-04T00:00:00.000Z']);
});

t('a slot claimed by a process that died mid-run is recorded as interrupted on start, and not run again', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:00:00.000Z'));
  const hangs = recordingTask('daily', DAILY, HK);
  // The first process claims the slot, then dies inside the task (it never returns).
  const dead = await startScheduler({ w: s.rig.w, workflows: [{ ...hangs.workflow, run: (run) => hangs.workflow.run(run).then(() => new Promise(() => {})) }], clock: s.clock });
  while (hangs.ran.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.equal(hangs.ran, [DEC1]);
  void dead;
  s.rig.clock = new Date('2026-12-01T02:00:00.000Z');
  const restarted = recordingTask('daily', DAILY, HK);
  await s.start([restarted.workflow]);
  assert.equal(restarted.ran, []);
  const events = await s.rig.events(scheduleStream('daily'));
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `failed ${DEC1}`]);
  assert.equal((events[1]!.data as { code: string }).code, 'schedule.interrupted');
  await s.moveTo('2026-12-02T00:00:00.000Z');
  assert.equal(restarted.ran, [DEC2], 'the next slot runs');
});

t('a failing task records slot_failed with its code, and the next slot still runs', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:00:00.000Z'));
  const failing = recordingTask('daily', DAILY, HK, (slot) =>
    slot === DEC1 ? refuse('sync.broken', 'The platform said no') : slot === DEC2 ? new Error('task crashed') : undefined,
  );
  await s.start([failing.workflow]);
  await s.moveTo('2026-12-03T01:00:00.000Z');
  assert.equal(failing.ran, [DEC1, DEC2, DEC3]);
  const events = await s.rig.events(scheduleStream('daily'));
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `failed ${DEC1}`, `claimed ${DEC2}`, `failed ${DEC2}`, `claimed ${DEC3}`, `completed ${DEC3}`]);
  assert.equal(events.filter((e) => e.type === 'schedule.slot_failed').map((e) => (e.data as { code: string; message: string }).code), ['sync.broken', 'schedule.task_threw']);
  assert.equal(s.errors, [], 'a failed task is an outcome, not a scheduler error');
});

t('with a lease, only its holder runs slots; a slot it is running is not called interrupted by an instance that starts meanwhile', async (ctx) => {
  const s = (ctx.s = await schedulerRig(DEC1));
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const a = recordingTask('daily', DAILY, HK);
  const one = await startScheduler({ w: s.rig.w, workflows: [{ ...a.workflow, run: (run) => a.workflow.run(run).then(async (done) => (await gate, done)) }], clock: s.clock, coordination: s.rig.docs, holder: 'one' });
  while (a.ran.length === 0) await new Promise((r) => setTimeout(r, 5));
  const b = recordingTask('daily', DAILY, HK);
  const two = await startScheduler({ w: s.rig.w, workflows: [b.workflow], clock: s.clock, coordination: s.rig.docs, holder: 'two', retryMs: 1000 });
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`], 'the slot running under the other lease is left alone');
  release();
  await one.stop(); // finishes its slot, then gives the lease up
  await s.moveTo('2026-12-01T00:00:02.000Z'); // two asks for the lease again, and wins it
  for (let i = 0; i < 100 && (await two.idle(), b.ran.length === 0); i++) await s.moveTo(new Date(s.rig.clock.getTime() + 3_600_000).toISOString());
  assert.equal(a.ran, [DEC1]);
  assert.equal(b.ran, [DEC2], 'the new holder runs the next slot, not the finished one');
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `completed ${DEC1}`, `claimed ${DEC2}`, `completed ${DEC2}`]);
  await two.stop();
});

t('a claim the log could not take is tried again after retryMs, and the slot then runs once', async (ctx) => {
  const s = (ctx.s = await schedulerRig(DEC1));
  let refusals = 1;
  const flaky: EventStore = {
    ...s.rig.store,
    append: (stream, events, expected) =>
      stream.startsWith('schedule-') && refusals-- > 0
        ? Promise.resolve({ ok: false as const, error: { kind: 'unavailable' as const, code: 'store.unavailable', message: 'disk gone' } })
        : s.rig.store.append(stream, events, expected),
  };
  const task = recordingTask('daily', DAILY, HK);
  const errors: unknown[] = [];
  const scheduler = await startScheduler({ w: writeSide(flaky, () => s.rig.clock), workflows: [task.workflow], clock: s.clock, retryMs: 60_000, onError: (e) => void errors.push(e) });
  await scheduler.idle();
  assert.equal([task.ran, errors.map((e) => (e as { code: string }).code)], [[], ['store.unavailable']]);
  s.scheduler = scheduler;
  await s.moveTo('2026-12-01T00:01:00.000Z');
  assert.equal(task.ran, [DEC1]);
  assert.equal(await s.slotEvents('daily'), [`claimed ${DEC1}`, `completed ${DEC1}`]);
});

t('only the scheduler claims, only under the agency scope, and no tenant may be called agency', async (ctx) => {
  const s = (ctx.s = await schedulerRig('2026-12-01T00:00:00.000Z'));
  const claim = { workflow: 'daily', slot: DEC1, cron: DAILY, timezone: HK };
  const codeOf = async (tenantId: string, actor: typeof admin, type: string, data: Record<string, unknown>) => {
    const r = await sendCommand(s.rig.w, { type, tenantId, commandId: `test:${type}:${tenantId}`, data, actor });
    return 'code' in r ? r.code : 'ok';
  };
  assert.is(await codeOf('agency', admin, 'schedule.claim_slot', claim), 'command.forbidden');
  assert.is(await codeOf('acme', schedulerActor, 'schedule.claim_slot', claim), 'schedule.agency_only');
  assert.is(await codeOf('agency', admin, 'tenant.create', { name: 'Agency', currency: 'EUR', timezone: 'UTC' }), 'tenant.reserved_id');
});

t.run();
