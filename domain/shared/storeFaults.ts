// A store that cannot serve right now (disk full, read-only, I/O error, locked, gone) is not
// the caller's fault and not a bug: it is `unavailable` (503, try again later). The driver's
// own text stays in the server log; callers get a sentence and the name of the port.
//
// The classifiers live here, pure and driver-free (they read only an error's code and name),
// because both connectors/ and readmodels/ use SQLite and neither may import the other.
import type { DomainError } from './errors.ts';

export type StorePort = 'event store' | 'document store' | 'user directory' | 'credential vault' | 'reporting warehouse' | 'anchors';

export const STORE_UNAVAILABLE = 'store.unavailable';

export const storeUnavailable = (port: StorePort): DomainError => ({
  kind: 'unavailable',
  code: STORE_UNAVAILABLE,
  message: `The ${port} cannot serve this request right now; nothing was changed, try again shortly`,
  details: { port },
});

// The thrown form, for what reads (async iterables, the document store port) cannot return
// as a value; the HTTP edge turns it into the same 503. `cause` is for the server log only.
export interface StoreFault extends Error {
  readonly code: typeof STORE_UNAVAILABLE;
  readonly port: StorePort;
  readonly busy: boolean; // a lock held elsewhere: worth retrying soon
}

export function storeFault(port: StorePort, cause: unknown, busy = false): StoreFault {
  return Object.assign(new Error(storeUnavailable(port).message, { cause }), { code: STORE_UNAVAILABLE, port, busy } as const);
}

export const isStoreFault = (error: unknown): error is StoreFault =>
  error instanceof Error && (error as { code?: unknown }).code === STORE_UNAVAILABLE;

export type FaultClass = 'busy' | 'unavailable' | undefined;

const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|NOMEM|CORRUPT|NOTADB|NOLCK|PROTOCOL|PERM|AUTH)(_|$)/;
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)(_|$)/;

// better-sqlite3's SqliteError carries the extended result code (SQLITE_IOERR_WRITE…).
// "The database connection is not open" (a closed handle) is a TypeError with no code.
export function classifySqliteError(error: unknown): FaultClass {
  if (isStoreFault(error)) return error.busy ? 'busy' : 'unavailable';
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (SQLITE_BUSY.test(code)) return 'busy';
    if (SQLITE_UNAVAILABLE.test(code)) return 'unavailable';
    if (/^(ENOSPC|EROFS|EIO)$/.test(code)) return 'unavailable';
  }
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) return 'unavailable';
  return undefined;
}

// The MongoDB driver: network errors, server selection timeouts, a primary stepping down,
// a full disk on the server (OutOfDiskSpace 14031), write concern timeouts.
const MONGO_UNAVAILABLE_NAMES = /^Mongo(Network|NetworkTimeout|ServerSelection|ServerClosed|TopologyClosed|NotConnected|PoolCleared|WriteConcern)Error$/;
// …and MaxTimeMSExpired (50: a read past its maxTimeMS), WriteConflict (112) and
// NoSuchTransaction (251), a transaction that lost a race or a failover: worth a retry.
const MONGO_UNAVAILABLE_CODES = new Set([6, 7, 50, 89, 91, 112, 189, 251, 262, 9001, 10107, 11600, 11602, 13435, 13436, 14031, 64]);
const MONGO_RETRY_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'UnknownTransactionCommitResult'];

export function classifyMongoError(error: unknown): FaultClass {
  if (isStoreFault(error)) return 'unavailable';
  if (!(error instanceof Error)) return undefined;
  if (MONGO_UNAVAILABLE_NAMES.test(error.name)) return 'unavailable';
  const labels = (error as { errorLabels?: unknown }).errorLabels;
  if (Array.isArray(labels) && labels.some((l) => MONGO_RETRY_LABELS.includes(l))) return 'unavailable';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && MONGO_UNAVAILABLE_CODES.has(code) ? 'unavailable' : undefined;
}

// EventStoreDB's client: its errors carry a `type` (ErrorType); these mean the cluster cannot
// serve now (no connection, no leader, too slow), not that the request was wrong.
const ESDB_UNAVAILABLE = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

export function classifyEsdbError(error: unknown): FaultClass {
  if (isStoreFault(error)) return 'unavailable';
  const type = (error as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && ESDB_UNAVAILABLE.has(type) ? 'unavailable' : undefined;
}

// DuckDB (@duckdb/node-api): errors carry no code, only a message that starts with the
// error type ("IO Error: …"); a file locked by another process is worth retrying soon.
const DUCKDB_UNAVAILABLE = /^(IO Error|Out of Memory Error|Connection Error|FATAL Error|Fatal Error|Permission Error)|No space left on device|database has been (closed|invalidated)|[Cc]onnection (was )?(closed|disconnected)/;
const DUCKDB_BUSY = /Could not set lock on file|Conflicting lock/;

export function classifyDuckdbError(error: unknown): FaultClass {
  if (isStoreFault(error)) return error.busy ? 'busy' : 'unavailable';
  if (!(error instanceof Error)) return undefined;
  if (DUCKDB_BUSY.test(error.message)) return 'busy';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ENOSPC|EROFS|EIO)$/.test(code)) return 'unavailable';
  return DUCKDB_UNAVAILABLE.test(error.message) ? 'unavailable' : undefined;
}

// BigQuery's client: an HTTP status of 5xx or 429 (rate limits), a rateLimitExceeded or
// backendError reason, or no connection at all. A 400 (bad query, bad row) is not a fault.
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|ENETUNREACH)$/;
const BIGQUERY_REASONS = /^(backendError|internalError|rateLimitExceeded|quotaExceeded|jobBackendError|jobInternalError)$/;

export function classifyBigQueryError(error: unknown): FaultClass {
  if (isStoreFault(error)) return 'unavailable';
  if (!(error instanceof Error)) return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'number' && (code === 429 || code >= 500)) return 'unavailable';
  // A 4xx is the request's own fault whatever its reason says, but for quotas (403).
  if (typeof code === 'number' && code >= 400 && code !== 403) return undefined;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return 'unavailable';
  const reasons = Array.isArray(errors) ? errors.map((e) => (e as { reason?: unknown })?.reason) : [];
  return reasons.some((r) => typeof r === 'string' && BIGQUERY_REASONS.test(r)) ? 'unavailable' : undefined;
}

// Runs `work`; a store error becomes a StoreFault of `port`, anything else passes unchanged.
export function guardSync<T>(port: StorePort, classify: (e: unknown) => FaultClass, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const fault = classify(error);
    throw fault ? storeFault(port, error, fault === 'busy') : error;
  }
}

// Every method of a port's adapter (async, all of them), with the driver's store errors
// turned into StoreFaults of `port`: the API answers 503 and background loops retry,
// whatever the adapter. Caller mistakes (query.invalid…) and bugs pass through unchanged.
export function guardedPort<T extends object>(port: StorePort, adapter: T, classify: (error: unknown) => FaultClass): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(adapter)) {
    if (typeof member !== 'function') {
      guarded[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(adapter, args);
      } catch (error) {
        const fault = classify(error);
        throw fault ? storeFault(port, error, fault === 'busy') : error;
      }
    };
  }
  return guarded as T;
}
