// How the local server says things the way Google does on each transport: REST JSON
// (lowerCamelCase keys, int64 as strings, enums by name) and the gRPC failure trailer
// (google.ads.googleads.v24.errors.googleadsfailure-bin, a serialized GoogleAdsFailure).
import { errors } from 'google-ads-api';
import type { AdsError } from './mutate.ts';

type Loose = Record<string, unknown>;
const INT64 = new Set(['id', 'amount_micros', 'total_amount_micros', 'impressions', 'clicks', 'cost_micros']);
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function toRestJson(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => toRestJson(v));
  // Keys starting with "_" are proto-loader's markers for proto3 optional fields, not fields.
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value as Loose).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [camel(k), toRestJson(v, k)]));
  return INT64.has(key) && typeof value === 'number' ? String(value) : value;
}

export const FAILURE_TYPE = 'type.googleapis.com/google.ads.googleads.v24.errors.GoogleAdsFailure';
export const FAILURE_TRAILER = 'google.ads.googleads.v24.errors.googleadsfailure-bin';

export function failureBytes(list: readonly AdsError[], requestId: string): Buffer {
  const message = errors.GoogleAdsFailure.fromObject({ errors: list, request_id: requestId });
  return Buffer.from(errors.GoogleAdsFailure.encode(message).finish());
}

// A quota error as Google sends it: QuotaError with QuotaErrorDetails (retry_delay when it
// is a short-term limit; none for the daily operations quota).
export function quotaError(retryDelayMs: number | undefined): AdsError & { details: Loose } {
  const temporary = retryDelayMs !== undefined;
  return {
    error_code: { quota_error: temporary ? 'RESOURCE_TEMPORARILY_EXHAUSTED' : 'RESOURCE_EXHAUSTED' },
    message: temporary ? 'Too many requests. Retry in a moment.' : 'Too many requests. Daily operations quota exhausted.',
    details: {
      quota_error_details: {
        rate_scope: temporary ? 'ACCOUNT' : 'DEVELOPER',
        rate_name: temporary ? 'Requests per account' : 'Number of operations for basic access',
        ...(temporary ? { retry_delay: { seconds: Math.floor(retryDelayMs / 1000), nanos: (retryDelayMs % 1000) * 1e6 } } : {}),
      },
    },
  };
}

// REST: the same failure in an HTTP error body; durations as "1.5s".
export function restError(httpStatus: number, status: string, message: string, list?: readonly (AdsError & { details?: Loose })[]): Loose {
  const details = list?.map((e) => {
    const d = e.details?.quota_error_details as Loose | undefined;
    const delay = d?.retry_delay as { seconds: number; nanos: number } | undefined;
    const fixed = d ? { ...e, details: { quota_error_details: { ...d, ...(delay ? { retry_delay: `${delay.seconds + delay.nanos / 1e9}s` } : {}) } } } : e;
    return fixed;
  });
  return { error: { code: httpStatus, message, status, ...(details ? { details: [{ '@type': FAILURE_TYPE, ...(toRestJson({ errors: details }) as Loose) }] } : {}) } };
}
