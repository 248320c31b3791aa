// A local plain-HTTP stand-in for Meta's Graph API v24.0, answering the calls the Meta
// adapter makes through facebook-nodejs-business-sdk, with objects in memory
// (metaGraphStore.ts), faults a test arms per access token, the requests it received, and
// hand edits (a person in Ads Manager). It stands in for Meta in tests only.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { page, edge, insightRows, nodeOf } from './metaGraphReads.ts';
import { graphError, GraphFailure, graphStore, num, type Params } from './metaGraphStore.ts';

export type GraphFault =
  // Meta refusing for rate: code 4/17/613/80004 with usage headers (regain in minutes, reset in seconds).
  | { readonly kind: 'rate_limited'; readonly code?: number; readonly regainMinutes?: number; readonly resetSeconds?: number }
  | { readonly kind: 'unavailable' } // HTTP 500 with Graph error code 2 (is_transient)
  | { readonly kind: 'bad_gateway' } // HTTP 502 with an HTML page, as a proxy in front of Graph answers
  | { readonly kind: 'lost_response' } // the request is carried out, then the connection drops
  | { readonly kind: 'refuse'; readonly status?: number; readonly error: Record<string, unknown> };

export interface Armed {
  readonly fault: GraphFault;
  readonly method?: 'GET' | 'POST'; // only requests with this method
  times: number;
}
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly params: Params;
  readonly inBatch: boolean;
}
export interface Usage {
  readonly callCount: number; // percent, in x-business-use-case-usage
  readonly regainMinutes?: number;
  readonly accountPercent?: number; // acc_id_util_pct in x-ad-account-usage
  readonly resetSeconds?: number;
}

const VERSION = 'v24.0';

