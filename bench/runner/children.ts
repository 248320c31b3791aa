// Running one bench script as a child process and reading the one JSON document it prints
// before its prose. A script that fails, hangs past its budget or prints no JSON is a
// ScriptRun with an error, never an exception: the table shows it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerInstall } from './render.ts';
import type { ScriptRun } from './rows.ts';

// The first JSON object in `text` that starts a line (prose and logs may come around it).
export function firstJsonDocument(text: string): unknown {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    if (start > 0 && text[start - 1] !== '\n') continue;
    const end = matchingBrace(text, start);
    if (end < 0) continue;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      // not JSON after all (a log line starting with a brace): look further
    }
  }
  return undefined;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

const tail = (text: string, lines = 6) => text.trimEnd().split('\n').slice(-lines).join('\n');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
}

// Its own process group, so a budget overrun ends the script and the servers it started.
function runChild(command: string, args: readonly string[], cwd: string, budgetSeconds: number, echo: boolean): Promise<Finished> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (echo) process.stderr.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 1_000_000) stderr = stderr.slice(-200_000);
    if (echo) process.stderr.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, budgetSeconds * 1000);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}\n${error.message}`, seconds: (performance.now() - started) / 1000, timedOut });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000, timedOut });
    });
  });
}

export async function runScript(root: string, script: string, args: readonly string[], budgetSeconds: number, echo = true): Promise<ScriptRun> {
  const done = await runChild(process.execPath, ['--import', 'tsx', script, ...args], root, budgetSeconds, echo);
  const output = firstJsonDocument(done.stdout);
  const seconds = Math.round(done.seconds * 10) / 10;
  const base = { script, args, seconds, exitCode: done.code, ...(output !== undefined ? { output } : {}) };
  if (done.timedOut) return { ...base, ok: false, error: `stopped after its budget of ${budgetSeconds} s` };
  if (done.code !== 0) return { ...base, ok: false, error: `exit ${done.code ?? done.signal}: ${tail(done.stderr || done.stdout)}` };
  if (output === undefined) return { ...base, ok: false, error: `printed no JSON document: ${tail(done.stdout)}` };
  return { ...base, ok: true };
}

// The peer's packages live in bench/peers/node_modules, installed from its lock file only
// when missing; the only npm install the benchmark ever runs.
export async function ensurePeers(peers: string, budgetSeconds: number): Promise<PeerInstall> {
  if (existsSync(join(peers, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return { ran: false, ok: true };
  const done = await runChild('npm', ['ci', '--legacy-peer-deps', '--no-audit', '--no-fund'], peers, budgetSeconds, true);
  const seconds = Math.round(done.seconds);
  if (done.code === 0) return { ran: true, ok: true, seconds };
  return { ran: true, ok: false, seconds, error: done.timedOut ? `stopped after ${budgetSeconds} s` : tail(done.stderr || done.stdout) };
}
