// GAQL over REST, where google-ads-api 24.1.0 sends query(): POST
// /v24/customers/{id}/googleAds:searchStream (a JSON array of batches) and :search (pages of
// pageSize rows with nextPageToken), plus the OAuth token endpoint. Errors are Google's
// REST error bodies; on searchStream they come inside the array, as Google streams them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runQuery } from './gaql.ts';
import { authorised, takeFault, type ServerState } from './state.ts';
import { quotaError, restError, toRestJson } from './wire.ts';

type Loose = Record<string, unknown>;

const send = (res: ServerResponse, status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function token(state: ServerState, res: ServerResponse, text: string) {
  state.calls.token++;
  const refresh = new URLSearchParams(text).get('refresh_token') ?? '';
  if (state.revoked.has(refresh)) return send(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  const access = `ya29.local-${state.issued.size + 1}`;
  state.issued.add(access);
  return send(res, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/adwords' });
}

export async function restHandler(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await bodyOf(req);
  if (req.url === '/token') return token(state, res, text);
  const m = /^\/v24\/customers\/(\d+)\/googleAds:(search|searchStream)$/.exec(req.url ?? '');
  if (!m) return send(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
  const stream = m[2] === 'searchStream';
  const reply = (status: number, payload: Loose) => send(res, status, stream ? [payload] : payload);
  state.calls.search++;
  if (!authorised(state, req.headers.authorization) || !req.headers['developer-token']) return reply(401, restError(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.'));
  const fault = takeFault(state, 'search');
  if (fault?.kind === 'rate_limited' || fault?.kind === 'quota_exhausted')
    return reply(429, restError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [quotaError(fault.kind === 'rate_limited' ? fault.retryDelayMs : undefined)]));
  if (fault?.kind === 'internal') return reply(500, restError(500, 'INTERNAL', 'Internal error encountered.'));
  if (fault?.kind === 'bare_resource_exhausted') return reply(429, restError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted.'));
  if (fault) return reply(503, restError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
  const request = JSON.parse(text || '{}') as Loose;
  let rows: Loose[];
  try {
    rows = runQuery(state.model, m[1]!, String(request.query));
  } catch (e) {
    return reply(400, restError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [{ error_code: { query_error: 'UNRECOGNIZED_FIELD' }, message: String((e as Error).message) }]));
  }
  const fieldMask = String(request.query).replace(/^\s*SELECT\s+/i, '').split(/\s+FROM\s+/i)[0]!.replace(/\s+/g, '');
  if (stream) return reply(200, { ...(rows.length ? { results: toRestJson(rows) } : {}), fieldMask, requestId: `local-${++state.serial}` });
  const offset = Number(request.page_token ?? request.pageToken ?? 0);
  const page = rows.slice(offset, offset + state.pageSize);
  const next = offset + state.pageSize < rows.length ? { nextPageToken: String(offset + state.pageSize) } : {};
  return reply(200, { ...(page.length ? { results: toRestJson(page) } : {}), ...next, fieldMask });
}

export const internalError = (res: ServerResponse, e: unknown): void => send(res, 500, { error: { code: 500, message: String(e), status: 'INTERNAL' } });
