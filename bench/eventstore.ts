// Durable append throughput and latency on the embedded store, stream reads, and in-process
// commands (load -> decide -> append). Prints ONE JSON document, then prose.
//   npm run bench:eventstore -- [--warm-up 5000] [--appends-one 5000] [--appends-many 200000]
//     [--appends-random 100000] [--hot 100000] [--read-seconds 2] [--commands 50000]
//     [--commands-one 5000]
// bench/limits.ts takes the same append sizes and writes the same rows raw, in the same order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendSizeFlags } from './appendSizes.ts';
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../connectors/eventstore/sqlite.ts';
import type { EventStore, NewEvent } from '../connectors/eventstore/port.ts';
import { sendCommand } from '../commands/sendCommand.ts';
import { newCommandId } from '../commands/eventIds.ts';
import { writeSide } from '../commands/aggregates.ts';
import { isDomainError } from '../domain/shared/errors.ts';

const { values: args } = parseArgs({
  options: {
    ...appendSizeFlags,
    hot: { type: 'string', default: '100000' },
    'read-seconds': { type: 'string', default: '2' },
    commands: { type: 'string', default: '50000' },
    'commands-one': { type: 'string', default: '5000' },
  },
});
const size = (name: keyof typeof args) => Number(args[name]);

const dir = mkdtempSync(join(tmpdir(), 'adledger-bench-'));
// The pipeline's event ids are time-ordered (derived from UUIDv7 command ids); `randomIds`
// measures callers that bring random v4 ids instead.
let idOf: () => string = newCommandId;
const event = (i: number): NewEvent => ({
  eventId: idOf(),
  type: 'bench.appended',
  data: { i, planId: 'spring', budgetMicros: 1_250_000_000, note: 'a typical small event payload' },
  metadata: { tenantId: 'bench', actor: { type: 'user', id: 'bench', role: 'agency-user' }, schemaVersion: 1, recordedAt: new Date().toISOString() },
});

let runs = 0;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

// `inFlight` writers, each appending to its own streams at the exact expected revision.
async function appends(store: EventStore, inFlight: number, total: number, ids: 'uuidv7' | 'uuidv4' = 'uuidv7') {
  idOf = ids === 'uuidv7' ? newCommandId : randomUUID;
  const run = ++runs;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, w) => {
      let revision = -1n;
      const stream = `bench-${run}.${w}`;
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const r = await store.append(stream, [event(i)], revision < 0n ? 'no_stream' : revision);
        latencies.push(performance.now() - t0);
        if (!r.ok) throw new Error(r.error.message);
        revision = r.nextExpectedRevision;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { inFlight, eventIds: ids, streams: inFlight, appends: total, perSecond: Math.round(total / seconds), p50Ms: +quantile(latencies, 0.5).toFixed(3), p99Ms: +quantile(latencies, 0.99).toFixed(3) };
}

// 64 appends in flight into two hot streams (expected revision `any`): how far group commit
// goes when a commit dirties few index pages.
async function hotStreamAppends(store: EventStore, total: number) {
  idOf = newCommandId;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async (_, w) => {
      while (next < total) {
        const r = await store.append(`hot-${w % 2}`, [event(next++)], 'any');
        if (!r.ok) throw new Error(r.error.message);
      }
    }),
  );
  return { inFlight: 64, streams: 2, expected: 'any', appends: total, perSecond: Math.round(total / ((performance.now() - started) / 1000)) };
}

async function streamReads(store: EventStore, seconds: number) {
  const streams = Array.from({ length: 64 }, (_, w) => `bench-3.${w}`); // the 64-in-flight run's streams
  let reads = 0;
  let events = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    for await (const _ of store.readStream(streams[reads % streams.length]!, { maxCount: 50 })) events++;
    reads++;
  }
  return { streamReadsPerSecond: Math.round(reads / seconds), eventsPerSecond: Math.round(events / seconds), eventsPerRead: 50 };
}

async function commands(store: EventStore, inFlight: number, total: number) {
  const deps = writeSide(store);
  const actor = { type: 'user' as const, id: 'ops', role: 'agency-admin' as const };
  for (let t = 0; t < inFlight; t++) {
    const created = await sendCommand(deps, { type: 'tenant.create', tenantId: `t${inFlight}-${t}`, commandId: `create-${t}-${randomUUID()}`, data: { name: `Tenant ${t}`, currency: 'EUR', timezone: 'Europe/Istanbul' }, actor });
    if (isDomainError(created)) throw new Error(created.message);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, w) => {
      while (next < total) {
        const i = next++;
        const r = await sendCommand(deps, { type: 'tenant.report_feed_health', tenantId: `t${inFlight}-${w}`, commandId: newCommandId(), data: { criticalErrors: i % 3, warnings: i % 7 }, actor });
        if (isDomainError(r)) throw new Error(r.message);
      }
    }),
  );
  return { inFlight, commands: total, perSecond: Math.round(total / ((performance.now() - started) / 1000)) };
}

const store = openSqliteEventStore(join(dir, 'bench.db'));
await appends(store, 64, size('warm-up'));
const result = {
  bench: 'eventstore',
  store: 'sqlite (WAL, synchronous=FULL, group commit)',
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  durableAppends1InFlight: await appends(store, 1, size('appends-one')),
  durableAppends64InFlight: await appends(store, 64, size('appends-many')),
  durableAppends64InFlightRandomIds: await appends(store, 64, size('appends-random'), 'uuidv4'),
  durableAppends64InFlightTwoHotStreams: await hotStreamAppends(store, size('hot')),
  streamReads: await streamReads(store, size('read-seconds')),
  commands64InFlight: await commands(store, 64, size('commands')),
  commands1InFlight: await commands(store, 1, size('commands-one')),
};
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
console.log(
  `\nDurable appends: ${result.durableAppends1InFlight.perSecond}/s one at a time, ${result.durableAppends64InFlight.perSecond}/s with 64 in flight ` +
    `(${result.durableAppends64InFlightRandomIds.perSecond}/s with random v4 ids); ${result.streamReads.streamReadsPerSecond} stream reads/s of ` +
    `${result.streamReads.eventsPerRead} events; commands ${result.commands1InFlight.perSecond}/s one at a time, ${result.commands64InFlight.perSecond}/s with 64 in flight.`,
);
