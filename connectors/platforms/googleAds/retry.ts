// One call to Google Ads as an outcome: the library's throw becomes a PlatformError, and a
// transient failure is tried again after each of the adapter's delays (1 s, 2 s, 4 s by
// default) before it is surfaced as retryable. Quota errors that carry a GoogleAdsFailure
// are surfaced at once with Google's retry delay: the caller's rate limiter waits, not us.
//
// gax, under the library, has retries of its own for Mutate/Search (UNAVAILABLE and
// DEADLINE_EXCEEDED, 5 s then x1.3, up to 600 s; google-ads-node's
// google_ads_service_client_config.json). google-ads-api 24.1.0 passes no call options
// through (mutateResources sends only `otherArgs.headers`), so the adapter cannot turn them
// off: against the real API a transient outage can be waited out by gax before we see it.
import { setTimeout as sleep } from 'node:timers/promises';
import { failed, ok, type PlatformOutcome } from '../port.ts';
import { classify, gaveUp, type About } from './errors.ts';

export interface RetryPolicy {
  readonly delaysMs: readonly number[];
}

// `repeatable: false` for a request that must not be sent twice blindly (a create: after a
// lost answer the next ensure looks the campaign up by its key instead).
export async function call<T>(what: string, work: () => Promise<T>, policy: RetryPolicy, repeatable = true, about?: About): Promise<PlatformOutcome<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return ok(await work());
    } catch (e) {
      const c = classify(e, what, about);
      if ('error' in c) return failed(c.error);
      const delay = policy.delaysMs[attempt];
      if (!repeatable || delay === undefined) return failed(gaveUp(c.transient, c.platformMessage, what, attempt + 1));
      await sleep(delay);
    }
  }
}
