// What the local server holds besides its accounts: faults waiting to happen, tokens it
// issued or was told are revoked, what it was asked, and how many campaigns each key made.
import { emptyModel, type Model } from './model.ts';

type Loose = Record<string, unknown>;

// rate_limited/quota_exhausted: QuotaError with/without retry_delay; bare_resource_exhausted:
// the status alone; lost_response: do the work, then fail the call; repeated_after_lost_answer:
// do the work, then run the same request again and answer that (what gax does on UNAVAILABLE).
export type ServerFault =
  | { kind: 'rate_limited'; retryDelayMs: number }
  | { kind: 'quota_exhausted' }
  | { kind: 'unavailable' }
  | { kind: 'internal' }
  | { kind: 'bare_resource_exhausted' }
  | { kind: 'lost_response' }
  | { kind: 'repeated_after_lost_answer' };
export type Rpc = 'mutate' | 'search' | 'any';

export interface ServerState {
  model: Model;
  serial: number;
  pageSize: number; // Google: 10,000 rows a page
  readonly faults: { rpc: Rpc; fault: ServerFault; times: number }[];
  readonly refusedAdUrls: Set<string>;
  readonly revoked: Set<string>;
  readonly issued: Set<string>;
  readonly created: Map<string, number>;
  readonly calls: { mutate: number; search: number; token: number };
  readonly mutateRequests: Loose[];
}

export const newState = (): ServerState => ({
  model: emptyModel(),
  serial: 0,
  pageSize: 10_000,
  faults: [],
  refusedAdUrls: new Set(),
  revoked: new Set(),
  issued: new Set(),
  created: new Map(),
  calls: { mutate: 0, search: 0, token: 0 },
  mutateRequests: [],
});

export function takeFault(state: ServerState, rpc: 'mutate' | 'search'): ServerFault | undefined {
  const i = state.faults.findIndex((f) => f.rpc === rpc || f.rpc === 'any');
  if (i < 0) return undefined;
  const f = state.faults[i]!;
  if (--f.times <= 0) state.faults.splice(i, 1);
  return f.fault;
}

export const authorised = (state: ServerState, header: unknown): boolean => typeof header === 'string' && state.issued.has(header.replace(/^Bearer /, ''));
