// Projection throughput and live-push latency on the embedded stores. Prints JSON, then prose.
//   npm run bench:projections -- [--events 1000000] [--per-projection-events 100000]
//                                [--rate 1000] [--seconds 10] [--skip-rebuild] [--skip-latency]
// (a) rebuild: a realistic log (template tenants through the real command pipeline, copied
//     under fresh tenants and event ids) caught up from scratch by a fresh daemon running
//     every real projection, and by each projection alone over the first
//     --per-projection-events events; beside it, the raw baseline of the same run: simple
//     rows into SQLite in 1000-row transactions with the document store's pragmas.
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

async function rebuildBench() {
  let started = performance.now();
  const template = await templateLog(Number(args['template-tenants']));
  const templateMs = performance.now() - started;
  const events = openSqliteEventStore(path('events.db'));
  started = performance.now();
  const head = await appendCopies(events, template, EVENTS);
  const appendMs = performance.now() - started;
  const raw = rawBaseline(EVENTS);
  const all = await catchUp(events, allProjections, head, 'docs-all.db');
  // Each projection alone over a prefix of the log (positions are gap-free: 1..N).
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
    allProjections: { ...all, projections: allProjections.length, documentWritesPerSecondPerProjection: all.eventsPerSecond },
    ratioToRaw: Math.round((all.eventsPerSecond / raw.rowsPerSecond) * 1000) / 1000,
    eachAlone: alone,
    target: { eventsPerSecond: 150_000, met: all.eventsPerSecond >= 150_000 },
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
  console.log(
    `\nRebuild: ${r.events} events through all ${r.allProjections.projections} projections at ${r.allProjections.eventsPerSecond} events/s ` +
      `(${r.allProjections.seconds} s); a raw batched insert ran at ${r.rawBatchedInsert.rowsPerSecond} rows/s, so the ratio is ${r.ratioToRaw}; ` +
      `target 150,000 events/s ${r.target.met ? 'met' : 'not met'}.`,
  );
}
if (l) console.log(`Live: ${l.measured} appends at ${l.achievedRate}/s reached the feed in p50 ${l.ms.p50} ms, p99 ${l.ms.p99} ms, max ${l.ms.max} ms; target p99 < 10 ms ${l.target.met ? 'met' : 'not met'}.`);
