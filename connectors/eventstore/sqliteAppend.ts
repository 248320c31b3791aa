import type Database from 'better-sqlite3';
import type { AppendOutcome, ExpectedRevision, NewEvent } from './port.ts';
import { wrongExpectedRevision } from './port.ts';
import { conflict, invalid } from '../../domain/shared/errors.ts';

export interface AppendStatements {
  streamRevision: Database.Statement;
  byEventId: Database.Statement;
  insert: Database.Statement;
}

interface StoredId {
  stream_id: string;
  revision: bigint;
  position: bigint;
}

// One append inside the group-commit transaction. It either inserts all of its events or
// none (checks come first; a failed insert rolls back to its own savepoint).
export function appendChecked(
  db: Database.Database,
  st: AppendStatements,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  created: string,
): AppendOutcome {
  if (events.length === 0) return { ok: false, error: invalid('stream.empty_append', 'An append needs at least one event') };

  const duplicate = findDuplicates(st, stream, events);
  if (duplicate) return duplicate;

  const current = (st.streamRevision.get(stream) as { revision: bigint | null }).revision;
  const exists = current !== null;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'exists' && exists) ||
    (typeof expected === 'bigint' && exists && current === expected);
  if (!ok) return { ok: false, error: wrongExpectedRevision(stream, expected, exists ? current : 'no_stream') };

  let revision = exists ? current : -1n;
  let position = 0n;
  const insertAll = () => {
    for (const e of events) {
      revision += 1n;
      const row = st.insert.get(stream, revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), created) as {
        position: bigint;
      };
      position = row.position;
    }
  };
  // A single INSERT is atomic by itself; several need a savepoint so a failure part-way
  // leaves the rest of the group commit untouched.
  if (events.length === 1) {
    try {
      insertAll();
    } catch (error) {
      return unstorable(error);
    }
  } else {
    db.exec('SAVEPOINT append');
    try {
      insertAll();
      db.exec('RELEASE append');
    } catch (error) {
      db.exec('ROLLBACK TO append');
      db.exec('RELEASE append');
      return unstorable(error);
    }
  }
  return { ok: true, nextExpectedRevision: revision, position };
}

const unstorable = (error: unknown): AppendOutcome => ({
  ok: false,
  error: invalid('stream.unstorable_event', `Could not store the events: ${(error as Error).message}`),
});

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
    return {
      ok: false,
      error: conflict('stream.duplicate_event_id', 'Some of these event ids are already stored, but not as this same append', {
        stream,
        eventIds: events.filter((_, i) => stored[i] !== undefined).map((e) => e.eventId),
      }),
    };
  }
  const last = found[found.length - 1]!;
  return { ok: true, nextExpectedRevision: last.revision, position: last.position };
}
