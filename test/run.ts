// Runs every *.test.ts under test/ in one process (so c8 sees it all) and ends with the
// one line CI reads: "N passed, N failed".
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'uvu/run';

const root = resolve(import.meta.dirname);
const only = process.argv.slice(2);

function findTests(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = findTests(root).filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

let captured = '';
let lastOutput = Date.now();
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  lastOutput = Date.now();
  captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (captured.length > 200_000) captured = captured.slice(-100_000);
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

// uvu has no time limit: a test that never settles would hold CI until its own limit. Silence
// this long is a hang: say where, count it as a failure, and end with the line CI reads.
const STALL_MS = Number(process.env.TEST_STALL_MS ?? 10 * 60_000);
setInterval(() => {
  if (Date.now() - lastOutput < STALL_MS) return;
  const where = captured.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n').slice(-3).join(' | ');
  console.log(`\ntest run stalled: no output for ${STALL_MS / 1000} s after: ${where}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}, 10_000).unref();

await run(files.map((file) => ({ name: relative(root, file), file })), { bail: false });

process.stdout.write = write;
const plain = captured.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const failed = total - passed - skipped;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
// Exit now: a failed test may leave a subscription or a timer open, and CI must not hang
// on it (coverage is still written on exit).
process.exit(failed > 0 || total === 0 ? 1 : 0);
