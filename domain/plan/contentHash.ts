import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonicalJson.ts';
import type { PlanContent } from './events.ts';

// The frozen form of a draft: line items in id order, so the hash ignores edit order.
export function freeze(draft: PlanContent): PlanContent {
  const lineItems = [...draft.lineItems].sort((a, b) => (a.lineItemId < b.lineItemId ? -1 : a.lineItemId > b.lineItemId ? 1 : 0));
  return { ...draft, lineItems };
}

export const contentHash = (content: PlanContent): string => createHash('sha256').update(canonicalJson(content)).digest('hex');
