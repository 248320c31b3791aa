// Facts about a launch's campaigns that the decider and the saga both read, written once:
// a campaign's flight and line items, the tenant's today, retry timing, what is settled.
import type { LineItem } from '../plan/events.ts';
import type { PlanVersion } from '../plan/state.ts';
import type { CampaignExecution, Execution } from './execution.ts';
import type { ManifestCampaign } from './events.ts';

// One first attempt and the spec's three retries (1 s, 2 s, 4 s) for what may pass.
export const MAX_ATTEMPTS = 4;
export const retryDelaysMs = [1000, 2000, 4000] as const;
export const LAUNCH_SLA_MS = 4 * 3600_000; // spec 004: execution after approval < 4 hours
export const PARTIAL_SLA_MS = 3600_000; // partial failures escalated within 1 hour

export function lineItemsOf(campaign: ManifestCampaign, version: PlanVersion): LineItem[] {
  return version.content.lineItems.filter((li) => campaign.lineItemIds.includes(li.lineItemId));
}

export function flightOf(items: readonly LineItem[]): { startDate: string; endDate: string } {
  const starts = items.map((li) => li.flightStart).sort();
  const ends = items.map((li) => li.flightEnd).sort();
  return { startDate: starts[0] ?? '', endDate: ends[ends.length - 1] ?? '' };
}

// When a failed attempt may be tried again: the platform's retry-after if it gave one.
export function retryDueAt(c: CampaignExecution): number | undefined {
  const f = c.lastFailure;
  if (!f || f.final) return undefined;
  const delay = f.retryAfterMs ?? retryDelaysMs[Math.min(f.attempt, retryDelaysMs.length) - 1] ?? 4000;
  return Date.parse(f.at) + delay;
}

export const isUp = (c: CampaignExecution): boolean => c.outcome === 'live' || c.outcome === 'scheduled';
export const campaignsOf = (x: Execution): CampaignExecution[] => Object.values(x.campaigns);
// Nothing more will be attempted for it in this launch without a person.
export const isSettled = (c: CampaignExecution): boolean => c.outcome !== 'pending';
