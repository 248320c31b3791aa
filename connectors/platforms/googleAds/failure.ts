// A GoogleAdsFailure in one shape whichever transport brought it. Over gRPC the library
// decodes the failure trailer, so enum values are numbers and retry_delay a Duration; over
// REST it builds the failure from JSON, so they are names and "1.5s".
import { errors } from 'google-ads-api';

export interface FailureEntry {
  readonly kind: string; // the error_code field set, e.g. 'quota_error'
  readonly code: string; // its enum value's name, e.g. 'RESOURCE_TEMPORARILY_EXHAUSTED'
  readonly message: string;
  readonly fieldPath: string; // 'mutate_operations[4].ad_group_ad_operation.create.ad.final_urls[0]'
  readonly operationIndex?: number; // which MutateOperation, when the error names one
  readonly retryDelayMs?: number;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const pascal = (snake: string): string => snake.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

// error_code.quota_error = 4 → 'RESOURCE_TEMPORARILY_EXHAUSTED', read from the library's own enums.
function enumName(kind: string, value: unknown): string {
  if (typeof value !== 'number') return String(value);
  const holder = (errors as unknown as Record<string, Record<string, Record<number, string>> | undefined>)[`${pascal(kind)}Enum`];
  return holder?.[pascal(kind)]?.[value] ?? String(value);
}

function durationMs(d: unknown): number | undefined {
  if (typeof d === 'string') {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(d);
    return m ? Math.round(Number(m[1]) * 1000) : undefined;
  }
  if (!isObject(d)) return undefined;
  const ms = Number(d.seconds ?? 0) * 1000 + Number(d.nanos ?? 0) / 1e6;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}

function pathOf(location: unknown): { fieldPath: string; operationIndex?: number } {
  const elements = isObject(location) && Array.isArray(location.field_path_elements) ? (location.field_path_elements as unknown[]) : [];
  const parts = elements.filter(isObject).map((e) => `${String(e.field_name)}${typeof e.index === 'number' ? `[${e.index}]` : ''}`);
  const first = elements.find(isObject);
  const index = first && first.field_name === 'mutate_operations' && typeof first.index === 'number' ? first.index : undefined;
  return index === undefined ? { fieldPath: parts.join('.') } : { fieldPath: parts.join('.'), operationIndex: index };
}

export function entriesOf(failure: InstanceType<typeof errors.GoogleAdsFailure>): FailureEntry[] {
  const list = (failure as unknown as Loose).errors;
  return (Array.isArray(list) ? list : []).filter(isObject).map((e) => {
    const codeObject = isObject(e.error_code) ? e.error_code : {};
    const [kind, value] = Object.entries(codeObject).find(([, v]) => v !== undefined && v !== null) ?? ['unknown', 'UNKNOWN'];
    const details = isObject(e.details) ? e.details : {};
    const retryDelayMs = durationMs(isObject(details.quota_error_details) ? details.quota_error_details.retry_delay : undefined);
    return { kind, code: enumName(kind, value), message: String(e.message ?? ''), ...pathOf(e.location), ...(retryDelayMs === undefined ? {} : { retryDelayMs }) };
  });
}

export const isGoogleAdsFailure = (e: unknown): e is InstanceType<typeof errors.GoogleAdsFailure> => e instanceof errors.GoogleAdsFailure;
