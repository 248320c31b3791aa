// The product as a user runs it: `npm start` (api/main.ts) and the CLI (api/cli.ts), as
// child processes of node with tsx. Every child is tracked so a failing test still ends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { basename, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const live = new Set<ChildProcess>();
process.once('exit', () => killAll());

export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

// Always the embedded event store. Where MONGO_URL is set (CI's FerretDB) the read models
// go there, in a database of this DATA_DIR's own, so products of different tests never read
// each other's documents and checkpoints; `embedded` keeps them in SQLite (tests of the
// SQLite files themselves).
export const mongoDatabaseFor = (dataDir: string): string => `e2e_${basename(dataDir).replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 60);

function productEnv(dataDir: string, extra: Record<string, string> = {}, embedded = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', DEMO: 'on', HOST: '127.0.0.1', ...extra };
  delete env.ESDB_URL;
  if (embedded) delete env.MONGO_URL;
  else if (env.MONGO_URL) env.MONGO_DATABASE = mongoDatabaseFor(dataDir);
  return env;
}

function track(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

const exited = (child: ChildProcess, ms: number): Promise<number | null | 'timeout'> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((done) => {
        const timer = setTimeout(() => done('timeout'), ms);
        child.once('exit', (code) => {
          clearTimeout(timer);
          done(code);
        });
      });

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface Product {
  readonly url: string;
  readonly pid: number; // the server's own process (node runs tsx in-process): its RSS is the server's
  logs(): Record<string, unknown>[]; // pino lines from stdout
  stdout(): string;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  post<T = unknown>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  stop(): Promise<number | null | 'timeout'>; // SIGTERM, then SIGKILL after 10 s
  kill(): Promise<void>; // SIGKILL, as a crash would
  alive(): boolean;
}

// Starts `node --import tsx api/main.ts` and resolves once /health answers (bounded).
// `env` adds to (or overrides) the product's environment, e.g. LOG_LEVEL or MONGO_URL.
export async function startProduct(dataDir: string, timeoutMs = 30_000, options: { embedded?: boolean; env?: Record<string, string> } = {}): Promise<Product> {
  const port = await freePort();
  const { child, output } = track(['api/main.ts'], productEnv(dataDir, { PORT: String(port), ...options.env }, options.embedded));
  const url = `http://127.0.0.1:${port}`;
  const product: Product = {
    url,
    pid: child.pid!,
    logs: () => output().stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    stdout: () => output().stdout,
    async get<T>(path: string, headers: Record<string, string> = {}) {
      const res = await fetch(url + path, { headers, signal: AbortSignal.timeout(5_000) });
      return { status: res.status, body: (await res.json()) as T };
    },
    async post<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(5_000) });
      return { status: res.status, body: (await res.json()) as T };
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child, 10_000);
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited(child, 10_000);
      if (code === 'timeout') child.kill('SIGKILL');
      return code;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode}: ${output().stderr}${output().stdout}`);
    const health = await product.get('/health').catch(() => undefined);
    if (health?.status === 200) return product;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`/health did not answer within ${timeoutMs} ms: ${output().stderr}`);
}

// Runs `node --import tsx api/cli.ts …args` to completion (bounded) on DATA_DIR.
// `embedded`: the DATA_DIR's own files only, even when MONGO_URL is set (a fixture written
// straight to SQLite, whose anchors are in DATA_DIR/anchors.db).
export const runCli = (dataDir: string, args: string[], timeoutMs = 20_000, env: Record<string, string> = {}, embedded = false) =>
  runToExit(dataDir, ['api/cli.ts', ...args], timeoutMs, env, embedded);

// Runs a script of ours (api/main.ts, api/cli.ts …) until it exits by itself (bounded).
export async function runToExit(dataDir: string, args: string[], timeoutMs = 20_000, env: Record<string, string> = {}, embedded = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output } = track(args, productEnv(dataDir, env, embedded));
  const code = await exited(child, timeoutMs);
  if (code === 'timeout') {
    child.kill('SIGKILL');
    throw new Error(`${args.join(' ')} did not finish within ${timeoutMs} ms`);
  }
  return { code, ...output() };
}

// The CLI prints each value as indented JSON; top-level values start at column 0.
export const parseJsonLines = <T>(text: string): T[] =>
  text.trim() === '' ? [] : text.trim().split(/\n(?=[{[])/).map((part) => JSON.parse(part) as T);

export interface Worker {
  readonly pid: number;
  logs(): Record<string, unknown>[];
  kill(): Promise<void>; // SIGKILL, as a crash would
  stop(): Promise<number | null | 'timeout'>;
  alive(): boolean;
}

// Starts `adledger worker` (projections, launch saga, scheduler, anchors; no HTTP) and resolves
// once it says it runs (bounded).
export async function startWorker(dataDir: string, timeoutMs = 30_000, options: { embedded?: boolean; env?: Record<string, string> } = {}): Promise<Worker> {
  const { child, output } = track(['api/cli.ts', 'worker'], productEnv(dataDir, options.env, options.embedded));
  const logs = () => output().stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const worker: Worker = {
    pid: child.pid!,
    logs,
    async kill() {
      child.kill('SIGKILL');
      await exited(child, 10_000);
    },
    async stop() {
      child.kill('SIGTERM');
      const code = await exited(child, 10_000);
      if (code === 'timeout') child.kill('SIGKILL');
      return code;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}: ${output().stderr}${output().stdout}`);
    if (logs().some((l) => l.msg === 'worker running')) return worker;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the worker did not start within ${timeoutMs} ms: ${output().stderr}`);
}
