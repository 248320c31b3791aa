// One slot of one workflow: claimed through the command door with the slot's own command id,
// then the task, then its outcome recorded. A claim refused or already made means the slot
// is someone else's; a task's error, thrown or returned, is the slot's failure.
import type { CommandResult } from '../result.ts';
import type { WriteSide } from '../aggregates.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { AGENCY_SCOPE } from '../../domain/streams.ts';
import { sendCommand } from '../sendCommand.ts';
import type { ScheduledWorkflow } from './workflows.ts';

export const schedulerActor: Actor = { type: 'system', id: 'scheduler', role: 'system' };

export interface SlotReports {
  readonly onSlot?: (workflow: string, slot: string, outcome: 'completed' | 'failed' | 'skipped', detail: string) => void;
  readonly onError?: (error: unknown, workflow: string) => void;
}

export type SendAsScheduler = (type: string, commandId: string, data: Record<string, unknown>) => Promise<CommandResult | DomainError>;
export const sendAsScheduler =
  (w: WriteSide): SendAsScheduler =>
  (type, commandId, data) =>
    sendCommand(w, { type, tenantId: AGENCY_SCOPE, commandId, data, actor: schedulerActor });

// True when the claim could not be recorded (the log unavailable) and the slot should be tried again.
export async function runOneSlot(send: SendAsScheduler, workflow: ScheduledWorkflow, slot: string, o: SlotReports): Promise<boolean> {
  const id = slotId(workflow.name, slot);
  const claimed = await send('schedule.claim_slot', id, { workflow: workflow.name, slot, cron: workflow.cron, timezone: workflow.timezone });
  if (isDomainError(claimed) || claimed.duplicate) {
    const taken = !isDomainError(claimed) || claimed.kind === 'refused' || claimed.kind === 'conflict';
    o.onSlot?.(workflow.name, slot, 'skipped', isDomainError(claimed) ? claimed.code : 'claimed by another run');
    if (!taken) o.onError?.(claimed, workflow.name);
    return !taken;
  }
  const outcome = await workflow.run({ workflow: workflow.name, slot: new Date(slot), runId: id }).catch(
    (error: unknown): DomainError => ({ kind: 'unavailable', code: 'schedule.task_threw', message: error instanceof Error ? error.message : String(error) }),
  );
  const finished = isDomainError(outcome)
    ? await send('schedule.fail_slot', `${id}:failed`, { workflow: workflow.name, slot, code: outcome.code, message: clip(outcome.message) || outcome.code })
    : await send('schedule.complete_slot', `${id}:completed`, { workflow: workflow.name, slot, summary: clip(outcome.summary) });
  if (isDomainError(finished)) o.onError?.(finished, workflow.name);
  o.onSlot?.(workflow.name, slot, isDomainError(outcome) ? 'failed' : 'completed', isDomainError(outcome) ? `${outcome.code}: ${outcome.message}` : outcome.summary);
  return false;
}

// The slot's command id: the same slot is the same command, whichever instance sends it.
export const slotId = (workflow: string, slot: string): string => `schedule:${workflow}:${slot}`;
const clip = (text: string): string => (text.length > 2000 ? `${text.slice(0, 1997)}...` : text);
