// The peer: Emmett's event store on SQLite (@event-driven-io/emmett-sqlite 0.42.4 with
// @event-driven-io/emmett 0.42.0), doing the work bench/eventstore.ts does on ours. Prints
// ONE JSON document, then prose. Run by `npm run bench` (which installs bench/peers first):
//   node --import tsx bench/peers/emmett.ts [--appends 1000] [--appends-in-flight 2000]
//     [--read-seconds 2] [--commands 300] [--commands-in-flight 1000] [--rebuild-events 10000]
//     [--max-seconds 20]
// Emmett's store as its README sets it up: getSQLiteEventStore({ fileName }), which opens a
// connection per operation (WAL, SQLite's default synchronous=FULL, BEGIN IMMEDIATE per
// append). An operation that fails is counted by its error code and the run goes on, so a
// figure that had failures says how many and what succeeded.
import { CommandHandler, type Event } from '@event-driven-io/emmett';
import { getSQLiteEventStore, sqliteConnection, sqliteRawSQLProjection, type SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    appends: { type: 'string', default: '1000' },
    'appends-in-flight': { type: 'string', default: '2000' },
    'read-seconds': { type: 'string', default: '2' },
    commands: { type: 'string', default: '300' },
    'commands-in-flight': { type: 'string', default: '1000' },
    'rebuild-events': { type: 'string', default: '10000' },
    'max-seconds': { type: 'string', default: '20' },
  },
});
// A figure stops issuing work after this long: under contention each of Emmett's failures
// waits out sqlite3's 1 s busy timeout, so a fixed count could take minutes.
const MAX_MS = Number(args['max-seconds']) * 1000;

// Emmett logs each failed transaction's error with console.log, then its ROLLBACK fails
// ("no transaction is active") and that is what the caller gets: the logged errors are
// counted by code (the real cause, e.g. SQLITE_BUSY) and sent to stderr, so stdout carries
// one JSON document and the prose.
const print = console.log.bind(console);
let logged: Record<string, number> = {};
console.log = (...items: unknown[]) => {
  for (const item of items) {
    const code = (item as { code?: unknown } | null)?.code;
    if (typeof code === 'string') logged[code] = (logged[code] ?? 0) + 1;
  }
  console.error(...items);
};

