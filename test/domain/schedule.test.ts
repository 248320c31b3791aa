// The schedule aggregate's rules: slots are claimed in time order and each at most once,
// and only a claimed slot can be finished, once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScheduleEvent } from '../../domain/schedule/index.ts';
import { given } from './given.ts';

const workflow = 'daily-sync-all-tenants';
const claim = { workflow, cron: '0 8 * * *', timezone: 'Asia/Hong_Kong' };
const MON = '2026-11-30T00:00:00.000Z'; // 08:00 in Hong Kong
const TUE = '2026-12-01T00:00:00.000Z';
const claimed = (slot: string): ScheduleEvent => ({ type: 'schedule.slot_claimed', data: { ...claim, slot } });
const completed = (slot: string): ScheduleEvent => ({ type: 'schedule.slot_completed', data: { workflow, slot, summary: '3 tenants synced' } });
const failed = (slot: string): ScheduleEvent => ({ type: 'schedule.slot_failed', data: { workflow, slot, code: 'schedule.interrupted', message: 'The process stopped mid-run' } });
const system = { type: 'system', id: 'scheduler', role: 'system' } as const;

const claims = suite('schedule: claiming a slot');

claims('given nothing, when a slot is claimed, then the claim records the cron and time zone it came from', () =>
  given()
    .when({ type: 'schedule.claim_slot', data: { ...claim, slot: MON }, actor: system })
    .then(claimed(MON)));

claims('given a claimed slot, when it is claimed again, then the claim is refused (the second claimant must not run it)', () =>
  given(claimed(MON)).when({ type: 'schedule.claim_slot', data: { ...claim, slot: MON }, actor: system }).thenRefused('schedule.slot_already_claimed', 'refused'));

claims('given a finished slot, when it is claimed again, then it is still refused', () =>
  given(claimed(MON), completed(MON)).when({ type: 'schedule.claim_slot', data: { ...claim, slot: MON }, actor: system }).thenRefused('schedule.slot_already_claimed'));

claims('given a later slot claimed, when an earlier one is claimed, then it is refused as superseded', () =>
  given(claimed(TUE)).when({ type: 'schedule.claim_slot', data: { ...claim, slot: MON }, actor: system }).thenRefused('schedule.slot_superseded', 'refused', /before 2026-12-01/));

claims('given an earlier slot finished, when the next is claimed, then it is claimed and open', () =>
  given(claimed(MON), failed(MON))
    .when({ type: 'schedule.claim_slot', data: { ...claim, slot: TUE }, actor: system })
    .thenState((s) => assert.equal(s, { latestClaimed: TUE, open: [TUE] })));

claims('a slot that is not an instant as toISOString writes it is invalid', () =>
  given().when({ type: 'schedule.claim_slot', data: { ...claim, slot: '2026-11-30T08:00:00+08:00' }, actor: system }).thenRefused('command.invalid', 'invalid'));

claims.run();

const finish = suite('schedule: finishing a slot');

finish('given a claimed slot, when it completes, then the completion is recorded and the slot is no longer open', () =>
  given(claimed(MON))
    .when({ type: 'schedule.complete_slot', data: { workflow, slot: MON, summary: '3 tenants synced' }, actor: system })
    .thenState((s) => assert.equal(s, { latestClaimed: MON, open: [] })));

finish('given a claimed slot, when it fails, then the failure is recorded with its code', () =>
  given(claimed(MON))
    .when({ type: 'schedule.fail_slot', data: { workflow, slot: MON, code: 'schedule.interrupted', message: 'The process stopped mid-run' }, actor: system })
    .then(failed(MON)));

finish('given nothing claimed, when a slot is completed, then it is refused as not claimed', () =>
  given().when({ type: 'schedule.complete_slot', data: { workflow, slot: MON, summary: '' }, actor: system }).thenRefused('schedule.slot_not_claimed', 'refused'));

finish('given a slot already completed, when it completes or fails again, then it is refused as finished', () => {
  given(claimed(MON), completed(MON)).when({ type: 'schedule.complete_slot', data: { workflow, slot: MON, summary: 'again' }, actor: system }).thenRefused('schedule.slot_finished');
  given(claimed(MON), completed(MON)).when({ type: 'schedule.fail_slot', data: { workflow, slot: MON, code: 'x.y', message: 'late' }, actor: system }).thenRefused('schedule.slot_finished');
});

finish('given a later slot claimed, when an older slot that was never claimed is finished, then it is refused', () =>
  given(claimed(TUE)).when({ type: 'schedule.fail_slot', data: { workflow, slot: MON, code: 'x.y', message: 'never ran' }, actor: system }).thenRefused('schedule.slot_finished', 'refused', /passed over unclaimed/));

finish.run();
