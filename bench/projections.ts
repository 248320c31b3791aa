// Projection throughput and live-push latency on the embedded stores. Prints JSON, then prose.
//   npm run bench:projections -- [--events 1000000] [--per-projection-events 100000]
//                                [--rate 1000] [--seconds 10] [--skip-rebuild] [--skip-latency]
// (a) rebuild: a realistic log (template tenants through the real command pipeline, copied
//     under fresh tenants and event ids) caught up from scratch by a fresh daemon running
//     every real projection and the reporting one (DuckDB), then every projection rebuilt at
//     once beside the live ones (the figure the target is about), and each read model alone
//     over the first --per-projection-events events. Beside them, two limits of the same run:
//     simple rows into SQLite in 1000-row transactions, and the very document rows the rebuild
//     wrote, inserted raw into tables of the same shape (then indexed, as the rebuild does).
// (b) latency: a live daemon with a feed, a writer appending single events at a steady rate;
//     time from append() to the audit_timeline feed item of that event (its id is the eventId).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteEventStore } from '../connectors/eventstore/sqlite.ts';
import type { EventStore } from '../connectors/eventstore/port.ts';
import { openSqliteDocumentStore } from '../readmodels/documents/sqlite.ts';
import { openDuckdbWarehouse } from '../readmodels/warehouse/duckdb.ts';
import { reportingTarget, REPORTING } from '../projections/reporting/reportingTarget.ts';
import { allProjections } from '../projections/definitions/index.ts';
import type { Projection } from '../projections/definitions/projection.ts';
import { projectionDaemon } from '../projections/runtime/daemon.ts';
import { liveFeed } from '../projections/runtime/liveFeed.ts';
import { appendCopies, copyOf, templateLog } from '../test/projections/crashLog.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'per-projection-events': { type: 'string', default: '100000' },
    'template-tenants': { type: 'string', default: '12' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    'skip-rebuild': { type: 'boolean', default: false },
    'skip-latency': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const PER_PROJECTION = Math.min(EVENTS, Number(args['per-projection-events']));
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);

