// Process manager: when a launch is accepted, the tenant remembers it, which is what the
// `first_launch` approval policy asks about. Until the record lands, the policy still asks
// for an approval: the safe side. Idempotent by construction (command id from the event
// id), so it simply replays every accepted launch from the start of the log.
import type { Position, RecordedEvent, Subscription } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { isStoreFault } from '../../domain/shared/storeFaults.ts';
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
        subscription = deps.store.subscribeAll({ after, filter: { eventTypePrefixes: ['launch.requested'] } });
        for await (const event of subscription) {
          if (event.type !== 'launch.requested') continue;
          for (;;) {
            const outcome = await recordLaunch(deps, event).then((value) => ({ value }), (thrown: unknown) => ({ thrown }));
            const error = 'thrown' in outcome ? outcome.thrown : isDomainError(outcome.value) ? outcome.value : undefined;
            if (error === undefined) break;
            options.onError?.(error, event);
            const unavailable = isStoreFault(error) || (isDomainError(error) && error.kind === 'unavailable');
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
