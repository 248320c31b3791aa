// The schedule aggregate: one stream per workflow. Slots are claimed in time order, each at
// most once; a claimed slot is finished once, as completed or failed. A claim of a slot that
// is not after the latest claim is refused (not an idempotent no-op): the refusal is how a
// second instance, or a restart, learns that the slot is someone else's and must not run.
import type { Decider } from '../shared/decider.ts';
import type { DomainEvent } from '../shared/envelope.ts';
import { refuse, type DomainError } from '../shared/errors.ts';
import type { ScheduleCommand, ScheduleEvent } from './events.ts';

export interface ScheduleState {
  readonly latestClaimed?: string; // the latest slot ever claimed (ISO instant)
  readonly open: readonly string[]; // claimed slots with neither completion nor failure yet
}

export const initialState: ScheduleState = { open: [] };

export function evolve(state: ScheduleState, event: DomainEvent<ScheduleEvent>): ScheduleState {
  const { slot } = event.data;
  if (event.type === 'schedule.slot_claimed') return { latestClaimed: slot, open: [...state.open, slot] };
  return { ...state, open: state.open.filter((s) => s !== slot) };
}

export function decide(command: ScheduleCommand, state: ScheduleState): readonly ScheduleEvent[] | DomainError {
  const { workflow, slot } = command.data;
  switch (command.type) {
    case 'schedule.claim_slot': {
      const latest = state.latestClaimed;
      if (latest === slot) return refuse('schedule.slot_already_claimed', `The ${workflow} slot of ${slot} was already claimed`);
      if (latest !== undefined && slot < latest) return refuse('schedule.slot_superseded', `The ${workflow} slot of ${slot} is before ${latest}, which was already claimed`);
      return [{ type: 'schedule.slot_claimed', data: command.data }];
    }
    case 'schedule.complete_slot':
    case 'schedule.fail_slot': {
      if (!state.open.includes(slot)) {
        const claimed = state.latestClaimed !== undefined && slot <= state.latestClaimed;
        return claimed
          ? refuse('schedule.slot_finished', `The ${workflow} slot of ${slot} is not open: it was finished already, or passed over unclaimed`)
          : refuse('schedule.slot_not_claimed', `The ${workflow} slot of ${slot} was never claimed, so it cannot be finished`);
      }
      return command.type === 'schedule.complete_slot'
        ? [{ type: 'schedule.slot_completed', data: command.data }]
        : [{ type: 'schedule.slot_failed', data: command.data }];
    }
  }
}

export const scheduleDecider: Decider<ScheduleState, ScheduleCommand, ScheduleEvent> = { initialState, evolve, decide };
