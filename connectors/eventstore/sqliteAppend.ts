import type Database from 'better-sqlite3';
import type { AppendOutcome, ExpectedRevision, NewEvent } from './port.ts';
import { duplicateEventIds, wrongExpectedRevision } from './port.ts';
import { invalid } from '../../domain/shared/errors.ts';
import { classifySqliteError } from '../../domain/shared/storeFaults.ts';
import { refuseUnappendable } from './appendChecks.ts';

export interface AppendStatements {
  byEventId: Database.Statement;
  insert: Database.Statement;
  savepoint: Database.Statement; // SAVEPOINT append
  release: Database.Statement; // RELEASE append
  rollbackTo: Database.Statement; // ROLLBACK TO append
}

// Stream revisions as this transaction sees them (-1n: no stream). Kept in memory by the
// caller, which drops them whenever another connection has committed.
export interface Revisions {
  get(stream: string): bigint;
  set(stream: string, revision: bigint): void;
}

interface StoredId {
  stream_id: string;
  revision: bigint;
  position: bigint;
}

// One append inside the group-commit transaction: all of its events or none. Duplicate
// event ids are looked for only when something refuses the append (the expected revision
// or the unique index), which keeps the common path to one INSERT per event.
export function appendChecked(
  st: AppendStatements,
  revisions: Revisions,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  created: string,
): AppendOutcome {
  const unappendable = refuseUnappendable(events);
  if (unappendable) return { ok: false, error: unappendable };

  const current = revisions.get(stream);
  const exists = current >= 0n;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'exists' && exists) ||
    (typeof expected === 'bigint' && exists && current === expected);
  if (!ok) return findDuplicates(st, stream, events) ?? { ok: false, error: wrongExpectedRevision(stream, expected, exists ? current : 'no_stream') };

  let revision = current;
  let position = 0n;
  // An append of several events has its own savepoint, so a refused INSERT undoes exactly
  // this append. A single INSERT is atomic by itself (SQLite backs out a failed statement
  // and keeps the transaction), and two more statements per append cost ~10% of the
  // append rate; a store fault rolls the whole batch back either way (below).
  const several = events.length > 1;
  if (several) st.savepoint.run();
  try {
    for (const e of events) {
      revision += 1n;
      position = st.insert.run(stream, revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), created)
        .lastInsertRowid as bigint;
    }
    if (several) st.release.run();
  } catch (error) {
    // A store fault (disk full, I/O, lock) fails the whole group commit: rethrown, so the
    // caller rolls back every append of the batch and answers each one as unavailable.
    if (classifySqliteError(error) !== undefined) throw error;
    if (several) {
      st.rollbackTo.run();
      st.release.run();
    }
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const duplicate = findDuplicates(st, stream, events);
      if (duplicate) return duplicate;
    }
    // The events themselves cannot be stored (too big, not encodable): the caller's mistake.
    const code = (error as { code?: unknown }).code;
    return { ok: false, error: invalid('stream.unstorable_event', 'These events cannot be stored', { reason: typeof code === 'string' ? code : 'unknown' }) };
  }
  revisions.set(stream, revision);
  return { ok: true, nextExpectedRevision: revision, position, alreadyStored: false };
}

// EventStoreDB semantics: re-appending events that are already stored, in the same order
// in the same stream, is a no-op that returns the original result.
function findDuplicates(st: AppendStatements, stream: string, events: readonly NewEvent[]): AppendOutcome | undefined {
  const stored = events.map((e) => st.byEventId.get(e.eventId) as StoredId | undefined);
  const found = stored.filter((s): s is StoredId => s !== undefined);
  if (found.length === 0) return undefined;
  const inOrder =
    found.length === events.length &&
    found.every((s, i) => s.stream_id === stream && (i === 0 || s.revision === found[i - 1]!.revision + 1n));
  if (!inOrder) {
    return { ok: false, error: duplicateEventIds(stream, events.filter((_, i) => stored[i] !== undefined).map((e) => e.eventId)) };
  }
  const last = found[found.length - 1]!;
  return { ok: true, nextExpectedRevision: last.revision, position: last.position, alreadyStored: true };
}
