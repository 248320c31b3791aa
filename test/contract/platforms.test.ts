import { join } from 'node:path';
import { openSandboxPlatform, type SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import type { PlatformPort } from '../../connectors/platforms/port.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { platformContract, type PlatformUnderTest } from './platforms.ts';
import { tempDir } from '../support/tempDir.ts';
import { googleAdsUnderTest } from '../support/googleAdsLocal.ts';
import { realGoogleAdsSkipReason, realGoogleAdsUnderTest } from '../support/googleAdsReal.ts';
import { metaUnderTest } from '../support/metaPlatformUnderTest.ts';
import { realMetaUnderTest } from '../support/metaRealAccount.ts';

const dir = tempDir('platforms');
let n = 0;

// The sandbox for one platform; reopen() opens a second adapter on the same file, as a
// restarted process would.
async function sandboxUnderTest(platform: Platform): Promise<PlatformUnderTest> {
  const path = join(dir, `sandbox-${n++}.db`);
  const sandbox: SandboxPlatform = openSandboxPlatform(path);
  const opened: PlatformPort[] = [sandbox];
  return {
    port: sandbox,
    platform,
    accountId: platform === 'google_ads' ? '123-456-7890' : 'act_1234567890',
    creations: async (key) => sandbox.creations(key),
    editByHand: async (ref, edit) => {
      const edited = sandbox.editByHand(ref, edit);
      if (!edited.ok) throw new Error(`hand edit failed: ${edited.error.message}`);
    },
    failNext: (operation, fault) => sandbox.inject({ platform, operation, fault }),
    reopen: async () => {
      const again = openSandboxPlatform(path);
      opened.push(again);
      return again;
    },
    close: async () => {
      for (const port of opened) await port.close();
    },
  };
}

platformContract('sandbox google_ads', () => sandboxUnderTest('google_ads'));
platformContract('sandbox meta', () => sandboxUnderTest('meta'));

platformContract('google ads (local gRPC server)', googleAdsUnderTest);
const googleAdsSkip = realGoogleAdsSkipReason();
if (googleAdsSkip === undefined) platformContract('google ads (real account)', realGoogleAdsUnderTest);
else console.log(`platform contract: skipped Google Ads on a real account (${googleAdsSkip})`);
platformContract('meta (local Graph server)', () => metaUnderTest());
if (process.env.META_ACCESS_TOKEN && process.env.META_AD_ACCOUNT_ID && process.env.META_PAGE_ID) platformContract('meta (real ad account)', realMetaUnderTest);
else console.log('platform contract: skipped Meta on a real ad account (META_ACCESS_TOKEN, META_AD_ACCOUNT_ID and META_PAGE_ID not all set)');
