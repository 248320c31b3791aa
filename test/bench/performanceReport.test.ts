// npm run bench's table and the README's Performance section, from a given results.json:
// ratios, verdicts against the targets, and failed or missing figures shown, never hidden.
// No timing here: the figures are made up.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { firstJsonDocument } from '../../bench/runner/children.ts';
import { buildRows, type Row, type ScriptRuns } from '../../bench/runner/rows.ts';
import { README_END, README_START, renderPerformance, renderTable, withPerformanceSection, type Results } from '../../bench/runner/render.ts';

const ok = (script: string, output: unknown) => ({ script, args: ['--events', '200000'], ok: true, seconds: 12, output });
const runs: ScriptRuns = {
  eventstore: ok('bench/eventstore.ts', {
    durableAppends1InFlight: { perSecond: 3800 },
    durableAppends64InFlight: { perSecond: 16000 },
    durableAppends64InFlightRandomIds: { perSecond: 15500 },
    streamReads: { streamReadsPerSecond: 5800 },
    commands1InFlight: { perSecond: 2000 },
    commands64InFlight: { perSecond: 9000 },
  }),
  limits: ok('bench/limits.ts', {
    onePerTransaction: { perSecond: 4400 },
    perTransaction64: { perSecond: 20000 },
    perTransaction64RandomIds: { perSecond: 16000 },
    perTransaction1000RandomIds: { perSecond: 60000 },
  }),
  emmett: ok('bench/peers/emmett.ts', {
    durableAppends1InFlight: { perSecond: 250 },
    durableAppends64InFlight: { perSecond: 3, succeeded: 2, error: '62 of 64 failed (SQLITE_BUSY ×62); 2 succeeded' },
    streamReads: { streamReadsPerSecond: 650 },
    commands1InFlight: { perSecond: 100 },
    commands64InFlight: { error: 'SQLITE_BUSY: database is locked' },
    projectionRebuild: { eventsPerSecond: 2000 },
  }),
  // a renamed field in a script someone else owns
  projections: ok('bench/projections.ts', { rebuild: { allProjections: { eventsPerSecondRenamed: 150000 }, rawBatchedInsert: { rowsPerSecond: 500000 } }, liveLatency: { ms: { p99: 4.5 } } }),
  api: { script: 'bench/api.ts', args: ['--seconds', '10'], ok: false, seconds: 3, exitCode: 1, error: 'exit 1: the server did not start' },
};

const rows = buildRows(runs);
const row = (figure: string): Row => rows.find((r) => r.figure === figure) ?? (assert.unreachable(`no row "${figure}" in ${rows.map((r) => r.figure).join(', ')}`) as never);

const t = suite('bench report');

t('each ratio is ours over the peer or the limit of the same run', () => {
  const one = row('Durable appends, one at a time');
  assert.is(one.ours.value, 3800);
  assert.is(one.oursToPeer, 15.2);
  assert.is(one.oursToLimit, 0.864);
  assert.equal(one.verdicts, [{ target: '≥ 10× Emmett', met: true }]);
});

t('a ratio below its target is not met', () => {
  const ordered = row('Durable appends, 64 in flight (time-ordered ids)');
  assert.is(ordered.oursToLimit, 0.8);
  assert.equal(ordered.verdicts, [{ target: '≥ 0.9× the limit', met: false }]);
  assert.equal(row('Commands (read, decide, append), one at a time').verdicts, [{ target: '≥ 10× Emmett', met: true }]);
  assert.equal(row('Stream reads (50 events each)').verdicts.map((v) => v.met), [false]);
});

t('a peer figure that partly failed keeps what succeeded and its error, and is judged on what succeeded', () => {
  const many = row('Durable appends, 64 in flight (random v4 ids)');
  assert.equal(many.peer, { value: 3, error: '62 of 64 failed (SQLITE_BUSY ×62); 2 succeeded', source: 'emmett: durableAppends64InFlight.perSecond' });
  assert.is(many.oursToPeer, 5166.667);
  assert.equal(many.verdicts, [
    { target: '≥ 10× Emmett', met: true, why: "on what succeeded of Emmett's failed figure" },
    { target: '≥ 0.9× the limit', met: true },
  ]);
});

