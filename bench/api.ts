// HTTP throughput of the API, as a client sees it: autocannon at 50 connections against
// `npm start`'s server (a child process on its own temp DATA_DIR, demo off, log level warn).
// Prints ONE JSON document, then prose.
//   npm run bench:api -- [--seconds 10] [--connections 50] [--tenants 50]
// commands: POST /api/commands/tenant.set_kpi_targets, spread round-robin over --tenants
//   tenants (one stream each), every request a new command (fresh commandId), all appended
//   durably (synchronous=FULL) before the 201.
// queries: GET /api/approvals?tenantId=… on a tenant with queue items.
// limit: bare Fastify (bench/fastifyLimit.ts, a child process too) returning the body the
//   queries got, under the same autocannon settings, once our server has stopped.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { tokenSigner } from '../api/auth/tokens.ts';
import { openSqliteUserDirectory } from '../api/auth/sqliteUsers.ts';
import { freePort } from '../test/e2e/processes.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, tenants: { type: 'string', default: '50' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TENANTS = Number(args.tenants);

const secret = randomBytes(32).toString('hex');
const dataDir = mkdtempSync(`${tmpdir()}/adledger-bench-api-`);
// Every request checks its user in the directory: the bench's user is put there first.
const bench = { id: 'bench', name: 'bench', role: 'agency-admin', tenantId: null } as const;
const directory = openSqliteUserDirectory(`${dataDir}/auth.db`);
await directory.add(bench);
await directory.close();
const token = tokenSigner(Buffer.from(secret)).sign(bench).token;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO: 'off', LOG_LEVEL: 'warn', AUTH_SECRET: secret },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function post(path: string, body: unknown): Promise<{ position: string }> {
  const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { position: string };
}

try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
    if (i > 300) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const tenants = Array.from({ length: TENANTS }, (_, i) => `bench-${i}`);
  for (const tenantId of tenants) await post('/api/commands/tenant.create', { tenantId, data: { name: tenantId, currency: 'EUR', timezone: 'Europe/Istanbul' } });
  const M = 1_000_000;
  for (const planId of ['p1', 'p2', 'p3', 'p4', 'p5']) {
    await post('/api/commands/plan.create', { tenantId: 'bench-0', data: { planId, name: `Plan ${planId}`, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 1000 * M } });
    await post('/api/commands/plan.add_line_item', {
      tenantId: 'bench-0',
      data: { planId, lineItemId: 'li', name: 'Search', platform: 'google_ads', objective: 'sales', budgetMicros: 100 * M, currency: 'EUR', flightStart: '2026-12-01', flightEnd: '2026-12-31' },
    });
    await post('/api/commands/plan.submit_version', { tenantId: 'bench-0', data: { planId } });
  }

  let next = 0;
  const commands = await autocannon({
    url: `${base}/api/commands/tenant.set_kpi_targets`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ tenantId: tenants[next++ % TENANTS], commandId: randomUUID(), data: { targetCpaMicros: 20 * M + (next % 1000), targetRoas: 3 } }),
        }),
      },
    ],
  });
  const QUERY = '/api/approvals?tenantId=bench-0';
  const queries = await autocannon({ url: base + QUERY, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: headers.authorization } });
  const sample = await fetch(base + QUERY, { headers: { authorization: headers.authorization } });
  const sampleBody = await sample.text();
  const contentType = sample.headers.get('content-type') ?? 'application/json';
  await stop(server);
  const bare = await bareFastify(QUERY, contentType, sampleBody);

  const measured = (r: autocannon.Result) => ({
    requests: r.requests.total,
    perSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  });
  const summary = (r: autocannon.Result, target: { perSecond: number; p99Ms?: number }) => {
    const m = measured(r);
    const ok = r.non2xx === 0 && r.errors === 0;
    return { ...m, target: { ...target, met: ok && m.perSecond >= target.perSecond && (target.p99Ms === undefined || r.latency.p99 < target.p99Ms) } };
  };
  const report = {
    bench: 'api',
    machine: { cpus: cpus().length, node: process.version },
    setup: { connections: CONNECTIONS, seconds: SECONDS, tenants: TENANTS, server: 'api/main.ts child process, embedded SQLite stores, all projections live, LOG_LEVEL=warn', client: 'autocannon in this process (shares the 2 cores)' },
    commands: { endpoint: 'POST /api/commands/tenant.set_kpi_targets', ...summary(commands, { perSecond: 8000, p99Ms: 20 }) },
    queries: { endpoint: `GET ${QUERY}`, responseBytes: Buffer.byteLength(sampleBody), ...summary(queries, { perSecond: 20000 }) },
    bareFastifyQueries: { server: 'bench/fastifyLimit.ts: bare Fastify, no auth, the same body returned as an object (serialised per request)', responseBytes: Buffer.byteLength(sampleBody), ...measured(bare) },
  };
  console.log(JSON.stringify(report));
  console.log(
    `\ncommands: ${report.commands.perSecond}/s, p99 ${report.commands.latencyMs.p99} ms (target 8000/s, p99 < 20 ms: ${report.commands.target.met ? 'met' : 'NOT met'}); ` +
      `queries: ${report.queries.perSecond}/s (target 20000/s: ${report.queries.target.met ? 'met' : 'NOT met'}); ` +
      `bare Fastify with the same body: ${report.bareFastifyQueries.perSecond}/s`,
  );
} finally {
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

// The same autocannon settings against bare Fastify serving `body` at the query's path.
async function bareFastify(query: string, contentType: string, body: string): Promise<autocannon.Result> {
  const bodyFile = `${dataDir}/bare-body.json`;
  writeFileSync(bodyFile, body);
  const barePort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fastifyLimit.ts', String(barePort), new URL(query, base).pathname, contentType, bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => { throw new Error('bare Fastify exited before listening'); })])) as [Buffer];
    if (!line.toString().includes('listening')) throw new Error(`bare Fastify said: ${line.toString()}`);
    return await autocannon({ url: `http://127.0.0.1:${barePort}${query}`, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: headers.authorization } });
  } finally {
    await stop(child);
  }
}
