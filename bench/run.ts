// npm run bench: every bench/ script, one at a time, each a child process with sizes that
// keep the whole run under 15 minutes on a 2-core machine, plus the peer (Emmett on SQLite,
// bench/peers/) and the limits (raw SQLite, bare Fastify) of the same run. Writes
// bench/results.json, prints the table, then regenerates README.md's Performance section.
//   npm run bench [-- --only eventstore,limits] [--out file]   (a partial run, or one written
//   elsewhere, leaves README.md alone)
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePeers, runScript } from './runner/children.ts';
import { buildRows, type ScriptRun } from './runner/rows.ts';
import { renderTable, type PeerInstall, type Results } from './runner/render.ts';
import { updateReadme } from './readme.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
const { values: options } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string', default: RESULTS } } });

// Ours and the raw limit write the same appends, in the same order, at the same sizes.
const APPENDS = ['--warm-up', '3000', '--appends-one', '2000', '--appends-many', '100000', '--appends-random', '50000'];

interface Step {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly budgetSeconds: number; // past it the script is stopped and its row says so
  readonly peer?: boolean;
}
// Sizes fit 15 minutes on a 2-core machine shared with other work (load average ~9): the
// budgets add up to under 15 minutes, so even a run whose every script hits its budget
// ends in time, with those rows failed.
const PLAN: readonly Step[] = [
  { name: 'eventstore', script: 'bench/eventstore.ts', args: [...APPENDS, '--hot', '20000', '--read-seconds', '2', '--commands', '10000', '--commands-one', '1000'], budgetSeconds: 100 },
  { name: 'limits', script: 'bench/limits.ts', args: APPENDS, budgetSeconds: 80 },
  { name: 'emmett', script: 'bench/peers/emmett.ts', args: ['--appends', '600', '--appends-in-flight', '640', '--read-seconds', '2', '--commands', '200', '--commands-in-flight', '640', '--rebuild-events', '5000', '--max-seconds', '15'], budgetSeconds: 120, peer: true },
  { name: 'api', script: 'bench/api.ts', args: ['--seconds', '8', '--connections', '50', '--tenants', '50'], budgetSeconds: 80 },
  { name: 'projections', script: 'bench/projections.ts', args: ['--events', '200000', '--per-projection-events', '10000', '--rate', '1000', '--seconds', '5'], budgetSeconds: 330 },
  { name: 'reporting', script: 'bench/reporting.ts', args: ['--rows', '20000', '--kpi-rows', '1000000', '--kpi-queries', '20'], budgetSeconds: 120 },
  { name: 'launch', script: 'bench/launch.ts', args: ['--line-items', '300', '--tenants', '30'], budgetSeconds: 60 },
];

const CAVEAT =
  'this 2-core machine was shared with other agents building and testing at the same time (see the load average), so absolute figures are low and noisy; ' +
  'each ratio compares figures taken minutes apart under that same load, which is why the peer and the limits run in the same run as ours.';

const round2 = (x: number) => Math.round(x * 100) / 100;
const loadNow = () => loadavg().map(round2);

async function main(): Promise<void> {
  const only = options.only?.split(',');
  const steps = PLAN.filter((s) => !only || only.includes(s.name));
  let peerInstall: PeerInstall | undefined;
  if (steps.some((s) => s.peer)) {
    console.error('bench: checking the peer install in bench/peers …');
    peerInstall = await ensurePeers(join(ROOT, 'bench', 'peers'), 600);
  }
  const loadAtStart = loadNow();
  const started = performance.now();
  const scripts: Record<string, ScriptRun> = {};
  for (const step of steps) {
    if (step.peer && peerInstall && !peerInstall.ok) {
      scripts[step.name] = { script: step.script, args: step.args, ok: false, seconds: 0, error: `the peer is not installed: ${peerInstall.error}` };
      continue;
    }
    console.error(`\nbench: ${step.name}: ${[step.script, ...step.args].join(' ')}`);
    scripts[step.name] = await runScript(ROOT, step.script, step.args, step.budgetSeconds);
    console.error(`bench: ${step.name}: ${scripts[step.name]!.ok ? 'ok' : `FAILED: ${scripts[step.name]!.error}`} (${scripts[step.name]!.seconds} s)`);
  }
  const results: Results = {
    generatedAt: new Date().toISOString(),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: { start: loadAtStart, end: loadNow() } },
    caveat: CAVEAT,
    ...(peerInstall ? { peerInstall } : {}),
    scripts,
    rows: buildRows(scripts),
  };
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderTable(results.rows));
  console.log(`\nbench: ${results.wallSeconds} s wall time; wrote ${options.out}`);
  if (!only && options.out === RESULTS) updateReadme(join(ROOT, 'README.md'), results);
}

await main();
