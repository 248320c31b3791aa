// Test setup only: points google-ads-api 24.1.0 at the local server (googleAdsServer/) and
// builds the contract's PlatformUnderTest on it. The library has no endpoint option, so
// this replaces, for the test process: the google-ads-node GoogleAdsServiceClient export
// (a subclass with the local servicePath/port, and gax's own retries off so tests observe
// the adapter's), the library's gRPC credentials (TLS trusting the local certificate, OAuth
// refresh at the local /token), its REST access token (same /token, no 50-minute cache) and
// its REST URL prefix. The adapter itself is the production code, untouched.
import { grpc } from 'google-gax';
import { OAuth2Client, UserRefreshClient } from 'google-auth-library';
import { createRequire } from 'node:module';
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import { openGoogleAdsPlatform } from '../../connectors/platforms/googleAds/index.ts';
import type { GoogleAdsConfig, GoogleAdsOptions } from '../../connectors/platforms/googleAds/index.ts';
import type { PlatformPort } from '../../connectors/platforms/port.ts';
import type { PlatformUnderTest } from '../contract/platforms.ts';
import { startLocalGoogleAds, type LocalGoogleAds } from './googleAdsServer/server.ts';

// Resolved from google-ads-api's own folder, so these are the very modules it uses (the
// library's internals have no type declarations; these interfaces name what is replaced).
const require = createRequire(createRequire(import.meta.url).resolve('google-ads-api'));
interface LibraryService {
  readonly clientOptions: { readonly client_id: string; readonly client_secret: string };
  readonly customerOptions: { readonly refresh_token: string };
}
type ClientClass = new (options: Record<string, unknown>) => object;
const adsNode = require('google-ads-node') as { GoogleAdsServiceClient: ClientClass };
const { Service, serviceCache } = require('./service') as {
  Service: { prototype: { getCredentials(this: LibraryService): unknown; getAccessToken(this: LibraryService): Promise<string> } };
  serviceCache: { clear(): void };
};
const { Customer } = require('./customer') as { Customer: { prototype: { prepareGoogleAdsServicePostRequestArgs(...args: unknown[]): { url: string } } } };

let current: LocalGoogleAds | undefined;
const server = (): LocalGoogleAds => {
  if (!current) throw new Error('local Google Ads server not started');
  return current;
};

const noGaxRetries = {
  interfaces: {
    'google.ads.googleads.v24.services.GoogleAdsService': {
      retry_codes: { non_idempotent: [] },
      methods: { Mutate: { retry_codes_name: 'non_idempotent' }, Search: { retry_codes_name: 'non_idempotent' }, SearchStream: { retry_codes_name: 'non_idempotent' } },
    },
  },
};

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  const Original = adsNode.GoogleAdsServiceClient;
  adsNode.GoogleAdsServiceClient = class LocalGoogleAdsServiceClient extends Original {
    constructor(options: Record<string, unknown>) {
      // universeDomain given, so gax does not probe the GCP metadata server to find it.
      super({ ...options, servicePath: 'localhost', port: server().grpcPort, clientConfig: noGaxRetries, universeDomain: 'googleapis.com' });
    }
  };
  Service.prototype.getCredentials = function () {
    const endpoints = { oauth2TokenUrl: server().tokenUrl };
    const auth = new UserRefreshClient({ clientId: this.clientOptions.client_id, clientSecret: this.clientOptions.client_secret, refreshToken: this.customerOptions.refresh_token, endpoints });
    return grpc.credentials.combineChannelCredentials(grpc.credentials.createSsl(server().caPem), grpc.credentials.createFromGoogleCredential(auth));
  };
  Service.prototype.getAccessToken = async function () {
    const client = new OAuth2Client({ clientId: this.clientOptions.client_id, clientSecret: this.clientOptions.client_secret, endpoints: { oauth2TokenUrl: server().tokenUrl } });
    client.setCredentials({ refresh_token: this.customerOptions.refresh_token });
    const { token } = await client.getAccessToken();
    if (typeof token !== 'string') throw new Error('Failed to retrieve access token');
    return token;
  };
  const prepare = Customer.prototype.prepareGoogleAdsServicePostRequestArgs;
  Customer.prototype.prepareGoogleAdsServicePostRequestArgs = function (this: unknown, ...args: unknown[]) {
    const request = prepare.apply(this, args);
    return { ...request, url: request.url.replace('https://googleads.googleapis.com', server().restUrl) };
  };
}

export const LOCAL_ACCOUNT = '123-456-7890';
export const LOCAL_CUSTOMER = '1234567890';
export const TINY_DELAYS: readonly number[] = [1, 1, 1];
let serial = 0;

export interface LocalGoogleAdsTest {
  readonly server: LocalGoogleAds;
  readonly config: GoogleAdsConfig;
  open(options?: GoogleAdsOptions): PlatformPort;
  close(): Promise<void>;
}

// A fresh server (empty, one EUR account with auto-tagging on) and a config for it.
export async function localGoogleAds(): Promise<LocalGoogleAdsTest> {
  install();
  serviceCache.clear(); // the library's 10-minute gRPC client cache would keep the last server's port
  const s = await startLocalGoogleAds();
  current = s;
  s.openAccount(LOCAL_CUSTOMER, 'EUR', true);
  const config: GoogleAdsConfig = { clientId: 'local-client.apps.googleusercontent.com', clientSecret: 'local-secret', developerToken: 'local-developer-token', refreshToken: `1//local-refresh-${++serial}` };
  return {
    server: s,
    config,
    open: (options = {}) => openGoogleAdsPlatform(config, { retryDelaysMs: TINY_DELAYS, ...options }),
    close: async () => {
      serviceCache.clear();
      await s.close();
    },
  };
}

export async function googleAdsUnderTest(): Promise<PlatformUnderTest> {
  const local = await localGoogleAds();
  const port = local.open();
  return {
    port,
    platform: 'google_ads',
    accountId: LOCAL_ACCOUNT,
    creations: async (key) => local.server.creations(idempotencyLabel(key)),
    editByHand: async (ref, edit) => local.server.editByHand(ref.campaignId, edit),
    failNext: (_operation, fault) => {
      // On Mutate (gRPC): google-ads-api 24.1.0 drops QuotaErrorDetails.retry_delay from REST
      // errors (its JSON decoder looks the "1.5s" up as an enum value), so only gRPC keeps it.
      if (fault.kind === 'rate_limited') local.server.inject('mutate', { kind: 'rate_limited', retryDelayMs: fault.retryAfterMs });
      else if (fault.kind === 'unavailable') local.server.inject('any', { kind: 'unavailable' }, TINY_DELAYS.length + 1); // the call and each of its retries
      else local.server.inject('mutate', { kind: 'lost_response' });
    },
    reopen: async () => local.open(),
    close: () => local.close(),
  };
}