t('a peer figure that failed with no rate at all leaves its target not judged', () => {
  const commands = row('Commands (read, decide, append), 64 in flight');
  assert.equal(commands.peer, { error: 'SQLITE_BUSY: database is locked', source: 'emmett: commands64InFlight.perSecond' });
  assert.is(commands.oursToPeer, undefined);
  assert.equal(commands.verdicts, [{ target: '≥ 10× Emmett', met: null, why: "Emmett's figure failed" }]);
});

t('a renamed field shows as missing and a failed script shows its error', () => {
  const rebuild = row('Projection rebuild, all projections');
  assert.is(rebuild.ours.error, 'missing: rebuild.allProjections.rebuild.eventsPerSecond');
  assert.equal(rebuild.verdicts.map((v) => v.met), [null, null]);
  assert.is(row('HTTP queries (GET /api/approvals)').ours.error, 'api failed: exit 1: the server did not start');
  assert.is(row('Launch: campaigns across tenants').ours.error, 'launch was not run');
  assert.equal(row('Live push p99 at the --rate append rate').verdicts, [{ target: '< 10 ms', met: true }]);
});

const results: Results = {
  generatedAt: '2026-11-30T17:00:00.000Z',
  wallSeconds: 780,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23, node: 'v20.20.2', platform: 'linux-x64', loadAverage: { start: [5.1, 4, 3], end: [6, 5, 4] } },
  caveat: 'shared with other agents',
  scripts: runs,
  rows,
};

t('the table shows figures, ratios, verdicts and failures on one line per figure', () => {
  const table = renderTable(rows);
  const line = (figure: string) => table.split('\n').find((l) => l.startsWith(`| ${figure} (`)) ?? '';
  assert.is(line('Durable appends, one at a time'), '| Durable appends, one at a time (appends/s) | 3,800 | 250 | 15.2× | 4,400 (one row per transaction) | 0.86× | ≥ 10× Emmett: met |');
  assert.match(line('Durable appends, 64 in flight (random v4 ids)'), '| 3, **failed**: 62 of 64 failed (SQLITE_BUSY ×62); 2 succeeded | 5,167× |');
  assert.match(line('Durable appends, 64 in flight (random v4 ids)'), "≥ 10× Emmett: met (on what succeeded of Emmett's failed figure); ≥ 0.9× the limit: met");
  assert.match(line('Commands (read, decide, append), 64 in flight'), "| **failed**: SQLITE_BUSY: database is locked | — |  |  | ≥ 10× Emmett: not judged (Emmett's figure failed) |");
  assert.match(line('Durable appends, 64 in flight (time-ordered ids)'), '≥ 0.9× the limit: **NOT met**');
  assert.match(line('HTTP queries (GET /api/approvals)'), '**failed**: api failed: exit 1: the server did not start');
  assert.is(table.split('\n').length, rows.length + 2);
});

t('the README section names the machine, the date, the wall time, the caveat and every script', () => {
  const section = renderPerformance(results);
  assert.match(section, '2026-11-30 (2026-11-30T17:00:00.000Z), 13.0 min wall time, on 2 cores (AMD EPYC), 23 GiB RAM, Node v20.20.2');
  assert.match(section, '**Caveat:** shared with other agents');
  assert.match(section, /Targets: \d+ met, \d+ not met, \d+ not judged/);
  assert.match(section, '- `api`: `bench/api.ts --seconds 10` — **failed** after 3 s: exit 1: the server did not start');
  assert.match(section, '- `eventstore`: `bench/eventstore.ts --events 200000` — ok, 12 s');
});

t('the section replaces only what lies between the markers', () => {
  const readme = `# adledger\n\n## Performance\n\n${README_START}\nold table\n${README_END}\n\n## Next\n`;
  const updated = withPerformanceSection(readme, 'new table');
  assert.is(updated, `# adledger\n\n## Performance\n\n${README_START}\nnew table\n${README_END}\n\n## Next\n`);
  assert.is(withPerformanceSection(updated, 'new table'), updated);
  assert.throws(() => withPerformanceSection('# no markers', 'x'), /markers/);
});

t('the JSON a script prints is found between logs and prose', () => {
  const printed = `[Error: SQLITE_BUSY] {\n  errno: 5\n}\n{\n  "a": {"b": "a } in a string"},\n  "n": [1, 2]\n}\n\nProse {with braces}.\n`;
  assert.equal(firstJsonDocument(printed), { a: { b: 'a } in a string' }, n: [1, 2] });
  assert.equal(firstJsonDocument('{"one":1}\nthen prose'), { one: 1 });
  assert.is(firstJsonDocument('no json here {'), undefined);
});

t.run();
