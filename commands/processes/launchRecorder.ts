// Process manager: when a launch is accepted, the tenant remembers it, which is what the
// `first_launch` approval policy asks about. Until the record lands, the policy still asks
// for an approval: the safe side. Idempotent by construction (command id from the event
// id), so it simply replays every accepted launch from the start of the log, and it sends
// its command through the same door as people do.
import type { Position, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import { decodeEvent } from '../../domain/decodeEvent.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { WriteSide } from '../aggregates.ts';
import { sendCommand } from '../sendCommand.ts';
import type { CommandResult } from '../result.ts';

export const launchRecorderActor: Actor = { type: 'system', id: 'launch-recorder', role: 'system' };

export async function recordLaunch(w: WriteSide, recorded: RecordedEvent): Promise<CommandResult | DomainError> {
  const event = decodeEvent(recorded);
  if (isDomainError(event)) return event;
  if (event.type !== 'launch.requested') return { kind: 'invalid', code: 'process.unexpected_event', message: `${event.type} is not a launch request` };
  return sendCommand(w, {
    type: 'tenant.record_launch',
    tenantId: event.metadata.tenantId,
    commandId: `record-launch:${event.eventId}`,
    data: { planId: event.data.planId, version: event.data.version },
    correlationId: event.metadata.correlationId,
    causationId: event.eventId,
    actor: launchRecorderActor,
  });
}

export function startLaunchRecorder(
  w: WriteSide,
  options: { after?: Position; onError?: (error: DomainError | unknown, event: RecordedEvent) => void } = {},
): { stop(): Promise<void>; done: Promise<void> } {
  const subscription = w.store.subscribeAll({ after: options.after ?? START, filter: { eventTypes: ['launch.requested'] } });
  const done = (async () => {
    for await (const event of subscription) {
      try {
        const result = await recordLaunch(w, event);
        if (isDomainError(result)) options.onError?.(result, event);
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  })();
  return { stop: () => subscription.close(), done };
}
