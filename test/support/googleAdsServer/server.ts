// A local stand-in for Google Ads API v24, for tests: GoogleAdsService.Mutate over gRPC
// with TLS (served from google-ads-node's protos.json), GAQL search/searchStream over REST
// (where google-ads-api 24.1.0 sends query()), and an OAuth /token endpoint. Its accounts
// live in memory. Faults, policy refusals and hand edits are the tests' handles.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyModel, type Model, type Resource } from './model.ts';
import { applyMutate } from './mutate.ts';
import { runQuery } from './gaql.ts';
import { localhostCert } from './tls.ts';
import { FAILURE_TRAILER, FAILURE_TYPE, failureBytes, quotaError, restError, toRestJson } from './wire.ts';

const require = createRequire(import.meta.url);
type Loose = Record<string, unknown>;

export type ServerFault = { kind: 'rate_limited'; retryDelayMs: number } | { kind: 'quota_exhausted' } | { kind: 'unavailable' } | { kind: 'internal' } | { kind: 'bare_resource_exhausted' } | { kind: 'lost_response' };
export type Rpc = 'mutate' | 'search' | 'any';

export interface LocalGoogleAds {
  readonly grpcPort: number;
  readonly restUrl: string; // http://127.0.0.1:port, the REST root (…/v24/customers/…)
  readonly tokenUrl: string;
  readonly caPem: Buffer;
  readonly calls: { mutate: number; search: number; token: number };
  readonly mutateRequests: Loose[]; // as decoded by the server, snake_case, enums by name
  pageSize: number; // Google: 10,000 rows a page
  model(): Model;
  openAccount(customerId: string, currency: string, autoTagging?: boolean): void;
  setAutoTagging(customerId: string, on: boolean): void;
  inject(rpc: Rpc, fault: ServerFault, times?: number): void;
  clearFaults(): void;
  refuseAdUrl(url: string): void; // Google's policy refuses ads with this final URL
  revoke(refreshToken: string): void;
  creations(labelName: string): number;
  editByHand(campaignId: string, edit: { budgetMicros?: number; status?: 'enabled' | 'paused' | 'removed'; name?: string }): void;
  close(): Promise<void>;
}

const protos = protoLoader.fromJSON(require('google-ads-node/build/protos/protos.json'), { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true });
const loaded = grpc.loadPackageDefinition(protos) as unknown as { google: { ads: { googleads: { v24: { services: { GoogleAdsService: { service: grpc.ServiceDefinition } } } } } } };
const service = loaded.google.ads.googleads.v24.services.GoogleAdsService.service;

