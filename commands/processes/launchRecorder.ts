// Process manager: when a launch is accepted, the tenant remembers it, which is what the
// `first_launch` approval policy asks about. Until the record lands, the policy still asks
// for an approval: the safe side. Idempotent by construction (command id from the event
// id), so it simply replays every accepted launch from the start of the log.
import type { Position, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { executeCommand, type PipelineDeps } from '../pipeline.ts';

export const launchRecorderActor: Actor = { type: 'system', id: 'launch-recorder', role: 'system' };

export function recordLaunch(deps: PipelineDeps, event: RecordedEvent) {
  const { planId, version } = event.data as { planId: string; version: number };
  return executeCommand(deps, {
    type: 'tenant.record_launch',
    tenantId: String(event.metadata.tenantId),
    commandId: `record-launch:${event.eventId}`,
    data: { planId, version },
    correlationId: String(event.metadata.correlationId ?? event.eventId),
    causationId: event.eventId,
    actor: launchRecorderActor,
  });
}

export function startLaunchRecorder(
  deps: PipelineDeps,
  options: { after?: Position; onError?: (error: DomainError | unknown, event: RecordedEvent) => void } = {},
): { stop(): Promise<void>; done: Promise<void> } {
  const subscription = deps.store.subscribeAll({ after: options.after ?? START, filter: { eventTypePrefixes: ['launch.requested'] } });
  const done = (async () => {
    for await (const event of subscription) {
      if (event.type !== 'launch.requested') continue;
      try {
        const result = await recordLaunch(deps, event);
        if (isDomainError(result)) options.onError?.(result, event);
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  })();
  return { stop: () => subscription.close(), done };
}
