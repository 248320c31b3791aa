// `npm run soak -- [--seconds 600] [--workers 4] [--listeners 3] [--keep]`: the real server
// (api/main.ts, a child process on a temp DATA_DIR, embedded stores) under mixed load for a
// bounded time — commands (plan edits, submissions, approvals, launches on the sandbox),
// queries and performance syncs over HTTP, websocket listeners connected throughout — then,
// with the server stopped, the checks: no 5xx; every acknowledged command's events in the log
// exactly once; every read model equal to a clean rebuild; no duplicate campaign on the
// sandbox; warehouse rows equal to a fresh load; RSS flat within a stated bound. Prints JSON
// (p50/p99 per operation, RSS, checks) and exits 1 when any check fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteEventStore } from '../connectors/eventstore/sqlite.ts';
import { allProjections } from '../projections/definitions/index.ts';
import { openSqliteDocumentStore } from '../readmodels/documents/sqlite.ts';
import { killAll, startProduct } from '../test/e2e/processes.ts';
import { checkLog } from './soak/checks/log.ts';
import { checkReadModels } from './soak/checks/readModels.ts';
import { rebuildFromLog } from './soak/checks/rebuild.ts';
import { checkSandbox } from './soak/checks/sandbox.ts';
import { checkWarehouse } from './soak/checks/warehouse.ts';
import { soakClient } from './soak/client.ts';
import { connectListeners } from './soak/listeners.ts';
import { signInPeople } from './soak/people.ts';
import { quiesce } from './soak/quiesce.ts';
import { judgeRss, sampleRss } from './soak/rss.ts';
import { recorder } from './soak/stats.ts';
import { workload } from './soak/workload.ts';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '600' }, workers: { type: 'string', default: '4' }, listeners: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
});
const SECONDS = Number(args.seconds);
const WORKERS = Number(args.workers);
const LISTENERS = Number(args.listeners);
if (!(SECONDS > 0) || !(WORKERS > 0) || !(LISTENERS >= 0)) {
  console.error('usage: npm run soak -- [--seconds N>0] [--workers N>0] [--listeners N>=0] [--keep]');
  process.exit(64);
}
// Warm-up: start-up, the demo's 90-day backfill, V8 sizing its heap and the bounded caches filling
// (the websocket replay buffer holds the last 10,000 changes: ~2 minutes of this load on 2 cores).
// RSS is judged after it: the first half of the run, at most 2 minutes.
const WARMUP_SECONDS = Math.min(120, Math.max(15, Math.round(SECONDS * 0.5)));
const log = (line: string) => process.stderr.write(`soak: ${line}\n`);

const dataDir = mkdtempSync(join(tmpdir(), 'adledger-soak-'));
const stats = recorder();
const startedAt = Date.now();
let exitCode = 1;
try {
  // Embedded stores whatever MONGO_URL says: the checks read the server's own files.
  const product = await startProduct(dataDir, 120_000, { embedded: true, env: { LOG_LEVEL: 'warn', DEMO: 'on' } });
  const client = soakClient(product.url, stats);
  const people = await signInPeople(product, dataDir);
  const listeners = await connectListeners(product.url, people.adminToken, LISTENERS);
  log(`server ${product.url} (pid ${product.pid}, DATA_DIR ${dataDir}); ${WORKERS} workers, ${LISTENERS} listeners, ${SECONDS} s`);

  const heapMiB = async () => {
    const text = await fetch(`${product.url}/metrics`, { headers: people.admin, signal: AbortSignal.timeout(2000) }).then((r) => r.text());
    const bytes = /^adledger_nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1];
    return bytes === undefined ? undefined : Number(bytes) / 1024 / 1024;
  };
  const rss = sampleRss(product.pid, 2000, heapMiB);
  const load = workload(client, people, WORKERS, Date.now().toString(36));
  const loadStarted = Date.now();
  await load.run(loadStarted + SECONDS * 1000);
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(`load done after ${loadSeconds.toFixed(1)} s: ${client.acknowledged.length} commands acknowledged, ${load.launched.length} launches requested`);
  const quiet = await quiesce(client, people.admin, load.tenants, 90_000);
  const samples = rss.stop();
  const live = listeners.figures();
  await listeners.close();
  const stopped = await product.stop();
  log(`server stopped (${stopped}) after a ${quiet.seconds} s quiesce; checking`);

  const events = openSqliteEventStore(join(dataDir, 'events.db'));
  const serverDocs = await openSqliteDocumentStore(join(dataDir, 'readmodels.db'));
  const rebuilt = await rebuildFromLog(events, dataDir, 300_000);
  const serverErrors = stats.serverErrors();
  const checks = {
    no5xx: { ok: Object.keys(serverErrors).length === 0, byRoute: serverErrors },
    log: await checkLog(events, client.acknowledged),
    readModels: await checkReadModels(serverDocs, rebuilt.docs, allProjections),
    sandbox: await checkSandbox(events, join(dataDir, 'sandbox-platforms.db'), ''),
    warehouse: await checkWarehouse(join(dataDir, 'warehouse.duckdb'), rebuilt.warehouseFile),
    rss: judgeRss(samples, WARMUP_SECONDS),
    liveListeners: { ok: live.unexpectedCloses.length === 0 && (LISTENERS === 0 || live.changes > 0), ...live },
    quiesced: { ok: quiet.launchesOpen.length === 0 && quiet.projectionsBehind.length === 0, ...quiet },
    serverExit: { ok: stopped === 0, code: stopped },
  };
  await rebuilt.close();
  await serverDocs.close();
  await events.close();
  const failed = Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name);
  const report = {
    soak: 'adledger',
    ok: failed.length === 0,
    failed,
    machine: { cpus: cpus().length, node: process.version },
    setup: { seconds: SECONDS, loadSeconds: Math.round(loadSeconds * 10) / 10, workers: WORKERS, listeners: LISTENERS, warmupSeconds: WARMUP_SECONDS, server: 'api/main.ts child process, embedded SQLite + DuckDB, sandbox platforms, LOG_LEVEL=warn' },
    totals: { requests: Object.values(stats.operations(loadSeconds)).reduce((n, o) => n + o.count, 0), acknowledgedCommands: client.acknowledged.length, launchesRequested: load.launched.length, events: checks.log.events },
    operations: stats.operations(loadSeconds),
    statuses: stats.statuses(),
    noAnswer: stats.transportErrors(),
    rebuild: { seconds: rebuilt.seconds, eventsPerSecond: rebuilt.eventsPerSecond },
    rssSamples: samples.map((s) => [s.atSeconds, s.rssMiB, s.heapMiB ?? null]),
    checks,
    wallSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(`\nsoak ${report.ok ? 'passed' : `FAILED (${failed.join(', ')})`}: ${report.totals.requests} requests in ${report.setup.loadSeconds} s, RSS ${checks.rss.warmMiB} -> ${checks.rss.lastMiB} MiB (bound +${checks.rss.boundMiB} MiB), ${report.wallSeconds} s in all`);
  exitCode = report.ok ? 0 : 1;
} catch (error) {
  console.error('soak: could not finish:', error);
  exitCode = 1;
} finally {
  killAll();
  if (args.keep) log(`kept ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