export async function startLocalGoogleAds(): Promise<LocalGoogleAds> {
  let model = emptyModel();
  let requestSerial = 0;
  const faults: { rpc: Rpc; fault: ServerFault; times: number }[] = [];
  const refused = new Set<string>();
  const revoked = new Set<string>();
  const issued = new Set<string>();
  const created = new Map<string, number>();
  const calls = { mutate: 0, search: 0, token: 0 };
  const mutateRequests: Loose[] = [];
  const take = (rpc: 'mutate' | 'search'): ServerFault | undefined => {
    const i = faults.findIndex((f) => f.rpc === rpc || f.rpc === 'any');
    if (i < 0) return undefined;
    const f = faults[i]!;
    if (--f.times <= 0) faults.splice(i, 1);
    return f.fault;
  };
  const authorised = (header: unknown) => typeof header === 'string' && issued.has(header.replace(/^Bearer /, ''));

  // ---- gRPC: Mutate ----
  const grpcError = (code: grpc.status, details: string, failure?: Buffer): Partial<grpc.StatusObject> => {
    const metadata = new grpc.Metadata();
    if (failure) metadata.add(FAILURE_TRAILER, failure);
    return { code, details, metadata };
  };
  const mutate: grpc.handleUnaryCall<Loose, Loose> = (call, callback) => {
    calls.mutate++;
    const requestId = `local-${++requestSerial}`;
    if (!authorised(call.metadata.get('authorization')[0]) || !call.metadata.get('developer-token')[0]) return callback(grpcError(grpc.status.UNAUTHENTICATED, 'Request is missing required authentication credential.'));
    const request = call.request;
    mutateRequests.push(request);
    const fault = take('mutate');
    if (fault?.kind === 'rate_limited' || fault?.kind === 'quota_exhausted')
      return callback(grpcError(grpc.status.RESOURCE_EXHAUSTED, 'Resource has been exhausted (e.g. check quota).', failureBytes([quotaError(fault.kind === 'rate_limited' ? fault.retryDelayMs : undefined)], requestId)));
    if (fault?.kind === 'unavailable') return callback(grpcError(grpc.status.UNAVAILABLE, 'The service is currently unavailable.'));
    if (fault?.kind === 'internal') return callback(grpcError(grpc.status.INTERNAL, 'Internal error encountered.'));
    if (fault?.kind === 'bare_resource_exhausted') return callback(grpcError(grpc.status.RESOURCE_EXHAUSTED, 'Bandwidth exhausted or memory limit exceeded.'));
    const customerId = String(request.customer_id);
    if (!model.customers[customerId]) return callback(grpcError(grpc.status.PERMISSION_DENIED, "The caller does not have permission", failureBytes([{ error_code: { authorization_error: 'USER_PERMISSION_DENIED' }, message: `No access to customer ${customerId}` }], requestId)));
    const out = applyMutate(model, customerId, request, { refuseAdUrls: refused });
    if (out.errors.length > 0 && (!request.partial_failure || out.whole)) return callback(grpcError(grpc.status.INVALID_ARGUMENT, 'Request contains an invalid argument.', failureBytes(out.errors, requestId)));
    if (!request.validate_only) {
      model = out.model;
      for (const label of out.createdKeyLabels) created.set(label, (created.get(label) ?? 0) + 1);
    }
    if (fault?.kind === 'lost_response') return callback(grpcError(grpc.status.UNAVAILABLE, 'Connection reset before the response was sent.'));
    const partial = out.errors.length > 0 ? { code: 3, message: 'Multiple errors in ‘details’. First error: ' + out.errors[0]!.message, details: [{ type_url: FAILURE_TYPE, value: failureBytes(out.errors, requestId) }] } : undefined;
    callback(null, { mutate_operation_responses: request.validate_only ? [] : out.responses, ...(partial ? { partial_failure_error: partial } : {}) });
  };
  const unimplemented = (_call: unknown, callback: (e: Partial<grpc.StatusObject>) => void) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'The local server serves GAQL over REST, where google-ads-api sends it' });
  const grpcServer = new grpc.Server();
  grpcServer.addService(service, { Mutate: mutate, Search: unimplemented, SearchStream: unimplemented } as unknown as grpc.UntypedServiceImplementation);
  const cert = localhostCert();
  const grpcPort = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createSsl(null, [{ private_key: cert.key, cert_chain: cert.cert }], false), (e, port) => (e ? reject(e) : resolve(port))),
  );

  // ---- REST: GAQL and OAuth ----
  const state = { pageSize: 10_000 };
  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const body = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return text;
  };
  async function rest(req: IncomingMessage, res: ServerResponse) {
    const text = await body(req);
    if (req.url === '/token') {
      calls.token++;
      const form = new URLSearchParams(text);
      const token = form.get('refresh_token') ?? '';
      if (revoked.has(token)) return send(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      const access = `ya29.local-${issued.size + 1}`;
      issued.add(access);
      return send(res, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/adwords' });
    }
    const m = /^\/v24\/customers\/(\d+)\/googleAds:(search|searchStream)$/.exec(req.url ?? '');
    if (!m) return send(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    const stream = m[2] === 'searchStream';
    const reply = (status: number, payload: Loose) => send(res, status, stream ? [payload] : payload);
    calls.search++;
    if (!authorised(req.headers.authorization) || !req.headers['developer-token']) return reply(401, restError(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.'));
    const fault = take('search');
    if (fault?.kind === 'rate_limited' || fault?.kind === 'quota_exhausted')
      return reply(429, restError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [quotaError(fault.kind === 'rate_limited' ? fault.retryDelayMs : undefined)]));
    if (fault?.kind === 'unavailable' || fault?.kind === 'lost_response') return reply(503, restError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
    if (fault?.kind === 'internal') return reply(500, restError(500, 'INTERNAL', 'Internal error encountered.'));
    if (fault?.kind === 'bare_resource_exhausted') return reply(429, restError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted.'));
    const request = JSON.parse(text || '{}') as Loose;
    let rows: Loose[];
    try {
      rows = runQuery(model, m[1]!, String(request.query));
    } catch (e) {
      return reply(400, restError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [{ error_code: { query_error: 'UNRECOGNIZED_FIELD' }, message: String((e as Error).message) }]));
    }
    const fieldMask = String(request.query).replace(/^\s*SELECT\s+/i, '').split(/\s+FROM\s+/i)[0]!.replace(/\s+/g, '');
    if (stream) return reply(200, { ...(rows.length ? { results: toRestJson(rows) } : {}), fieldMask, requestId: `local-${++requestSerial}` } as Loose);
    const offset = Number(request.page_token ?? request.pageToken ?? 0);
    const page = rows.slice(offset, offset + state.pageSize);
    const next = offset + state.pageSize < rows.length ? { nextPageToken: String(offset + state.pageSize) } : {};
    return reply(200, { ...(page.length ? { results: toRestJson(page) } : {}), ...next, fieldMask });
  }
  const http = createServer((req, res) => void rest(req, res).catch((e: unknown) => send(res, 500, { error: { code: 500, message: String(e), status: 'INTERNAL' } })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const restPort = (http.address() as AddressInfo).port;

  const campaign = (id: string): Resource => {
    const c = model.campaigns[id];
    if (!c) throw new Error(`local Google Ads: no campaign ${id}`);
    return c;
  };
  return {
    grpcPort,
    restUrl: `http://127.0.0.1:${restPort}`,
    tokenUrl: `http://127.0.0.1:${restPort}/token`,
    caPem: cert.cert,
    calls,
    mutateRequests,
    get pageSize() { return state.pageSize; },
    set pageSize(n: number) { state.pageSize = n; },
    model: () => model,
    openAccount: (customerId, currency, autoTagging = true) => void (model.customers[customerId] = { id: Number(customerId), currency_code: currency, auto_tagging_enabled: autoTagging }),
    setAutoTagging: (customerId, on) => void (model.customers[customerId]!.auto_tagging_enabled = on),
    inject: (rpc, fault, times = 1) => void faults.push({ rpc, fault, times }),
    clearFaults: () => void faults.splice(0),
    refuseAdUrl: (url) => void refused.add(url),
    revoke: (token) => void revoked.add(token),
    creations: (label) => created.get(label) ?? 0,
    editByHand: (id, edit) => {
      const c = campaign(id);
      if (edit.name !== undefined) c.name = edit.name;
      if (edit.status !== undefined) c.status = edit.status.toUpperCase();
      if (edit.budgetMicros !== undefined) {
        const budget = Object.values(model.budgets).find((b) => b.resource_name === c.campaign_budget)!;
        budget[budget.period === 'CUSTOM_PERIOD' ? 'total_amount_micros' : 'amount_micros'] = edit.budgetMicros;
      }
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      grpcServer.forceShutdown();
    },
  };
}
