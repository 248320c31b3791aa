// Daylight saving: slots are the zone's wall-clock times, so their UTC instants move by an
// hour across a change, and a wall time that is skipped (spring) or repeated (autumn) is
// still one slot. Europe/London changes at 01:00 UTC: 01:30 does not exist on 29 March 2026
// and happens twice on 25 October 2026.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cronSlots } from '../../commands/processes/cronSlots.ts';
import { recordingTask, schedulerRig, type SchedulerRig } from '../support/schedulerRig.ts';

const LONDON = 'Europe/London';

const t = suite<{ s?: SchedulerRig }>('scheduler: daylight saving');
t.after.each(async (ctx) => {
  await ctx.s?.close();
  ctx.s = undefined;
});

async function runThrough(from: string, to: string) {
  const s = await schedulerRig(from);
  const eight = recordingTask('eight', '0 8 * * *', LONDON);
  const gap = recordingTask('half-past-one', '30 1 * * *', LONDON);
  await s.start([eight.workflow, gap.workflow]);
  await s.moveTo(to);
  return { s, eight: eight.ran, gap: gap.ran };
}

t('spring forward: 08:00 moves from 08:00 to 07:00 UTC, and the missing 01:30 runs once, at 02:00 BST', async (ctx) => {
  const { s, eight, gap } = await runThrough('2026-03-27T12:00:00.000Z', '2026-03-31T00:00:00.000Z');
  ctx.s = s;
  assert.equal(eight, ['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  assert.equal(gap, ['2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
});

t('fall back: 08:00 moves from 07:00 to 08:00 UTC, and the 01:30 that happens twice runs once', async (ctx) => {
  const { s, eight, gap } = await runThrough('2026-10-23T12:00:00.000Z', '2026-10-27T00:00:00.000Z');
  ctx.s = s;
  assert.equal(eight, ['2026-10-23T07:00:00.000Z', '2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  assert.equal(gap, ['2026-10-23T00:30:00.000Z', '2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  assert.equal(await s.slotEvents('half-past-one').then((e) => e.filter((x) => x.startsWith('claimed')).length), 4, 'one claim per day');
});

t('the latest slot at or before now: the slot itself at its instant, the day before a millisecond earlier', () => {
  const ny = cronSlots('0 8 * * *', 'America/New_York');
  assert.is(ny.latestAtOrBefore(new Date('2026-03-09T12:00:00.000Z'))?.toISOString(), '2026-03-09T12:00:00.000Z');
  assert.is(ny.latestAtOrBefore(new Date('2026-03-09T11:59:59.999Z'))?.toISOString(), '2026-03-08T12:00:00.000Z');
  assert.is(ny.nextAfter(new Date('2026-03-07T13:00:00.000Z'))?.toISOString(), '2026-03-08T12:00:00.000Z', 'EST 13:00 UTC, then EDT 12:00 UTC');
  // In London's repeated hour, the second 01:45 is after one 01:30 only.
  const gap = cronSlots('30 1 * * *', LONDON);
  assert.is(gap.latestAtOrBefore(new Date('2026-10-25T01:45:00.000Z'))?.toISOString(), '2026-10-25T00:30:00.000Z');
});

t.run();
