// Meta's refusals and outages as PlatformError values. Graph's own words are kept in
// platformMessage (error_user_msg where Meta gives one); the request URL, which carries the
// access token, and the request body are never read into an error.
import type { PlatformError } from '../port.ts';
import { platformError } from '../port.ts';
import { retryAfterMsOf, type Headers } from './usage.ts';

// The `error` object of a Graph error response (developers.facebook.com/docs/graph-api/guides/error-handling).
export interface GraphErrorBody {
  readonly message?: string;
  readonly type?: string;
  readonly code?: number;
  readonly error_subcode?: number;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly is_transient?: boolean;
  readonly fbtrace_id?: string;
}

// Marketing API error reference: 4 app, 17 user, 32 page, 613 ad account request limits;
// 80000-80014 business use case limits (80004 ads management).
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isRateLimit = (code: number) => RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014);
// 1 unknown and 2 service errors are Meta's "retry later"; 190 invalid/expired token, 102
// session; 10 and 200-299 permissions; 368 blocked for policy.
const TOKEN_CODES = new Set([102, 190]);
// Subcodes that name their cause. Budget 1885272 and the billing/policy ones come from
// third-party error listings, not a Meta page we could read; the error_user_title test
// below backs them up.
const BUDGET_SUBCODES = new Set([1885272, 1885650, 1487171]);
const PAYER_SUBCODES = new Set([1487390, 1487734, 2446077]);
const POLICY_SUBCODES = new Set([1443141, 1885016]);
const NOT_FOUND_SUBCODES = new Set([33]);

const said = (e: GraphErrorBody): string =>
  [e.error_user_title, e.error_user_msg ?? e.message].filter((s): s is string => typeof s === 'string' && s.length > 0).join(': ') ||
  'Meta gave no message';

export function graphError(e: GraphErrorBody, headers: Headers | undefined, status: number | null): PlatformError {
  const code = e.code ?? 0;
  const sub = e.error_subcode ?? 0;
  const platformMessage = `${said(e)} (code ${code}${sub ? `, subcode ${sub}` : ''}${e.fbtrace_id ? `, fbtrace_id ${e.fbtrace_id}` : ''})`;
  const title = `${e.error_user_title ?? ''} ${e.error_user_msg ?? ''}`;
  if (isRateLimit(code)) {
    const retryAfterMs = retryAfterMsOf(headers);
    return platformError('platform.rate_limited', `Meta is rate limiting this app or ad account (code ${code})`, { platformMessage, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (TOKEN_CODES.has(code)) return platformError('platform.invalid', 'Meta refused the credentials: the access token is invalid or expired', { platformMessage });
  if (code === 10 || (code >= 200 && code <= 299)) return platformError('platform.invalid', 'Meta refused the call: the token lacks permission for this ad account or action', { platformMessage });
  if (BUDGET_SUBCODES.has(sub) || /budget[^.]*(too low|too small|minimum)|minimum[^.]*budget/i.test(title)) return platformError('platform.budget_rejected', 'Meta refused the budget', { platformMessage });
  if (PAYER_SUBCODES.has(sub) || /payment|billing|unsettled|spend limit/i.test(title)) return platformError('platform.payer_problem', 'Meta refused the change: the ad account has a billing problem', { platformMessage });
  if (code === 368 || POLICY_SUBCODES.has(sub) || /polic(y|ies)|disapproved|rejected/i.test(title)) return platformError('platform.policy_disapproved', 'Meta refused it under its advertising policies', { platformMessage });
  if (code === 803 || (code === 100 && NOT_FOUND_SUBCODES.has(sub))) return platformError('platform.not_found', 'Meta has no such object, or this token cannot see it', { platformMessage });
  if (code === 1 || code === 2 || e.is_transient === true || (status !== null && status >= 500)) return platformError('platform.unavailable', 'Meta failed transiently; try again', { platformMessage });
  return platformError('platform.invalid', 'Meta refused the request as invalid', { platformMessage });
}

// Whatever the SDK or axios threw. FacebookRequestError is not exported: known by its name.
export function thrownError(error: unknown): PlatformError {
  const e = error as { name?: unknown; status?: unknown; response?: unknown; headers?: unknown; message?: unknown };
  if (e?.name === 'FacebookRequestError') {
    const status = typeof e.status === 'number' ? e.status : null;
    const body = (e.response ?? null) as GraphErrorBody | null;
    if (body && typeof body === 'object' && (body.code !== undefined || body.message !== undefined)) return graphError(body, e.headers as Headers | undefined, status);
    if (status === null) return platformError('platform.unavailable', 'No answer from Meta; the request may have been carried out', { platformMessage: String(e.message ?? '') });
    return platformError('platform.unavailable', `Meta answered HTTP ${status} without a Graph error`, { platformMessage: `HTTP ${status}` });
  }
  // The SDK parses an error body with JSON.parse: a non-JSON 502 from a proxy surfaces as a bare SyntaxError.
  if (e?.name === 'SyntaxError') return platformError('platform.unavailable', 'Meta answered with something that is not JSON (a proxy error page?)', { platformMessage: 'non-JSON response' });
  return platformError('platform.unavailable', 'The call to Meta failed before an answer came back', { platformMessage: e?.name === undefined ? 'unknown failure' : String(e.name) });
}
