// The performance aggregate: one stream per (tenant, platform, account). It remembers which
// numbers each day was last recorded with (a hash), so a repeated sync of the same numbers
// records nothing and a changed day is recorded as a restatement.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonicalJson.ts';
import type { Decider } from '../shared/decider.ts';
import type { DomainEvent } from '../shared/envelope.ts';
import type { DomainError } from '../shared/errors.ts';
import { refuse } from '../shared/errors.ts';
import type { PerformanceCommand, PerformanceEvent, PerformanceRow } from './syncEvents.ts';

export interface PerformanceState {
  readonly days: Readonly<Record<string, string>>; // date → content hash of what was recorded
  readonly openSyncs: readonly string[]; // started, not finished (a crash leaves one open)
}

export const initialState: PerformanceState = { days: {}, openSyncs: [] };

// Rows in a stable order, so the same numbers in another order hash the same.
const byKey = (a: PerformanceRow, b: PerformanceRow) => `${a.campaignId}/${a.adGroupId}/${a.adId}`.localeCompare(`${b.campaignId}/${b.adGroupId}/${b.adId}`);
export const dayHash = (day: { readonly currency: string; readonly attribution: unknown; readonly rows: readonly PerformanceRow[] }): string =>
  createHash('sha256').update(canonicalJson({ currency: day.currency, attribution: day.attribution, rows: [...day.rows].sort(byKey) })).digest('hex');

export function evolve(state: PerformanceState, event: DomainEvent<PerformanceEvent>): PerformanceState {
  switch (event.type) {
    case 'performance.synced':
    case 'performance.restated':
      return { ...state, days: { ...state.days, [event.data.date]: event.data.contentHash } };
    case 'performance.sync_started':
      return { ...state, openSyncs: [...state.openSyncs, event.data.syncId] };
    case 'performance.sync_completed':
    case 'performance.sync_failed':
      return { ...state, openSyncs: state.openSyncs.filter((id) => id !== event.data.syncId) };
  }
}

// The pipeline passes the sync's today (the account's day): a future day has no numbers yet.
export interface PerformanceContext {
  readonly today: string;
}

export function decide(command: PerformanceCommand, state: PerformanceState, { today }: PerformanceContext): readonly PerformanceEvent[] | DomainError {
  switch (command.type) {
    case 'performance.start_sync':
      return state.openSyncs.includes(command.data.syncId) ? [] : [{ type: 'performance.sync_started', data: command.data }];
    case 'performance.finish_sync': {
      const { outcome, ...about } = command.data;
      if (!state.openSyncs.includes(about.syncId)) return refuse('performance.sync_not_started', `Sync ${about.syncId} of this account was not started, or has finished`);
      if (outcome.ok) {
        const { ok: _ok, ...counts } = outcome;
        return [{ type: 'performance.sync_completed', data: { ...about, ...counts } }];
      }
      return [{ type: 'performance.sync_failed', data: { ...about, code: outcome.code, message: outcome.message } }];
    }
    case 'performance.record_day':
      return recordDay(command.data, state, today);
  }
}

function recordDay(day: Extract<PerformanceCommand, { type: 'performance.record_day' }>['data'], state: PerformanceState, today: string): readonly PerformanceEvent[] | DomainError {
  if (day.date > today) return refuse('performance.future_day', `${day.date} has not happened yet in the account's time zone (today is ${today})`);
  const keys = new Set(day.rows.map((r) => `${r.campaignId}/${r.adGroupId}/${r.adId}`));
  if (keys.size !== day.rows.length) return refuse('performance.duplicate_rows', `The rows of ${day.date} name an ad more than once`);
  const contentHash = dayHash(day);
  const previousHash = state.days[day.date];
  if (previousHash === contentHash) return [];
  if (previousHash === undefined) return [{ type: 'performance.synced', data: { ...day, contentHash } }];
  return [{ type: 'performance.restated', data: { ...day, contentHash, previousHash } }];
}

export const performanceDecider: Decider<PerformanceState, PerformanceCommand, PerformanceEvent, PerformanceContext> = { initialState, evolve, decide };
