// A local stand-in for Google Ads API v24, for tests: GoogleAdsService.Mutate over gRPC
// with TLS (grpcMutate.ts), GAQL search/searchStream over REST where google-ads-api 24.1.0
// sends query(), and an OAuth /token endpoint (rest.ts). Its accounts live in memory
// (model.ts). Faults, policy refusals, revoked tokens and hand edits are the tests' handles.
import * as grpc from '@grpc/grpc-js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { googleAdsService, mutateHandler, unimplemented } from './grpcMutate.ts';
import type { Model, Resource } from './model.ts';
import { internalError, restHandler } from './rest.ts';
import { newState, type Rpc, type ServerFault } from './state.ts';
import { localhostCert } from './tls.ts';

export type { Rpc, ServerFault } from './state.ts';
type Loose = Record<string, unknown>;

export interface LocalGoogleAds {
  readonly grpcPort: number;
  readonly restUrl: string; // http://127.0.0.1:port, the REST root (…/v24/customers/…)
  readonly tokenUrl: string;
  readonly caPem: Buffer;
  readonly calls: { mutate: number; search: number; token: number };
  readonly mutateRequests: Loose[]; // as decoded by the server: snake_case, enums by name
  pageSize: number;
  model(): Model;
  openAccount(customerId: string, currency: string, autoTagging?: boolean): void;
  setAutoTagging(customerId: string, on: boolean): void;
  inject(rpc: Rpc, fault: ServerFault, times?: number): void;
  clearFaults(): void;
  refuseAdUrl(url: string): void; // Google's policy refuses ads with this final URL
  revoke(refreshToken: string): void;
  creations(labelName: string): number; // campaigns created linked to this label, ever
  editByHand(campaignId: string, edit: { budgetMicros?: number; status?: 'enabled' | 'paused' | 'removed'; name?: string }): void;
  close(): Promise<void>;
}

export async function startLocalGoogleAds(): Promise<LocalGoogleAds> {
  const state = newState();
  const grpcServer = new grpc.Server();
  grpcServer.addService(googleAdsService, { Mutate: mutateHandler(state), Search: unimplemented, SearchStream: unimplemented } as unknown as grpc.UntypedServiceImplementation);
  const cert = localhostCert();
  const grpcPort = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createSsl(null, [{ private_key: cert.key, cert_chain: cert.cert }], false), (e, port) => (e ? reject(e) : resolve(port))),
  );
  const http = createServer((req, res) => void restHandler(state, req, res).catch((e: unknown) => internalError(res, e)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const restPort = (http.address() as AddressInfo).port;

  const campaign = (id: string): Resource => {
    const c = state.model.campaigns[id];
    if (!c) throw new Error(`local Google Ads: no campaign ${id}`);
    return c;
  };
  return {
    grpcPort,
    restUrl: `http://127.0.0.1:${restPort}`,
    tokenUrl: `http://127.0.0.1:${restPort}/token`,
    caPem: cert.cert,
    calls: state.calls,
    mutateRequests: state.mutateRequests,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    model: () => state.model,
    openAccount: (customerId, currency, autoTagging = true) => void (state.model.customers[customerId] = { id: Number(customerId), currency_code: currency, auto_tagging_enabled: autoTagging }),
    setAutoTagging: (customerId, on) => void (state.model.customers[customerId]!.auto_tagging_enabled = on),
    inject: (rpc, fault, times = 1) => void state.faults.push({ rpc, fault, times }),
    clearFaults: () => void state.faults.splice(0),
    refuseAdUrl: (url) => void state.refusedAdUrls.add(url),
    revoke: (token) => void state.revoked.add(token),
    creations: (label) => state.created.get(label) ?? 0,
    editByHand: (id, edit) => {
      const c = campaign(id);
      if (edit.name !== undefined) c.name = edit.name;
      if (edit.status !== undefined) c.status = edit.status.toUpperCase();
      if (edit.budgetMicros !== undefined) {
        const budget = Object.values(state.model.budgets).find((b) => b.resource_name === c.campaign_budget)!;
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
