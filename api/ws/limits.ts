// What one console socket may ask of the server: a steady rate of messages with a burst (the
// platforms' token bucket), and a bounded number of subscriptions. The console sends a hello,
// a few subscriptions per page and a ping every 25 s, so these leave it far below the limits.
import { fullBucket, hasToken, refill, take } from '../../connectors/platforms/tokenBucket.ts';

export interface SocketLimits {
  readonly messagesPerSecond: number;
  readonly burst: number; // messages allowed at once before the rate applies
  readonly maxSubscriptions: number;
}

export const defaultSocketLimits: SocketLimits = { messagesPerSecond: 20, burst: 40, maxSubscriptions: 32 };

// Takes one message from the socket's bucket: false when it is over its rate.
export function messageBudget(limits: SocketLimits, now: () => number = Date.now): () => boolean {
  const bucket = fullBucket({ capacity: limits.burst, intervalMs: Math.round((limits.burst / limits.messagesPerSecond) * 1000) }, now());
  return () => {
    refill(bucket, now());
    if (!hasToken(bucket)) return false;
    take(bucket);
    return true;
  };
}
