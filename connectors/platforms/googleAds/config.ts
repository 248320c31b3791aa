// What the Google Ads adapter is opened with: the OAuth client and developer token of the
// agency's API access, and the refresh token of the person who granted it. Checked once,
// at opening; never logged (the secrets appear in no message the adapter builds).
import { z } from 'zod';

export const googleAdsConfigSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  developerToken: z.string().min(1),
  refreshToken: z.string().min(1),
  // The manager (MCC) account the agency reaches its clients' accounts through, digits only or 123-456-7890.
  loginCustomerId: z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/).optional(),
});
export type GoogleAdsConfig = z.infer<typeof googleAdsConfigSchema>;

export interface GoogleAdsOptions {
  // The adapter's own backoff for transient failures (UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED,
  // a bare RESOURCE_EXHAUSTED): one retry per entry. Tests pass tiny ones.
  readonly retryDelaysMs?: readonly number[];
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

// Google customer ids are written 123-456-7890 in the UI and 1234567890 in the API.
export const customerIdOf = (accountId: string): string => accountId.replace(/-/g, '');
