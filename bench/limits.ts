// The limit under our event store: a raw better-sqlite3 loop writing the rows our SQLite
// event store writes (same table, same indexes, same pragmas: connectors/eventstore/
// sqliteSchema.ts) with nothing of ours around it — no queue, no revision checks, no
// promises. Prints ONE JSON document, then prose.
//   npm run bench:limits -- [--warm-up 5000] [--appends-one 5000] [--appends-many 200000]
//                           [--appends-random 100000]
// The sequence mirrors bench/eventstore.ts (same flags, same sizes), so the file has grown
// the same way when each figure is taken: a warm-up of 64-row transactions, then one row per
// durable transaction in one stream (time-ordered ids, as our pipeline makes), then 64 rows
// per transaction over 64 streams (time-ordered ids, then random v4 ids), then 1,000 rows
// per transaction (random v4 ids).
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendSizeFlags } from './appendSizes.ts';
import { migrateEventStore } from '../connectors/eventstore/sqliteSchema.ts';
import { newCommandId } from '../commands/eventIds.ts';

const { values: args } = parseArgs({
  options: {
    ...appendSizeFlags,
  },
});

const dir = mkdtempSync(join(tmpdir(), 'adledger-bench-limits-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = new Database(join(dir, 'limit.db'));
migrateEventStore(db);
const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)');

type Ids = 'uuidv7' | 'uuidv4';
let run = 0;

// `rows` rows over `streams` streams (round robin, each at its next revision), committed
// `perTransaction` at a time; the payload is bench/eventstore.ts's event, stringified per row
// as our append does.
function write(rows: number, perTransaction: number, streams: number, ids: Ids) {
  const idOf = ids === 'uuidv7' ? newCommandId : randomUUID;
  const label = `limit-${++run}`;
  const revisions = new Array<number>(streams).fill(-1);
  const batch = db.transaction((from: number, to: number) => {
    const created = new Date().toISOString();
    for (let i = from; i < to; i++) {
      const s = i % streams;
      const metadata = { tenantId: 'bench', actor: { type: 'user', id: 'bench', role: 'agency-user' }, schemaVersion: 1, recordedAt: created };
      const data = { i, planId: 'spring', budgetMicros: 1_250_000_000, note: 'a typical small event payload' };
      insert.run(`${label}.${s}`, ++revisions[s]!, idOf(), 'bench.appended', JSON.stringify(data), JSON.stringify(metadata), created);
    }
  });
  const started = performance.now();
  for (let i = 0; i < rows; i += perTransaction) batch.immediate(i, Math.min(rows, i + perTransaction));
  const seconds = (performance.now() - started) / 1000;
  return { rows, perTransaction, streams, eventIds: ids, perSecond: Math.round(rows / seconds), seconds: Math.round(seconds * 1000) / 1000 };
}

write(Number(args['warm-up']), 64, 64, 'uuidv7');
const result = {
  bench: 'limits',
  store: 'raw better-sqlite3 into the event store schema (connectors/eventstore/sqliteSchema.ts: WAL, synchronous=FULL, UNIQUE event_id, UNIQUE (stream_id, revision))',
  machine: { cpus: cpus().length, node: process.version },
  onePerTransaction: write(Number(args['appends-one']), 1, 1, 'uuidv7'),
  perTransaction64: write(Number(args['appends-many']), 64, 64, 'uuidv7'),
  perTransaction64RandomIds: write(Number(args['appends-random']), 64, 64, 'uuidv4'),
  perTransaction1000RandomIds: write(Number(args['appends-random']), 1000, 64, 'uuidv4'),
};
db.close();
console.log(JSON.stringify(result, null, 2));
console.log(
  `\nRaw SQLite into the event store's schema: ${result.onePerTransaction.perSecond} rows/s one row per durable transaction; ` +
    `${result.perTransaction64.perSecond} rows/s 64 per transaction (${result.perTransaction64RandomIds.perSecond} with random v4 ids); ` +
    `${result.perTransaction1000RandomIds.perSecond} rows/s 1,000 per transaction.`,
);
