// The goccy BigQuery emulator for the warehouse contract: started from test setup on free
// ports when its binary is built ($(go env GOPATH)/bin/bigquery-emulator, or
// $BIGQUERY_EMULATOR_BIN), stopped when the test process ends; or the one already running at
// $BIGQUERY_EMULATOR_HOST (scripts/bigquery-emulator.sh start). Otherwise: the reason it is not.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Emulator = { readonly endpoint: string; readonly projectId: string } | { readonly skipped: string };

function binary(): string {
  if (process.env.BIGQUERY_EMULATOR_BIN) return process.env.BIGQUERY_EMULATOR_BIN;
  const go = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8', timeout: 5000 });
  const gopath = go.status === 0 && go.stdout.trim() ? go.stdout.trim().split(':')[0]! : join(homedir(), 'go');
  return join(gopath, 'bin', 'bigquery-emulator');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

let exiting = false;
process.once('exit', () => (exiting = true));

export async function startBigQueryEmulator(projectId = process.env.BIGQUERY_EMULATOR_PROJECT ?? 'test'): Promise<Emulator> {
  // One started by scripts/bigquery-emulator.sh (CI): use it as it is.
  if (process.env.BIGQUERY_EMULATOR_HOST) return { endpoint: process.env.BIGQUERY_EMULATOR_HOST, projectId };
  const bin = binary();
  if (!existsSync(bin)) return { skipped: `${bin} is not built (the goccy BigQuery emulator v0.8.1)` };
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8', timeout: 10_000 });
  if (help.error || (help.status !== 0 && !/Usage/i.test(`${help.stdout}${help.stderr}`))) {
    return { skipped: `${bin} does not run (--help: ${help.error?.message ?? `exit ${help.status}`})` };
  }
  const [port, grpc] = [await freePort(), await freePort()];
  const proc = spawn(bin, [`--project=${projectId}`, '--host=127.0.0.1', `--port=${port}`, `--grpc-port=${grpc}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
  process.once('exit', () => proc.kill('SIGKILL'));
  // A crash mid-suite shows up as requests that fail: say why, with the emulator's last words.
  proc.once('exit', (code, signal) => { if (!exiting) console.error(`bigquery emulator exited (${code ?? signal}): ${log.trim().slice(-600)}`); });
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) return { skipped: `${bin} exited at start: ${log.trim().slice(-300)}` };
    if (await accepts(port)) {
      proc.unref();
      return { endpoint: `http://127.0.0.1:${port}`, projectId };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  return { skipped: `${bin} did not accept connections on ${port} within 10 s` };
}