const dir = mkdtempSync(join(tmpdir(), 'adledger-bench-projections-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);
const seconds = (ms: number) => Math.round(ms) / 1000;
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

// The raw floor: simple rows, 1000 per transaction, WAL + synchronous=FULL as the document store.
function rawBaseline(rows: number) {
  const db = new Database(path('raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + 1000 && i < rows; i++) insert.run(i, `{"id":"${i}","tenantId":"acme","n":${i}}`);
  });
  const started = performance.now();
  for (let i = 0; i < rows; i += 1000) batch(i);
  const ms = performance.now() - started;
  db.close();
  return { rows, seconds: seconds(ms), rowsPerSecond: rate(rows, ms) };
}

async function catchUp(events: EventStore, projections: readonly Projection[], upTo: bigint, file: string) {
  const docs = await openSqliteDocumentStore(path(file));
  const started = performance.now();
  const daemon = projectionDaemon({ events, docs, projections });
  await daemon.start();
  const done = await daemon.waitFor(upTo, 60 * 60 * 1000);
  const ms = performance.now() - started;
  const parked = daemon.status().reduce((sum, s) => sum + s.parked, 0);
  await daemon.stop();
  await docs.close();
  rmSync(path(file), { force: true });
  return { events: Number(upTo), caughtUp: done, seconds: seconds(ms), eventsPerSecond: rate(Number(upTo), ms), parked };
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

// Every projection, the warehouse's included: a first start from scratch, then all rebuilt at
// once into new generations while the live ones keep serving.
async function allTogether(events: EventStore, head: bigint) {
  const docs = await openSqliteDocumentStore(path('docs-all.db'));
  const warehouse = await openDuckdbWarehouse(path('warehouse.duckdb'));
  const names = [...allProjections.map((p) => p.name), REPORTING];
  const daemon = projectionDaemon({ events, docs, projections: allProjections, targets: [reportingTarget({ events, warehouse, coordination: docs })] });
  let started = performance.now();
  let cpu = process.cpuUsage();
  await daemon.start();
  const caughtUp = await daemon.waitFor(head, 60 * 60 * 1000, names);
  const firstStart = { caughtUp, seconds: seconds(performance.now() - started), eventsPerSecond: rate(Number(head), performance.now() - started), cpuSeconds: cpuSeconds(cpu) };
  started = performance.now();
  cpu = process.cpuUsage();
  const progress = await daemon.rebuildAll();
  const ms = performance.now() - started;
  const rebuild = {
    seconds: seconds(ms),
    eventsPerSecond: rate(Number(head), ms),
    cpuSeconds: cpuSeconds(cpu),
    eventsPerCpuSecond: Math.round(Number(head) / cpuSeconds(cpu)),
    generations: Object.fromEntries(progress.map((p) => [p.name, p.generation])),
  };
  const parked = daemon.status().reduce((sum, s) => sum + s.parked, 0);
  await daemon.stop();
  await docs.close();
  await warehouse.close();
  return { projections: names, events: Number(head), firstStart, rebuild, parked };
}

// The limit for the same work: the document rows the rebuild wrote (every table of the read
// models), inserted raw in 1000-row transactions into tables of the same shape, then indexed.
function rawSameRows(): { rows: number; seconds: number; rowsPerSecond: number } {
  const source = new Database(path('docs-all.db'), { readonly: true });
  const target = new Database(path('raw-docs.db'));
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  const tables = source.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\'").all() as { name: string; sql: string }[];
  const indexes = source.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rm\\_%' ESCAPE '\\'").pluck().all() as string[];
  const data = tables.map((t) => ({ ...t, rows: source.prepare(`SELECT * FROM ${t.name}`).raw().all() as unknown[][] }));
  source.close();
  let rows = 0;
  const started = performance.now();
  for (const t of data) {
    target.exec(t.sql);
    if (t.rows.length === 0) continue;
    const insert = target.prepare(`INSERT INTO ${t.name} VALUES (${t.rows[0]!.map(() => '?').join(', ')})`);
    const batch = target.transaction((from: number) => {
      for (let i = from; i < from + 1000 && i < t.rows.length; i++) insert.run(...(t.rows[i] as unknown[]));
    });
    for (let i = 0; i < t.rows.length; i += 1000) batch(i);
    rows += t.rows.length;
  }
  for (const sql of indexes) target.exec(sql);
  const ms = performance.now() - started;
  target.close();
  return { rows, seconds: seconds(ms), rowsPerSecond: rate(rows, ms) };
}

async function rebuildBench() {
  let started = performance.now();
  const template = await templateLog(Number(args['template-tenants']));
  const templateMs = performance.now() - started;
  const events = openSqliteEventStore(path('events.db'));
  started = performance.now();
  const head = await appendCopies(events, template, EVENTS);
  const appendMs = performance.now() - started;
  const raw = rawBaseline(EVENTS);
  const all = await allTogether(events, head);
  const sameRows = rawSameRows();
  // The same rows raw, per event of the log: what the rebuild would reach if deriving the rows
  // from the events cost nothing.
  const rawEventsPerSecond = Math.round(Number(head) / sameRows.seconds);
  // Each read model alone over a prefix of the log (positions are gap-free: 1..N).
  const alone: Record<string, Awaited<ReturnType<typeof catchUp>>> = {};
  for (const p of allProjections) alone[p.name] = await catchUp(events, [p], BigInt(PER_PROJECTION), `docs-${p.name}.db`);
  await events.close();
  return {
    events: EVENTS,
    generate: {
      template: { tenants: template.tenants.length, commands: template.commands, events: template.events.length, refused: template.refused, seconds: seconds(templateMs) },
      append: { events: Number(head), seconds: seconds(appendMs), eventsPerSecond: rate(Number(head), appendMs) },
    },
    rawBatchedInsert: raw,
    allProjections: all,
    rawSameDocumentRows: { ...sameRows, eventsPerSecond: rawEventsPerSecond },
    ratioToRawSameRows: Math.round((all.rebuild.eventsPerSecond / rawEventsPerSecond) * 1000) / 1000,
    ratioToRaw: Math.round((all.rebuild.eventsPerSecond / raw.rowsPerSecond) * 1000) / 1000,
    eachAlone: alone,
    target: {
      eventsPerSecond: 100_000,
      ratioToRawSameRows: 0.2,
      met: all.rebuild.eventsPerSecond >= 100_000 && all.rebuild.eventsPerSecond / rawEventsPerSecond >= 0.2,
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round2 = (x: number) => Math.round(x * 100) / 100;

async function latencyBench() {
  const template = await templateLog(Number(args['template-tenants']));
  const events = openSqliteEventStore(path('live-events.db'));
  await appendCopies(events, template, 10_000); // some history, so documents exist to be read
  const docs = await openSqliteDocumentStore(path('live-docs.db'));
  const feed = liveFeed();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const subscription = feed.changes$.subscribe((item) => {
    if (item.collection !== 'audit_timeline') return;
    const at = sentAt.get(item.id);
    if (at === undefined) return;
    latencies.push(performance.now() - at);
    sentAt.delete(item.id);
  });
  const daemon = projectionDaemon({ events, docs, projections: allProjections, feed });
  await daemon.start();
  if (!(await daemon.waitFor(await events.headPosition(), 600_000))) throw new Error('the live daemon did not catch up its history');

  // The writer: single-event appends paced by a 1 ms timer to the target rate.
  const queue = [...copyOf(template, 1_000_000)];
  const total = RATE * SECONDS;
  let sent = 0;
  let failed = 0;
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * RATE) / 1000));
      while (sent < due) {
        let next = queue.shift();
        if (!next) {
          queue.push(...copyOf(template, 1_000_000 + sent));
          next = queue.shift()!;
        }
        sentAt.set(next.event.eventId, performance.now());
        pending.push(events.append(next.stream, [next.event], 'any').then((o) => void (o.ok || failed++)));
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const writeMs = performance.now() - started;
  await Promise.all(pending);
  await daemon.waitFor(await events.headPosition(), 30_000);
  subscription.unsubscribe();
  await daemon.stop();
  await docs.close();
  await events.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    targetRate: RATE,
    achievedRate: rate(sent, writeMs),
    appends: sent,
    failedAppends: failed,
    measured: latencies.length,
    missing: sentAt.size,
    ms: { p50: round2(percentile(sorted, 50)), p90: round2(percentile(sorted, 90)), p99: round2(percentile(sorted, 99)), max: round2(sorted[sorted.length - 1] ?? NaN) },
    target: { p99Ms: 10, met: percentile(sorted, 99) < 10 },
  };
}

const result: Record<string, unknown> = { node: process.version, platform: `${process.platform}-${process.arch}` };
if (!args['skip-rebuild']) result.rebuild = await rebuildBench();
if (!args['skip-latency']) result.liveLatency = await latencyBench();
console.log(JSON.stringify(result, null, 2));
const r = result.rebuild as Awaited<ReturnType<typeof rebuildBench>> | undefined;
const l = result.liveLatency as Awaited<ReturnType<typeof latencyBench>> | undefined;
if (r) {
  const a = r.allProjections;
  console.log(
    `\nRebuild: ${r.events} events through all ${a.projections.length} projections (the warehouse's included) at ${a.rebuild.eventsPerSecond} events/s ` +
      `(${a.rebuild.seconds} s, ${a.rebuild.cpuSeconds} s of CPU); the same document rows inserted raw took ${r.rawSameDocumentRows.seconds} s ` +
      `(${r.rawSameDocumentRows.eventsPerSecond} events/s), ratio ${r.ratioToRawSameRows}; a first start from scratch ran at ${a.firstStart.eventsPerSecond} events/s; ` +
      `target 100,000 events/s and 0.2x the raw rows ${r.target.met ? 'met' : 'not met'}.`,
  );
}
if (l) console.log(`Live: ${l.measured} appends at ${l.achievedRate}/s reached the feed in p50 ${l.ms.p50} ms, p99 ${l.ms.p99} ms, max ${l.ms.max} ms; target p99 < 10 ms ${l.target.met ? 'met' : 'not met'}.`);
