// Faults a test arms on the sandbox, and the error each one answers with. Kept in memory:
// a fault belongs to the test that armed it, not to the platform's persistent state.
import type { Platform } from '../../../domain/shared/values.ts';
import type { PlatformError, PlatformPort } from '../port.ts';
import { platformError } from '../port.ts';

export type SandboxOperation = Exclude<keyof PlatformPort, 'name' | 'platforms' | 'close'>;

export type SandboxFault =
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly kind: 'unavailable' } // a transient 5xx
  | { readonly kind: 'down' } // the platform answers nothing at all (arm it with `platform`)
  | { readonly kind: 'budget_rejected' }
  | { readonly kind: 'payer_problem' }
  | { readonly kind: 'policy_disapproved' }
  | { readonly kind: 'latency'; readonly ms: number } // delays the call, then it runs
  // The platform does the work and the answer never reaches us: the crash window between
  // a platform's create and our record of it.
  | { readonly kind: 'lost_response' };

export interface FaultInjection {
  readonly platform?: Platform; // every platform when absent
  readonly operation?: SandboxOperation; // every operation when absent
  readonly fault: SandboxFault;
  readonly times?: number; // calls it applies to; 1 when absent, Infinity until clearFaults()
}

interface Armed {
  readonly injection: FaultInjection;
  left: number;
}

export interface TakenFaults {
  readonly delayMs: number;
  readonly failure?: SandboxFault; // at most one failure per call, the earliest armed
}

export interface FaultBox {
  inject(injection: FaultInjection): void;
  clear(): void;
  take(platform: Platform, operation: SandboxOperation): TakenFaults;
}

export function faultBox(): FaultBox {
  let armed: Armed[] = [];
  const applies = (a: Armed, platform: Platform, operation: SandboxOperation) =>
    a.left > 0 && (a.injection.platform ?? platform) === platform && (a.injection.operation ?? operation) === operation;
  return {
    inject: (injection) => void armed.push({ injection, left: injection.times ?? 1 }),
    clear: () => void (armed = []),
    take(platform, operation) {
      let delayMs = 0;
      let failure: SandboxFault | undefined;
      for (const a of armed) {
        if (!applies(a, platform, operation)) continue;
        const fault = a.injection.fault;
        if (fault.kind === 'latency') delayMs += fault.ms;
        else if (failure === undefined) failure = fault;
        else continue; // a later failure waits for a later call
        a.left -= 1;
      }
      armed = armed.filter((a) => a.left > 0);
      return failure === undefined ? { delayMs } : { delayMs, failure };
    },
  };
}

// Said in each platform's manner, marked as the sandbox's so nobody mistakes it for a
// recorded platform answer.
const says = (platform: Platform, text: string): string => `${platform} sandbox: ${text}`;

export function faultError(platform: Platform, fault: Exclude<SandboxFault, { kind: 'latency' }>): PlatformError {
  const google = platform === 'google_ads';
  switch (fault.kind) {
    case 'rate_limited':
      return platformError('platform.rate_limited', `${platform} is rate limiting us; retry after ${fault.retryAfterMs} ms`, {
        retryAfterMs: fault.retryAfterMs,
        platformMessage: says(platform, google ? 'RESOURCE_EXHAUSTED QuotaError.RESOURCE_TEMPORARILY_EXHAUSTED' : '(#80004) too many calls to this ad account'),
      });
    case 'unavailable':
      return platformError('platform.unavailable', `${platform} failed transiently; try again`, {
        platformMessage: says(platform, google ? 'INTERNAL InternalError.TRANSIENT_ERROR' : '(#2) An unexpected error has occurred. Please retry your request later.'),
      });
    case 'down':
      return platformError('platform.unavailable', `${platform} is not answering`, { platformMessage: says(platform, google ? 'UNAVAILABLE' : 'HTTP 503') });
    case 'lost_response':
      return platformError('platform.unavailable', `No answer from ${platform}; the request may have been carried out`, {
        platformMessage: says(platform, 'DEADLINE_EXCEEDED'),
      });
    case 'budget_rejected':
      return platformError('platform.budget_rejected', `${platform} refused the budget`, { platformMessage: says(platform, 'budget refused (injected)') });
    case 'payer_problem':
      return platformError('platform.payer_problem', `${platform} refused the change: the paying account has a billing problem`, {
        platformMessage: says(platform, 'payment method needs attention (injected)'),
      });
    case 'policy_disapproved':
      return platformError('platform.policy_disapproved', `${platform} disapproved the ad under its advertising policies`, {
        platformMessage: says(platform, 'policy violation (injected)'),
      });
  }
}
