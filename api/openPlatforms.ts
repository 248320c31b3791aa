// The ad platforms the launch saga reaches. On the embedded defaults that is the sandbox,
// simulating Google Ads and Meta over its own SQLite file in DATA_DIR, so `npm start` takes
// a launch live with no network. The real adapters are chosen per platform once the agency's
// API access is configured; a tenant that stored its own credentials (the vault) is reached
// with them, each read an audit event (readCredential), one adapter per credential version.
import { join } from 'node:path';
import type { RateLimiter } from '../connectors/platforms/rateLimiter.ts';
import type { TenantAccount } from '../commands/processes/performMutation.ts';
import { isDomainError, type DomainError } from '../domain/shared/errors.ts';
import type { PlatformPort } from '../connectors/platforms/port.ts';
import { openSandboxPlatform } from '../connectors/platforms/sandbox/platform.ts';
import type { ExistingCampaign } from '../connectors/platforms/sandbox/history.ts';
import { openGoogleAdsPlatform } from '../connectors/platforms/googleAds/platform.ts';
import { openMetaPlatform } from '../connectors/platforms/meta/platform.ts';
import type { Platform } from '../domain/shared/values.ts';
import type { Config } from './config.ts';

export interface Platforms {
  platformFor(platform: Platform, account: TenantAccount): PlatformPort | undefined | Promise<PlatformPort | DomainError | undefined>;
  readonly limiter: RateLimiter;
  describe(): Record<string, string>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly limiter: RateLimiter;
  readonly readCredential?: (platform: Platform, account: TenantAccount) => Promise<string | DomainError>;
  readonly existing?: readonly ExistingCampaign[]; // the sandbox's accounts' history (the demo's)
}

export function openPlatforms(config: Config, options: PlatformOptions): Platforms {
  const path = join(config.DATA_DIR, 'sandbox-platforms.db');
  const sandbox = openSandboxPlatform(path, options.existing ? { existing: options.existing } : {});
  const adapters = new Map<Platform, { port: PlatformPort; describe: string }>(sandbox.platforms.map((p) => [p, { port: sandbox, describe: `sandbox (${path})` }]));
  const google = googleAdsAccess(config);
  if (google?.agency) adapters.set('google_ads', { port: google.agency, describe: `google-ads-api (customer access through ${config.GOOGLE_ADS_LOGIN_CUSTOMER_ID ?? 'each account directly'})` });
  const meta = metaAccess(config);
  if (meta?.agency) adapters.set('meta', { port: meta.agency, describe: `facebook-nodejs-business-sdk (page ${config.META_PAGE_ID})` });
  const perTenant: Partial<Record<Platform, (secret: string) => PlatformPort>> = {
    ...(google ? { google_ads: google.withRefreshToken } : {}),
    ...(meta ? { meta: meta.withToken } : {}),
  };
  const opened = new Map<string, Promise<PlatformPort | DomainError>>();

  function tenantPort(platform: Platform, account: TenantAccount, open: (secret: string) => PlatformPort): Promise<PlatformPort | DomainError> {
    const key = `${account.tenantId}/${platform}/${account.accountId}/v${account.credentialVersion}`;
    let port = opened.get(key);
    if (!port) {
      const read = options.readCredential?.(platform, account) ?? Promise.resolve('');
      port = read.then((secret) => (typeof secret === 'string' ? open(secret) : secret));
      opened.set(key, port);
      // A failed read is not kept: the next call reads (and records) again.
      void port.then((p) => (isDomainError(p) ? opened.delete(key) : undefined));
    }
    return port;
  }

  return {
    platformFor(platform, account) {
      const open = perTenant[platform];
      if (open && options.readCredential && account.credentialVersion !== undefined) return tenantPort(platform, account, open);
      return adapters.get(platform)?.port;
    },
    limiter: options.limiter,
    describe: () => Object.fromEntries([...adapters].map(([p, a]) => [p, a.describe])),
    close: async () => {
      for (const port of new Set([...adapters.values()].map((a) => a.port))) await port.close();
    },
  };
}

// The agency's Google Ads API access: with its own refresh token it serves every tenant;
// a tenant's stored refresh token reaches that tenant's account with the same client and
// developer token.
function googleAdsAccess(c: Config): { agency?: PlatformPort; withRefreshToken: (refreshToken: string) => PlatformPort } | undefined {
  const { GOOGLE_ADS_CLIENT_ID: clientId, GOOGLE_ADS_CLIENT_SECRET: clientSecret, GOOGLE_ADS_DEVELOPER_TOKEN: developerToken } = c;
  if (!clientId || !clientSecret || !developerToken) return undefined;
  const manager = c.GOOGLE_ADS_LOGIN_CUSTOMER_ID ? { loginCustomerId: c.GOOGLE_ADS_LOGIN_CUSTOMER_ID } : {};
  const withRefreshToken = (refreshToken: string) => openGoogleAdsPlatform({ clientId, clientSecret, developerToken, refreshToken, ...manager });
  return c.GOOGLE_ADS_REFRESH_TOKEN ? { agency: withRefreshToken(c.GOOGLE_ADS_REFRESH_TOKEN), withRefreshToken } : { withRefreshToken };
}

// The agency's Meta access: its system user's token serves every tenant; a tenant's stored
// system-user token reaches that tenant's ad account, from the same page and app.
function metaAccess(c: Config): { agency?: PlatformPort; withToken: (accessToken: string) => PlatformPort } | undefined {
  const pageId = c.META_PAGE_ID;
  if (!pageId) return undefined;
  const secret = c.META_APP_SECRET ? { appSecret: c.META_APP_SECRET } : {};
  const withToken = (accessToken: string) => openMetaPlatform({ accessToken, pageId, ...secret });
  return c.META_ACCESS_TOKEN ? { agency: withToken(c.META_ACCESS_TOKEN), withToken } : { withToken };
}
