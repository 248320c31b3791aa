// Everything the library throws, as a PlatformError value. A GoogleAdsFailure is mapped by
// its error codes; a bare gRPC status or HTTP failure by its status; anything else is an
// outage of unknown cause (retryable, never retried here). Tokens never enter a message:
// only the platform's own message strings are kept, never a request or its headers.
import { platformError, type PlatformError, type PlatformErrorCode } from '../port.ts';
import { entriesOf, isGoogleAdsFailure, type FailureEntry } from './failure.ts';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

// Transient: worth the adapter's own backoff (retry.ts). gRPC codes 4, 8, 13, 14.
export type Transient = 'DEADLINE_EXCEEDED' | 'RESOURCE_EXHAUSTED' | 'INTERNAL' | 'UNAVAILABLE';
const grpcTransient: Record<number, Transient> = { 4: 'DEADLINE_EXCEEDED', 8: 'RESOURCE_EXHAUSTED', 13: 'INTERNAL', 14: 'UNAVAILABLE' };
const httpTransient: Record<number, Transient> = { 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export type Classified = { readonly transient: Transient; readonly platformMessage: string } | { readonly error: PlatformError };

// Which port code an entry means; the first entry by this order decides for a failure.
function codeOf(e: FailureEntry): PlatformErrorCode {
  if (e.kind === 'quota_error' && e.code !== 'ACCESS_PROHIBITED') return 'platform.rate_limited';
  if (/billing|payments/.test(e.kind)) return 'platform.payer_problem';
  if (/^policy_/.test(e.kind)) return 'platform.policy_disapproved';
  if (/budget/.test(e.kind)) return 'platform.budget_rejected';
  if (/NOT_FOUND$/.test(e.code)) return 'platform.not_found';
  return 'platform.invalid';
}
const precedence: readonly PlatformErrorCode[] = ['platform.rate_limited', 'platform.payer_problem', 'platform.policy_disapproved', 'platform.budget_rejected', 'platform.not_found', 'platform.invalid'];

export const describeEntry = (e: FailureEntry): string => `${e.kind}.${e.code}${e.fieldPath ? ` at ${e.fieldPath}` : ''}: ${e.message}`;

// `name` says what the entries are about, e.g. "Google Ads refused the campaign": each
// entry keeps its code and field path in details; the platform's words in platformMessage.
// `about(i)` names MutateOperation i ("ad a2 in ad group main"), so a refusal says what it refused.
export type About = (operationIndex: number) => string | undefined;

export function errorFromEntries(entries: readonly FailureEntry[], what: string, about: About = () => undefined, extra: Loose = {}): PlatformError {
  const ranked = [...entries].sort((a, b) => precedence.indexOf(codeOf(a)) - precedence.indexOf(codeOf(b)));
  const lead = ranked[0];
  if (!lead) return platformError('platform.invalid', `${what}: Google Ads gave no reason`, { details: extra });
  const code = codeOf(lead);
  const platformMessage = entries.map(describeEntry).join('; ');
  const named = (e: FailureEntry) => (e.operationIndex === undefined ? undefined : about(e.operationIndex));
  const details = { errors: entries.map((e) => ({ code: `${e.kind}.${e.code}`, fieldPath: e.fieldPath, message: e.message, ...(named(e) ? { operation: named(e) } : {}) })), ...extra };
  const subjects = [...new Set(entries.map(named).filter((n): n is string => n !== undefined))];
  const title = subjects.length > 0 ? `${what}: Google Ads refused ${subjects.join(', ')}` : what;
  if (code === 'platform.rate_limited') {
    const daily = lead.code === 'RESOURCE_EXHAUSTED' && lead.retryDelayMs === undefined;
    const message = daily ? `${title}: the developer token's or account's daily operations quota is used up (retry after Google's day ends)` : `${title}: Google Ads asks to slow down`;
    return platformError(code, message, { platformMessage, details, ...(lead.retryDelayMs === undefined ? {} : { retryAfterMs: lead.retryDelayMs }) });
  }
  return platformError(code, `${title}: ${lead.kind}.${lead.code}`, { platformMessage, details });
}

const credentialsRefused = (platformMessage: string): PlatformError =>
  platformError('platform.invalid', 'Google refused the credentials (invalid_grant): the refresh token was revoked or has expired; the account must be connected again', {
    platformMessage,
    details: { reason: 'credentials_refused' },
  });

export function classify(e: unknown, what: string, about?: About): Classified {
  if (isGoogleAdsFailure(e)) return { error: errorFromEntries(entriesOf(e), what, about) };
  const o: Loose = isObject(e) ? e : {};
  const message = typeof o.message === 'string' ? o.message : String(e);
  const response = isObject(o.response) ? o.response : {};
  const data = isObject(response.data) ? response.data : {};
  if (message.includes('invalid_grant') || data.error === 'invalid_grant') return { error: credentialsRefused(message) };
  // A gRPC status (grpc-js ServiceError: numeric code, details, metadata).
  if (typeof o.code === 'number' && 'metadata' in o) {
    const transient = grpcTransient[o.code];
    if (transient) return { transient, platformMessage: message };
    if (o.code === 16 || o.code === 7) return { error: platformError('platform.invalid', `${what}: Google Ads refused the caller (${o.code === 16 ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED'})`, { platformMessage: message }) };
    if (o.code === 5) return { error: platformError('platform.not_found', `${what}: not found`, { platformMessage: message }) };
    return { error: platformError('platform.invalid', `${what}: gRPC status ${o.code}`, { platformMessage: message }) };
  }
  // REST: the library turns a streamed error body into Error(message, {cause: {code, status}}).
  const cause = isObject(o.cause) ? o.cause : {};
  const status = typeof response.status === 'number' ? response.status : typeof cause.code === 'number' ? cause.code : undefined;
  if (status !== undefined && httpTransient[status]) return { transient: httpTransient[status], platformMessage: message };
  if (typeof o.code === 'string' && networkCodes.has(o.code)) return { transient: 'UNAVAILABLE', platformMessage: message };
  if (status === 401 || status === 403) return { error: platformError('platform.invalid', `${what}: Google Ads refused the caller (HTTP ${status})`, { platformMessage: message }) };
  if (status === 404) return { error: platformError('platform.not_found', `${what}: not found`, { platformMessage: message }) };
  return { error: platformError('platform.unavailable', `${what}: Google Ads failed in a way the adapter does not know`, { platformMessage: message }) };
}

// A transient failure the adapter stopped retrying.
export const gaveUp = (transient: Transient, platformMessage: string, what: string, attempts: number): PlatformError =>
  platformError(transient === 'RESOURCE_EXHAUSTED' ? 'platform.rate_limited' : 'platform.unavailable', `${what}: Google Ads answered ${transient} ${attempts} time(s)`, { platformMessage });