const dir = mkdtempSync(join(tmpdir(), 'adledger-bench-emmett-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const fileName = join(dir, 'emmett.db');
const store: SQLiteEventStore = getSQLiteEventStore({ fileName });

// The same event as bench/eventstore.ts appends (Emmett adds its own message id).
type BenchAppended = Event<'bench.appended', { i: number; planId: string; budgetMicros: number; note: string }, { tenantId: string; actor: { type: string; id: string; role: string }; schemaVersion: number; recordedAt: string }>;
const event = (i: number): BenchAppended => ({
  type: 'bench.appended',
  data: { i, planId: 'spring', budgetMicros: 1_250_000_000, note: 'a typical small event payload' },
  metadata: { tenantId: 'bench', actor: { type: 'user', id: 'bench', role: 'agency-user' }, schemaVersion: 1, recordedAt: new Date().toISOString() },
});

const codeOf = (error: unknown): string => {
  const e = error as { name?: unknown; message?: unknown };
  const name = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${String(e.message ?? error).slice(0, 100)}`;
};

const describe = (codes: Record<string, number>) => (Object.keys(codes).length === 0 ? '' : `; Emmett logged ${Object.entries(codes).map(([c, n]) => `${c} ×${n}`).join(', ')}`);

// `inFlight` workers share up to `total` operations (fewer if MAX_MS passes); each failure
// is counted by its message.
async function run(inFlight: number, total: number, operation: (worker: number, i: number) => Promise<void>) {
  const failures: Record<string, number> = {};
  logged = {};
  let next = 0;
  let succeeded = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, w) => {
      while (next < total && performance.now() - started < MAX_MS) {
        const i = next++;
        try {
          await operation(w, i);
          succeeded++;
        } catch (error) {
          failures[codeOf(error)] = (failures[codeOf(error)] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const attempted = next;
  const failed = attempted - succeeded;
  return {
    inFlight,
    attempted,
    succeeded,
    failed,
    ...(Object.keys(logged).length > 0 ? { errorsLoggedByEmmett: logged } : {}),
    ...(failed > 0 ? { failures, error: `${failed} of ${attempted} failed (${Object.entries(failures).map(([c, n]) => `${n}× ${c}`).join('; ')}${describe(logged)}); ${succeeded} succeeded` } : {}),
    perSecond: Math.round((succeeded / seconds) * 100) / 100, // a few successes in many seconds is not 0
    seconds: Math.round(seconds * 1000) / 1000,
  };
}

// Each worker appends single events to its own stream at the exact expected version.
async function appends(label: string, inFlight: number, total: number) {
  const versions = new Array<bigint>(inFlight).fill(0n);
  return run(inFlight, total, async (w, i) => {
    const r = await store.appendToStream(`${label}-${w}`, [event(i)], { expectedStreamVersion: versions[w] === 0n ? 'STREAM_DOES_NOT_EXIST' : versions[w]! });
    versions[w] = r.nextExpectedStreamVersion;
  });
}

async function streamReads(stream: string, seconds: number) {
  let reads = 0;
  let events = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    events += (await store.readStream(stream, { maxCount: 50n })).events.length;
    reads++;
  }
  return { streamReadsPerSecond: Math.round(reads / seconds), eventsPerSecond: Math.round(events / seconds), eventsPerRead: Math.round(events / Math.max(1, reads)) };
}

// The same decider shape as our tenant.report_feed_health: read the tenant's stream, fold,
// refuse if the tenant does not exist, else one event; appended at the version read.
type TenantEvent = Event<'tenant.created', { tenantId: string; name: string }> | Event<'tenant.feed_health_reported', { criticalErrors: number; warnings: number }>;
type Tenant = { exists: boolean; feed?: { criticalErrors: number; warnings: number } };
const evolve = (state: Tenant, e: TenantEvent): Tenant => (e.type === 'tenant.created' ? { exists: true } : { ...state, feed: e.data });
const handle = CommandHandler<Tenant, TenantEvent>({ evolve, initialState: () => ({ exists: false }) });

// Setting up is not measured: a tenant whose creation fails (Emmett's store fails about one
// append in 200 even alone, "cannot commit transaction - SQL statements in progress") is
// created again, so the measured commands find their tenants.
async function seedTenant(stream: string, tenantId: string, attempts = 5): Promise<void> {
  for (let a = 1; ; a++) {
    try {
      await handle(store, stream, (tenant) => (tenant.exists ? [] : { type: 'tenant.created', data: { tenantId, name: `Tenant ${tenantId}` } }));
      return;
    } catch (error) {
      if (a >= attempts) throw error;
    }
  }
}

async function commands(label: string, inFlight: number, total: number) {
  for (let t = 0; t < inFlight; t++) await seedTenant(`tenant-${label}${t}`, `${label}${t}`);
  return run(inFlight, total, async (w, i) => {
    await handle(store, `tenant-${label}${w}`, (tenant) => {
      if (!tenant.exists) throw new Error('tenant.not_found');
      return { type: 'tenant.feed_health_reported', data: { criticalErrors: i % 3, warnings: i % 7 } };
    });
  });
}

// Emmett's SQLite projection machinery: a consumer with one projection processor replays
// the log from the beginning (what a rebuild is there), one upsert per event into a
// per-stream summary table, checkpoint per message inside each batch's transaction.
async function projectionRebuild(events: number) {
  const connection = sqliteConnection({ fileName });
  const count = async () => (await connection.querySingle<{ n: number }>('SELECT count(*) AS n FROM emt_messages'))!.n;
  let seedFailures = 0;
  for (let s = 0; (await count()) < events; s++) {
    try {
      await store.appendToStream(`seed-${s}`, Array.from({ length: 100 }, (_, i) => event(i)), { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' });
    } catch (error) {
      if (++seedFailures > 20) throw error; // a stray failure while seeding is retried with the next stream
    }
  }
  await connection.command('CREATE TABLE IF NOT EXISTS stream_summary (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, last_i INTEGER)');
  const head = BigInt((await connection.querySingle<{ p: number }>('SELECT max(global_position) AS p FROM emt_messages'))!.p);
  const total = await count();
  connection.close();
  const projection = sqliteRawSQLProjection<BenchAppended | TenantEvent>({
    canHandle: ['bench.appended', 'tenant.created', 'tenant.feed_health_reported'],
    evolve: (e) => {
      const stream = String((e as { metadata?: { streamName?: unknown } }).metadata?.streamName).replaceAll("'", "''");
      const i = e.type === 'bench.appended' ? e.data.i : 'NULL';
      return `INSERT INTO stream_summary (stream_id, events, last_i) VALUES ('${stream}', 1, ${i}) ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, last_i = excluded.last_i`;
    },
  });
  const consumer = store.consumer({ pulling: { batchSize: 1000, pullingFrequencyInMs: 1 } });
  consumer.processor({ processorId: `rebuild-${randomUUID()}`, projection, startFrom: 'BEGINNING', stopAfter: (m) => m.metadata.globalPosition >= head });
  const started = performance.now();
  await consumer.start();
  const seconds = (performance.now() - started) / 1000;
  await consumer.close();
  return { events: total, projections: 1, batchSize: 1000, eventsPerSecond: Math.round(total / seconds), seconds: Math.round(seconds * 1000) / 1000 };
}

// One figure's failure never hides the others: it is recorded as that figure's error.
async function figure<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: `${codeOf(error)}: ${String((error as Error).message ?? error).slice(0, 200)}` };
  }
}

const started = performance.now();
const one = await figure(() => appends('one', 1, Number(args.appends)));
const result = {
  bench: 'emmett-sqlite',
  peer: { packages: { '@event-driven-io/emmett-sqlite': '0.42.4', '@event-driven-io/emmett': '0.42.0', sqlite3: '5.1.7' }, store: 'getSQLiteEventStore({ fileName }): a connection per operation, WAL, synchronous=FULL (SQLite default)' },
  node: process.version,
  durableAppends1InFlight: one,
  durableAppends64InFlight: await figure(() => appends('many', 64, Number(args['appends-in-flight']))),
  streamReads: await figure(() => streamReads('one-0', Number(args['read-seconds']))),
  commands1InFlight: await figure(() => commands('solo', 1, Number(args.commands))),
  commands64InFlight: await figure(() => commands('crowd', 64, Number(args['commands-in-flight']))),
  projectionRebuild: await figure(() => projectionRebuild(Number(args['rebuild-events']))),
  seconds: 0,
};
result.seconds = Math.round(performance.now() - started) / 1000;
print(JSON.stringify(result, null, 2));
const say = (name: string, f: { perSecond?: number; error?: string } | { error: string }) => `${name}: ${'perSecond' in f ? `${f.perSecond}/s` : ''}${f.error ? ` (${f.error})` : ''}`;
print(`\nEmmett on SQLite: ${say('appends one at a time', result.durableAppends1InFlight)}; ${say('64 in flight', result.durableAppends64InFlight)}; ${say('commands', result.commands1InFlight)}; ${say('commands 64 in flight', result.commands64InFlight)}.`);
