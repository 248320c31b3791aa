// The contract against a real Google Ads account, when GOOGLE_ADS_* are all set (a test
// account is meant: the cases create campaigns). Google's servers take no injected faults
// and no hand edits from a test, so those two handles refuse loudly: the cases that need
// them fail with that message rather than pass untested.
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import { openGoogleAdsPlatform } from '../../connectors/platforms/googleAds/index.ts';
import type { PlatformUnderTest } from '../contract/platforms.ts';

const names = ['GOOGLE_ADS_CLIENT_ID', 'GOOGLE_ADS_CLIENT_SECRET', 'GOOGLE_ADS_DEVELOPER_TOKEN', 'GOOGLE_ADS_REFRESH_TOKEN', 'GOOGLE_ADS_CUSTOMER_ID'] as const;

export function realGoogleAdsSkipReason(): string | undefined {
  const missing = names.filter((n) => !process.env[n]);
  return missing.length === 0 ? undefined : `${missing.join(', ')} not set`;
}

export async function realGoogleAdsUnderTest(): Promise<PlatformUnderTest> {
  const env = (n: (typeof names)[number]) => process.env[n] ?? '';
  const config = {
    clientId: env('GOOGLE_ADS_CLIENT_ID'),
    clientSecret: env('GOOGLE_ADS_CLIENT_SECRET'),
    developerToken: env('GOOGLE_ADS_DEVELOPER_TOKEN'),
    refreshToken: env('GOOGLE_ADS_REFRESH_TOKEN'),
    ...(process.env.GOOGLE_ADS_LOGIN_CUSTOMER_ID ? { loginCustomerId: process.env.GOOGLE_ADS_LOGIN_CUSTOMER_ID } : {}),
  };
  const accountId = env('GOOGLE_ADS_CUSTOMER_ID');
  const port = openGoogleAdsPlatform(config);
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not possible against Google's own servers; this case runs on the local server only`);
  };
  return {
    port,
    platform: 'google_ads',
    accountId,
    creations: async (key) => {
      const listed = await port.listCampaigns({ platform: 'google_ads', accountId }, '');
      if (!listed.ok) throw new Error(`listing campaigns failed: ${listed.error.message}`);
      return listed.value.filter((c) => c.labels.includes(idempotencyLabel(key))).length;
    },
    editByHand: async () => refuse('a hand edit')(),
    failNext: refuse('fault injection'),
    reopen: async () => openGoogleAdsPlatform(config),
    close: () => port.close(),
  };
}
