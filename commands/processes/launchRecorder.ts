// Process manager: when a launch is accepted, the tenant remembers it, which is what the
// `first_launch` approval policy asks about. Until the record lands, the policy still asks
// for an approval: the safe side. Idempotent by construction (command id from the event
// id), so it simply replays every accepted launch from the start of the log, and it sends
// its command through the same door as people do.
import type { Position, RecordedEvent, Subscription } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import { decodeEvent } from '../../domain/decodeEvent.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { WriteSide } from '../aggregates.ts';
import { sendCommand } from '../sendCommand.ts';
import type { CommandResult } from '../result.ts';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';

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
  options: { after?: Position; onError?: (error: DomainError | unknown, event: RecordedEvent | undefined) => void; retryMs?: number } = {},
): { stop(): Promise<void>; done: Promise<void> } {
  // A store that fails (the subscription's read, or the command's append) is waited out and
  // the same event tried again: a skipped record would leave the tenant asking for approvals.
  const retryMs = options.retryMs ?? 1000;
  let after = options.after ?? START;
  let stopped = false;
  let subscription: Subscription | undefined;
  let wake = () => {};
  const pause = () => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, retryMs);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  const done = (async () => {
    while (!stopped) {
      try {
        subscription = w.store.subscribeAll({ after, filter: { eventTypes: ['launch.requested'] } });
        for await (const event of subscription) {
          for (;;) {
            const outcome = await recordLaunch(w, event).then((value) => ({ value }), (thrown: unknown) => ({ thrown }));
            const error = 'thrown' in outcome ? outcome.thrown : isDomainError(outcome.value) ? outcome.value : undefined;
            if (error === undefined) break;
            options.onError?.(error, event);
            // Only a store that cannot take it now is waited out; a stream this code cannot read
            // would never get better, and must not hold up every other tenant's launches.
            const unavailable = isStoreFault(error) || (isDomainError(error) && error.code === 'store.unavailable');
            if (stopped || !unavailable) break;
            await pause();
          }
          after = event.position;
        }
        return; // closed
      } catch (error) {
        options.onError?.(error, undefined);
        await subscription?.close().catch(() => undefined);
        if (!stopped) await pause();
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await subscription?.close();
    },
    done,
  };
}
