import type { RecordedEvent, Subscription } from '../../connectors/eventstore/port.ts';
import type { BatchBudget } from './target.ts';

// Pulls from a subscription ahead of the projector, so a batch is "whatever has arrived":
// large while catching up, a single event when live. Bounded, so a slow projection
// applies back-pressure instead of growing memory.
export interface EventBuffer {
  // Up to `max` events, or fewer once their weight reaches `budget` (at least one).
  take(max: number, ceiling?: bigint, budget?: BatchBudget): Promise<RecordedEvent[]>;
  wake(): void; // a waiting take() returns (possibly empty) so the caller can re-check
  readonly failure: unknown;
  readonly idle: boolean; // nothing buffered right now
}

export function eventBuffer(subscription: Subscription, capacity: number): EventBuffer {
  const queue: RecordedEvent[] = [];
  let failure: unknown;
  let ended = false;
  let notifyTaker: (() => void) | undefined;
  let notifyPump: (() => void) | undefined;
  const wakeTaker = () => {
    notifyTaker?.();
    notifyTaker = undefined;
  };

  void (async () => {
    try {
      for await (const event of subscription) {
        queue.push(event);
        wakeTaker();
        if (queue.length >= capacity) await new Promise<void>((r) => (notifyPump = r));
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wakeTaker();
    }
  })();

  return {
    async take(max, ceiling, budget) {
      const ready = () => queue.length > 0 && (ceiling === undefined || queue[0]!.position <= ceiling);
      if (!ready() && !ended) {
        await new Promise<void>((r) => (notifyTaker = r));
        // Woken by the first arrival: let the pump queue the rest of what is ready, so a
        // catch-up batch is large rather than one event.
        await new Promise((r) => setImmediate(r));
      }
      if (failure) throw failure;
      let n = 0;
      let weight = 0;
      while (n < queue.length && n < max && (ceiling === undefined || queue[n]!.position <= ceiling) && (budget === undefined || weight < budget.max)) {
        if (budget) weight += budget.weigh(queue[n]!);
        n++;
      }
      const batch = queue.splice(0, n);
      if (queue.length < capacity) {
        notifyPump?.();
        notifyPump = undefined;
      }
      return batch;
    },
    wake: wakeTaker,
    get failure() {
      return failure;
    },
    get idle() {
      return queue.length === 0;
    },
  };
}
