// The ad platforms the launch saga reaches. On the embedded defaults that is the sandbox,
// simulating Google Ads and Meta over its own SQLite file in DATA_DIR, so `npm start` takes
// a launch live with no network. The real adapters are chosen per platform once their
// credentials are configured (connectors/platforms/googleAds, connectors/platforms/meta).
import { join } from 'node:path';
import { createRateLimiter, type RateLimiter } from '../connectors/platforms/rateLimiter.ts';
import type { PlatformPort } from '../connectors/platforms/port.ts';
import { openSandboxPlatform } from '../connectors/platforms/sandbox/platform.ts';
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
  const served = new Set<Platform>(sandbox.platforms);
  return {
    platformFor: (platform) => (served.has(platform) ? sandbox : undefined),
    limiter: createRateLimiter(),
    describe: () => Object.fromEntries(sandbox.platforms.map((p) => [p, `sandbox (${path})`])),
    close: () => sandbox.close(),
  };
}
