// A child process a crash test can SIGKILL: its stdout lines, waiting for one, its exit.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Run {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  line(prefix: string, timeoutMs: number): Promise<string>; // the first stdout line starting with prefix
  readonly lines: string[];
  kill(): void;
}

export function runChild(script: string, ...args: string[]): Run {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: proc.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of waiting) w();
  });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      gone = true;
      if (stderr.trim()) console.log(`  child stderr: ${stderr.trim().slice(0, 2000)}`);
      resolve({ code, signal });
      for (const w of waiting) w();
    }),
  );
  return {
    exited,
    lines,
    kill: () => proc.kill('SIGKILL'),
    line: (prefix, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = lines.find((l) => l.startsWith(prefix));
          if (found !== undefined) finish(() => resolve(found));
          else if (gone) finish(() => reject(new Error(`child exited without printing "${prefix}"; stdout: ${lines.join(' | ')}; stderr: ${stderr}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no "${prefix}" from the child within ${timeoutMs} ms`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiting.delete(check);
          then();
        };
        waiting.add(check);
        check();
      }),
  };
}

