// Which driver errors are the store being unavailable (503, retried), which are a held lock
// (retried soon), and which are neither (the caller's mistake, or a bug).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyBigQueryError, classifyDuckdbError, classifyEsdbError, classifyMongoError, classifySqliteError, isStoreFault, storeFault } from '../../domain/shared/storeFaults.ts';

const t = suite('store fault classifiers');
const coded = (code: string | number, name = 'SqliteError') => Object.assign(new Error('driver text'), { code, name });
const named = (name: string) => Object.assign(new Error('driver text'), { name });

t('SQLite: full, read-only, I/O, cannot open, out of memory, corrupt are unavailable; busy and locked are busy', () => {
  for (const code of ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'SQLITE_NOMEM', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'ENOSPC']) {
    assert.is(classifySqliteError(coded(code)), 'unavailable', code);
  }
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) assert.is(classifySqliteError(coded(code)), 'busy', code);
  assert.is(classifySqliteError(new TypeError('The database connection is not open')), 'unavailable');
});

t('SQLite: constraint, too big, mismatch, a bug are not store faults', () => {
  for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH', 'SQLITE_ERROR', 'SQLITE_RANGE']) assert.is(classifySqliteError(coded(code)), undefined, code);
  assert.is(classifySqliteError(new RangeError('bug')), undefined);
  assert.is(classifySqliteError(undefined), undefined);
});

t('MongoDB: network errors, server selection, a full server disk, a read past maxTimeMS, a transaction to retry are unavailable; a duplicate key or a bad query is not', () => {
  for (const name of ['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoTopologyClosedError', 'MongoNotConnectedError']) {
    assert.is(classifyMongoError(named(name)), 'unavailable', name);
  }
  assert.is(classifyMongoError(coded(14031, 'MongoServerError')), 'unavailable', 'OutOfDiskSpace');
  assert.is(classifyMongoError(coded(91, 'MongoServerError')), 'unavailable', 'ShutdownInProgress');
  assert.is(classifyMongoError(Object.assign(named('MongoServerError'), { errorLabels: ['RetryableWriteError'] })), 'unavailable');
  for (const label of ['TransientTransactionError', 'UnknownTransactionCommitResult']) assert.is(classifyMongoError(Object.assign(named('MongoServerError'), { errorLabels: [label] })), 'unavailable', label);
  assert.is(classifyMongoError(coded(50, 'MongoServerError')), 'unavailable', 'MaxTimeMSExpired: a read past its maxTimeMS');
  assert.is(classifyMongoError(coded(112, 'MongoServerError')), 'unavailable', 'WriteConflict');
  assert.is(classifyMongoError(coded(11000, 'MongoServerError')), undefined, 'duplicate key');
  assert.is(classifyMongoError(coded(2, 'MongoServerError')), undefined, 'BadValue');
});

t('EventStoreDB: unavailable, deadline exceeded, timeout, not leader are unavailable; a wrong expected version or a missing stream is not', () => {
  const typed = (type: string) => Object.assign(new Error('driver text'), { type });
  for (const type of ['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']) assert.is(classifyEsdbError(typed(type)), 'unavailable', type);
  for (const type of ['wrong-expected-version', 'stream-not-found', 'access-denied', 'maximum-append-size-exceeded']) assert.is(classifyEsdbError(typed(type)), undefined, type);
});

t('DuckDB: I/O, out of memory, a closed connection are unavailable; a file locked elsewhere is busy; SQL mistakes are not faults', () => {
  const msg = (m: string) => new Error(m);
  for (const m of ['IO Error: Could not write file "x.wal": No space left on device', 'Out of Memory Error: failed to allocate', 'Failed to extract statements: connection disconnected', 'FATAL Error: database has been invalidated']) {
    assert.is(classifyDuckdbError(msg(m)), 'unavailable', m);
  }
  assert.is(classifyDuckdbError(msg('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held')), 'busy');
  for (const m of ['Catalog Error: Table with name nope does not exist!', 'Constraint Error: Duplicate key', 'Parser Error: syntax error', 'Conversion Error: invalid date']) {
    assert.is(classifyDuckdbError(msg(m)), undefined, m);
  }
});

t('BigQuery: 5xx, 429, rate-limit and backend reasons, no connection are unavailable; a 400 or a 404 is not', () => {
  for (const code of [500, 502, 503, 429, 'ECONNREFUSED', 'ECONNRESET']) assert.is(classifyBigQueryError(coded(code, 'ApiError')), 'unavailable', String(code));
  assert.is(classifyBigQueryError(Object.assign(new Error('x'), { errors: [{ reason: 'rateLimitExceeded' }] })), 'unavailable');
  assert.is(classifyBigQueryError(Object.assign(new Error('x'), { code: 403, errors: [{ reason: 'quotaExceeded' }] })), 'unavailable');
  for (const code of [400, 404, 409]) assert.is(classifyBigQueryError(coded(code, 'ApiError')), undefined, String(code));
  assert.is(classifyBigQueryError(Object.assign(new Error('x'), { code: 400, errors: [{ reason: 'invalidQuery' }] })), undefined);
  assert.is(classifyBigQueryError(Object.assign(new Error('x'), { code: 400, errors: [{ reason: 'jobInternalError' }] })), undefined, 'a 400 whatever its reason');
});

t('a StoreFault keeps the driver error as its cause only; its message names the port', () => {
  const fault = storeFault('document store', coded('SQLITE_FULL'));
  assert.ok(isStoreFault(fault));
  assert.is(fault.code, 'store.unavailable');
  assert.not.match(fault.message, 'driver text');
  assert.match(fault.message, 'document store');
  assert.is((fault.cause as Error).message, 'driver text');
  assert.is(classifySqliteError(fault), 'unavailable');
});

t.run();
