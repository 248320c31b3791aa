// The Meta adapter under test against the local Graph server: one server per test process
// (each test gets its own access token and ad account, so faults and objects never mix),
// and FacebookAdsApi.GRAPH pointed at it. The override lives here, in test setup only.
import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import { openMetaPlatform, type MetaOptions, type MetaPlatform } from '../../connectors/platforms/meta/platform.ts';
import type { PlatformPort } from '../../connectors/platforms/port.ts';
import type { PlatformUnderTest } from '../contract/platforms.ts';
import { uniqueSuffix } from './ids.ts';
import { startMetaGraphServer, type MetaGraphServer } from './metaGraphServer.ts';

let shared: Promise<MetaGraphServer> | undefined;

// The SDK reads the static getter FacebookAdsApi.GRAPH on every call; a subclass would
// change nothing. undefined points it back at Meta (for the real-account suite).
const META_GRAPH = FacebookAdsApi.GRAPH;
let target = META_GRAPH;
Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => target, configurable: true });
export function pointSdkAt(url: string | undefined): void {
  target = url ?? META_GRAPH;
}

export async function localGraph(): Promise<MetaGraphServer> {
  shared ??= startMetaGraphServer({ pageSize: 2 });
  const server = await shared;
  pointSdkAt(server.url);
  return server;
}

// Tiny retry delays and spacing so tests stay fast; the same shape as production's 1 s, 2 s, 4 s.
export const TEST_RETRY_DELAYS_MS = [1, 2, 4] as const;
export const testOptions: MetaOptions = { retryDelaysMs: TEST_RETRY_DELAYS_MS, slowdownMs: 5, pollIntervalMs: 1, maxPolls: 10 };

export interface MetaUnderTest extends PlatformUnderTest {
  readonly server: MetaGraphServer;
  readonly token: string;
  readonly meta: MetaPlatform;
  open(options?: MetaOptions, appSecret?: string): MetaPlatform;
}

export async function metaUnderTest(options: MetaOptions = {}): Promise<MetaUnderTest> {
  const server = await localGraph();
  const token = `EAAtest${uniqueSuffix()}`;
  const accountId = `act_${Date.now()}${Math.floor(Math.random() * 1000)}`;
  server.addToken(token);
  server.addAccount(accountId, 'EUR');
  const open = (o: MetaOptions = {}, appSecret?: string) =>
    openMetaPlatform({ accessToken: token, pageId: '104000000000001', ...(appSecret ? { appSecret } : {}) }, { ...testOptions, ...options, ...o });
  const meta = open();
  const opened: PlatformPort[] = [meta];
  return {
    server,
    token,
    meta,
    open,
    port: meta,
    platform: 'meta',
    accountId,
    creations: async (key) => server.creations(idempotencyLabel(key)),
    editByHand: async (ref, edit) => {
      const campaign = server.store.get(ref.campaignId, 'campaign');
      if (edit.name !== undefined) campaign.name = edit.name;
      if (edit.status !== undefined) campaign.status = { enabled: 'ACTIVE', paused: 'PAUSED', removed: 'DELETED' }[edit.status];
      if (edit.budgetMicros !== undefined) {
        const adsets = [...server.store.objects.values()].filter((o) => o.kind === 'adset' && o.campaign_id === ref.campaignId && o.status !== 'DELETED');
        for (const s of adsets) s[Number(s.daily_budget) > 0 ? 'daily_budget' : 'lifetime_budget'] = edit.budgetMicros / 10_000 / adsets.length; // EUR: cents
      }
    },
    // A port call fails as a whole, so a retryable fault is armed for the adapter's retries
    // too; a lost answer hits the first create (a POST), which is never repeated blindly.
    failNext: (_operation, fault) => {
      if (fault.kind === 'rate_limited') server.arm(token, { kind: 'rate_limited', resetSeconds: fault.retryAfterMs / 1000 });
      else if (fault.kind === 'unavailable') server.arm(token, { kind: 'unavailable' }, { times: TEST_RETRY_DELAYS_MS.length + 1 });
      else server.arm(token, { kind: 'lost_response' }, { method: 'POST' });
    },
    reopen: async () => {
      const again = open();
      opened.push(again);
      return again;
    },
    close: async () => {
      for (const port of opened) await port.close();
    },
  };
}
