// The ad platforms the launch saga reaches. On the embedded defaults that is the sandbox,
// simulating Google Ads and Meta over its own SQLite file in DATA_DIR, so `npm start` takes
// a launch live with no network. The real adapters are chosen per platform once their
// credentials are configured (connectors/platforms/googleAds, connectors/platforms/meta).
import { join } from 'node:path';
import { createRateLimiter, type RateLimiter } from '../connectors/platforms/rateLimiter.ts';
import type { PlatformPort } from '../connectors/platforms/port.ts';
import { openSandboxPlatform } from '../connectors/platforms/sandbox/platform.ts';
import { openGoogleAdsPlatform } from '../connectors/platforms/googleAds/platform.ts';
import type { Platform } from '../domain/shared/values.ts';
import type { Config } from './config.ts';

export interface Platforms {
  platformFor(platform: Platform): PlatformPort | undefined;
  readonly limiter: RateLimiter;
  describe(): Record<string, string>;
  close(): Promise<void>;
}

export function openPlatforms(config: Config): Platforms {
  const path = join(config.DATA_DIR, 'sandbox-platforms.db');
  const sandbox = openSandboxPlatform(path);
  const adapters = new Map<Platform, { port: PlatformPort; describe: string }>(sandbox.platforms.map((p) => [p, { port: sandbox, describe: `sandbox (${path})` }]));
  const google = googleAdsOf(config);
  if (google) adapters.set('google_ads', { port: google, describe: `google-ads-api (customer access through ${config.GOOGLE_ADS_LOGIN_CUSTOMER_ID ?? 'each account directly'})` });
  return {
    platformFor: (platform) => adapters.get(platform)?.port,
    limiter: createRateLimiter(),
    describe: () => Object.fromEntries([...adapters].map(([p, a]) => [p, a.describe])),
    close: async () => {
      for (const port of new Set([...adapters.values()].map((a) => a.port))) await port.close();
    },
  };
}

function googleAdsOf(c: Config): PlatformPort | undefined {
  const { GOOGLE_ADS_CLIENT_ID: clientId, GOOGLE_ADS_CLIENT_SECRET: clientSecret, GOOGLE_ADS_DEVELOPER_TOKEN: developerToken, GOOGLE_ADS_REFRESH_TOKEN: refreshToken } = c;
  if (!clientId || !clientSecret || !developerToken || !refreshToken) return undefined;
  const manager = c.GOOGLE_ADS_LOGIN_CUSTOMER_ID ? { loginCustomerId: c.GOOGLE_ADS_LOGIN_CUSTOMER_ID } : {};
  return openGoogleAdsPlatform({ clientId, clientSecret, developerToken, refreshToken, ...manager });
}
