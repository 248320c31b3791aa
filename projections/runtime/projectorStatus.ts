// What a projector says about each projection it runs: where it is, how far behind the log,
// how fast, and what it last had to retry.
import { isStoreFault } from '../../domain/shared/storeFaults.ts';

export type ProjectorState = 'starting' | 'waiting_for_lease' | 'catching_up' | 'live' | 'rebuilding' | 'stopped' | 'retrying';

export interface ProjectorStatus {
  readonly name: string;
  readonly generation: number;
  readonly state: ProjectorState;
  readonly position: string;
  readonly head: string;
  readonly lagEvents: number | null; // null where positions are not event counts
  readonly lagMs: number;
  readonly rate: number;
  readonly parked: number;
  readonly retries: number; // failures retried since start (store errors, mostly)
  readonly lastError?: string;
  readonly lastErrorCode?: string; // e.g. store.unavailable (SQLITE_BUSY)
  // Set where this process only reads the checkpoints another process's projector commits.
  readonly runBy?: 'another process';
}

// Failures of a projector's loop: counted, the last one described, the backoff attempt reset
// by the next committed batch.
export function projectorFailure() {
  let attempt = 0;
  let retries = 0;
  let lastError: string | undefined;
  let lastErrorCode: string | undefined;
  const codeOf = (e: unknown) => ((e as { code?: unknown } | undefined)?.code === undefined ? undefined : String((e as { code?: unknown }).code));
  return {
    failed(error: unknown) {
      retries++;
      attempt++;
      const cause = isStoreFault(error) ? codeOf(error.cause) : undefined;
      lastErrorCode = isStoreFault(error) ? `${error.code}${cause ? ` (${cause})` : ''}` : (codeOf(error) ?? 'projector.failed');
      lastError = isStoreFault(error) ? lastErrorCode : error instanceof Error ? error.message : String(error);
    },
    recovered() {
      attempt = 0;
    },
    attempt: () => attempt - 1,
    describe: () => ({ retries, ...(lastError ? { lastError } : {}), ...(lastErrorCode ? { lastErrorCode } : {}) }),
  };
}
export type ProjectorFailure = ReturnType<typeof projectorFailure>;

interface MemberFacts {
  readonly target: { readonly name: string };
  readonly generation: number;
  readonly position: bigint;
  readonly parked: number;
  readonly lastRecordedAt: string | undefined;
}

export function memberStatus(
  m: MemberFacts,
  at: { state: ProjectorState; head: bigint; rate: number; failure: ProjectorFailure; gapFree: boolean },
): ProjectorStatus {
  const behind = at.head > m.position;
  return {
    name: m.target.name,
    generation: m.generation,
    state: at.state,
    position: String(m.position),
    head: String(at.head),
    lagEvents: at.gapFree ? Number(behind ? at.head - m.position : 0n) : null,
    lagMs: behind && m.lastRecordedAt ? Math.max(0, Date.now() - Date.parse(m.lastRecordedAt)) : 0,
    rate: at.rate,
    parked: m.parked,
    ...at.failure.describe(),
  };
}
