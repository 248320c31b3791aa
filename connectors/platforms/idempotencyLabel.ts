// The idempotency key as the platforms can carry it: a label (Google Ads) / ad label (Meta)
// on the campaign. The campaign name alone cannot be the key: kobi_{tenant}_{platform}_
// {objective}_v{version} is the same for two plans of one tenant, and a person may rename
// a campaign by hand (reported as drift, never answered with a second campaign).
import { createHash } from 'node:crypto';
import type { IdempotencyKey } from './port.ts';

// A digest keeps the label within every platform's label-name limit (Google: 80 characters)
// whatever the ids' lengths; the prefix lets people recognise it in the platforms' UIs.
export const KEY_LABEL_PREFIX = 'kobi_key_';

export function idempotencyLabel(key: IdempotencyKey): string {
  const parts = [key.tenantId, key.planId, String(key.version), key.platform, key.logicalCampaignKey];
  return KEY_LABEL_PREFIX + createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