export async function startMetaGraphServer(options: { readonly pageSize?: number } = {}) {
  const store = graphStore();
  const tokens = new Set<string>();
  const faults = new Map<string, Armed[]>();
  const usage = new Map<string, Usage>();
  const secrets = new Map<string, string>(); // tokens whose app requires appsecret_proof
  const received = new Map<string, Received[]>();
  let baseUrl = '';

  const usageHeaders = (token: string, extra: Partial<Usage> = {}) => {
    const u = { callCount: 1, ...usage.get(token), ...extra };
    return {
      'x-business-use-case-usage': JSON.stringify({ '1234': [{ type: 'ads_management', call_count: u.callCount, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: u.regainMinutes ?? 0 }] }),
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: u.accountPercent ?? u.callCount, ...(u.resetSeconds !== undefined ? { reset_time_duration: u.resetSeconds } : {}), ads_api_access_tier: 'standard_access' }),
    };
  };

  // One Graph call (also each operation of a batch).
  function route(token: string, method: string, path: string, p: Params): unknown {
    const parts = path.split('/').filter(Boolean);
    const [id, edgeName, extra] = parts;
    if (!id || extra !== undefined) throw graphError(400, 100, `Unknown path components: /${path}`);
    const self = (more: Params) => `${baseUrl}/${VERSION}/${path}?${new URLSearchParams(Object.entries({ ...p, ...more, access_token: token }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`;
    if (method === 'GET' && !edgeName) return nodeOf(store, id, p);
    if (edgeName === 'insights' && id.startsWith('act_')) {
      if (method === 'GET') return page(insightRows(store, id, p), p, self, options.pageSize ?? 25);
      const run = { id: store.newId(), kind: 'report_run' as const, account: id, rows: insightRows(store, id, p), polls: 0 };
      store.objects.set(run.id, run);
      return { report_run_id: run.id };
    }
    if (edgeName === 'insights' && method === 'GET') {
      const run = store.get(id, 'report_run');
      if (num(run.polls) < 2) throw graphError(400, 100, 'The report run is not complete yet');
      return page(run.rows as Record<string, unknown>[], p, self, options.pageSize ?? 25);
    }
    if (method === 'GET') return page(edge(store, id, edgeName!, p), p, self, options.pageSize ?? 25);
    if (method === 'POST' && edgeName) return store.create(id, edgeName, p);
    if (method === 'POST') return store.update(id, p);
    throw graphError(400, 100, `Unsupported ${method} request`);
  }

  // POST / with batch=[{method, relative_url, name, body}]: run in order, each later one
  // taking earlier ids through {result=<name>:$.id}.
  function batch(token: string, ops: { method: string; relative_url: string; name?: string; body?: string }[]) {
    const ids = new Map<string, string>();
    return ops.map((op) => {
      try {
        const resolve = (text: string) => text.replace(/\{result=([^:}]+):\$\.id\}/g, (_m, name: string) => {
          const id = ids.get(name);
          if (id === undefined) throw graphError(400, 100, `The operation ${name} this one depends on failed`);
          return id;
        });
        const [path = '', query = ''] = resolve(op.relative_url).replace(/^\/?(v\d+\.\d+\/)?/, '').split('?');
        const params: Params = Object.fromEntries([...new URLSearchParams(query), ...new URLSearchParams(resolve(op.body ?? ''))]);
        received.get(token)?.push({ method: op.method, path, params, inBatch: true });
        const result = route(token, op.method, path, params) as Record<string, unknown>;
        if (op.name && typeof result.id === 'string') ids.set(op.name, result.id);
        return { code: 200, body: JSON.stringify(result) };
      } catch (e) {
        if (!(e instanceof GraphFailure)) throw e;
        return { code: e.status, body: JSON.stringify({ error: e.error }) };
      }
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body: Params = !raw ? {} : String(req.headers['content-type']).includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
    const { access_token: token = '', ...params } = { ...Object.fromEntries(url.searchParams), ...body } as Params & { access_token?: string };
    const path = url.pathname.replace(new RegExp(`^/${VERSION}/?`), '');
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      // connection: close, so no idle keep-alive socket holds a test process open after its last test
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', connection: 'close', ...usageHeaders(String(token)), ...headers });
      res.end(JSON.stringify(payload));
    };
    try {
      if (!tokens.has(String(token))) throw graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      received.get(String(token))!.push({ method: req.method ?? 'GET', path, params, inBatch: false });
      const secret = secrets.get(String(token));
      if (secret && params.appsecret_proof !== createHmac('sha256', secret).update(String(token)).digest('hex'))
        throw graphError(400, 100, params.appsecret_proof ? 'Invalid appsecret_proof provided in the API argument' : 'API calls from the server require an appsecret_proof argument');
      const armed = (faults.get(String(token)) ?? []).find((a) => a.times > 0 && (a.method ?? req.method) === req.method);
      if (armed) armed.times -= 1;
      const fault = armed?.fault;
      if (fault?.kind === 'rate_limited') {
        const code = fault.code ?? 80004;
        const extra = { callCount: 100, ...(fault.regainMinutes !== undefined ? { regainMinutes: fault.regainMinutes } : {}), ...(fault.resetSeconds !== undefined ? { resetSeconds: fault.resetSeconds } : {}) };
        const message = code === 80004 ? 'There have been too many calls to this ad-account. Wait a bit and try again.' : 'User request limit reached';
        return void send(400, { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, error_subcode: 2446079, fbtrace_id: 'AtraceRate' } }, usageHeaders(String(token), extra));
      }
      if (fault?.kind === 'unavailable') return void send(500, { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: 'AtraceDown' } });
      if (fault?.kind === 'bad_gateway') return void (res.writeHead(502, { 'content-type': 'text/html', connection: 'close' }), res.end('<html><body>502 Bad Gateway</body></html>'));
      if (fault?.kind === 'refuse') throw new GraphFailure(fault.status ?? 400, fault.error);
      const answer = method(req) === 'POST' && path === '' ? batch(String(token), JSON.parse(String(typeof params.batch === 'string' ? params.batch : JSON.stringify(params.batch)))) : route(String(token), method(req), path, params);
      if (fault?.kind === 'lost_response') return void req.socket.destroy();
      send(200, answer);
    } catch (e) {
      if (e instanceof GraphFailure) return void send(e.status, { error: e.error });
      send(500, { error: { message: `local Graph server: ${String(e)}`, type: 'OAuthException', code: 1 } });
    }
  }
  const method = (req: IncomingMessage) => (req.method === 'POST' ? 'POST' : 'GET');

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    store,
    addToken(token: string) {
      tokens.add(token);
      received.set(token, []);
    },
    addAccount(accountId: string, currency: string) {
      store.accounts.set(accountId, { id: accountId, account_id: accountId.replace(/^act_/, ''), currency, name: `Account ${accountId}` });
    },
    arm: (token: string, fault: GraphFault, o: { readonly times?: number; readonly method?: 'GET' | 'POST' } = {}) =>
      void (faults.get(token) ?? faults.set(token, []).get(token)!).push({ fault, times: o.times ?? 1, ...(o.method ? { method: o.method } : {}) }),
    setUsage: (token: string, u: Usage) => void usage.set(token, u),
    requireAppSecretProof: (token: string, appSecret: string) => void secrets.set(token, appSecret),
    received: (token: string) => received.get(token) ?? [],
    creations: (label: string) => store.creations.get(label) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type MetaGraphServer = Awaited<ReturnType<typeof startMetaGraphServer>>;
