// The table of `npm run bench`: which figure of which script stands beside which peer and
// limit figure, and the target each is judged against. Figures are read from the scripts'
// JSON by path, defensively: a renamed or absent field becomes a cell saying so, a failed
// script a cell naming its error, never a crash and never a blank.

export interface ScriptRun {
  readonly script: string;
  readonly args: readonly string[];
  readonly ok: boolean;
  readonly seconds: number;
  readonly exitCode?: number | null;
  readonly error?: string;
  readonly output?: unknown;
}
export type ScriptRuns = Readonly<Record<string, ScriptRun>>;

interface Ref {
  readonly script: string;
  readonly path: string;
  readonly what?: string; // what was measured, when it is not the same work as ours
}
type TargetSpec =
  | { readonly kind: 'peer' | 'limit'; readonly atLeast: number }
  | { readonly kind: 'absolute'; readonly atLeast?: number; readonly below?: number };
interface RowSpec {
  readonly figure: string;
  readonly unit: string;
  readonly ours: Ref;
  readonly peer?: Ref;
  readonly limit?: Ref;
  readonly targets: readonly TargetSpec[];
}

export type Cell = { readonly value?: number; readonly error?: string; readonly what?: string; readonly source: string };
export interface Verdict {
  readonly target: string;
  readonly met: boolean | null; // null: not judged (a figure it needs failed or is missing)
  readonly why?: string;
}
export interface Row {
  readonly figure: string;
  readonly unit: string;
  readonly ours: Cell;
  readonly peer?: Cell;
  readonly limit?: Cell;
  readonly oursToPeer?: number;
  readonly oursToLimit?: number;
  readonly verdicts: readonly Verdict[];
}

const es = (path: string): Ref => ({ script: 'eventstore', path });
const emmett = (path: string, what?: string): Ref => ({ script: 'emmett', path, ...(what ? { what } : {}) });
const tenTimesEmmett: TargetSpec = { kind: 'peer', atLeast: 10 };

export const ROWS: readonly RowSpec[] = [
  { figure: 'Durable appends, one at a time', unit: 'appends/s', ours: es('durableAppends1InFlight.perSecond'), peer: emmett('durableAppends1InFlight.perSecond'), limit: { script: 'limits', path: 'onePerTransaction.perSecond', what: 'one row per transaction' }, targets: [tenTimesEmmett] },
  { figure: 'Durable appends, 64 in flight (random v4 ids)', unit: 'appends/s', ours: es('durableAppends64InFlightRandomIds.perSecond'), peer: emmett('durableAppends64InFlight.perSecond'), limit: { script: 'limits', path: 'perTransaction64RandomIds.perSecond', what: '64 rows per transaction' }, targets: [tenTimesEmmett, { kind: 'limit', atLeast: 0.9 }] },
  { figure: 'Durable appends, 64 in flight (time-ordered ids)', unit: 'appends/s', ours: es('durableAppends64InFlight.perSecond'), limit: { script: 'limits', path: 'perTransaction64.perSecond', what: '64 rows per transaction' }, targets: [{ kind: 'limit', atLeast: 0.9 }] },
  { figure: 'Durable appends, 64 in flight, beside 1,000 rows per transaction', unit: 'appends/s', ours: es('durableAppends64InFlightRandomIds.perSecond'), limit: { script: 'limits', path: 'perTransaction1000RandomIds.perSecond', what: '1,000 rows per transaction' }, targets: [] },
  { figure: 'Stream reads (50 events each)', unit: 'reads/s', ours: es('streamReads.streamReadsPerSecond'), peer: emmett('streamReads.streamReadsPerSecond'), targets: [tenTimesEmmett] },
  { figure: 'Commands (read, decide, append), one at a time', unit: 'commands/s', ours: es('commands1InFlight.perSecond'), peer: emmett('commands1InFlight.perSecond'), targets: [tenTimesEmmett] },
  { figure: 'Commands (read, decide, append), 64 in flight', unit: 'commands/s', ours: es('commands64InFlight.perSecond'), peer: emmett('commands64InFlight.perSecond'), targets: [tenTimesEmmett] },
  { figure: 'Projection rebuild', unit: 'events/s', ours: { script: 'projections', path: 'rebuild.allProjections.rebuild.eventsPerSecond', what: 'all our projections, the warehouse included' }, peer: emmett('projectionRebuild.eventsPerSecond', 'one SQL projection, one upsert per event'), targets: [tenTimesEmmett] },
  { figure: 'Projection rebuild, all projections', unit: 'events/s', ours: { script: 'projections', path: 'rebuild.allProjections.rebuild.eventsPerSecond' }, limit: { script: 'projections', path: 'rebuild.rawSameDocumentRows.eventsPerSecond', what: 'the same document rows inserted raw, 1,000 per transaction, then indexed (per event of the log)' }, targets: [{ kind: 'absolute', atLeast: 100_000 }, { kind: 'limit', atLeast: 0.2 }] },
  { figure: 'Projection rebuild, CPU only', unit: 'events/CPU s', ours: { script: 'projections', path: 'rebuild.allProjections.rebuild.eventsPerCpuSecond', what: 'events per second of the process\'s CPU time (less sensitive to a loaded machine)' }, targets: [] },
  { figure: 'First start from scratch, all projections', unit: 'events/s', ours: { script: 'projections', path: 'rebuild.allProjections.firstStart.eventsPerSecond' }, limit: { script: 'projections', path: 'rebuild.rawBatchedInsert.rowsPerSecond', what: 'raw batched insert of simple rows, 1,000 per transaction' }, targets: [] },
  { figure: 'Live push p99 at the --rate append rate', unit: 'ms', ours: { script: 'projections', path: 'liveLatency.ms.p99' }, targets: [{ kind: 'absolute', below: 10 }] },
  { figure: 'HTTP queries (GET /api/approvals)', unit: 'requests/s', ours: { script: 'api', path: 'queries.perSecond' }, limit: { script: 'api', path: 'bareFastifyQueries.perSecond', what: 'bare Fastify, same body' }, targets: [{ kind: 'limit', atLeast: 0.7 }] },
  { figure: 'HTTP commands (durable)', unit: 'requests/s', ours: { script: 'api', path: 'commands.perSecond' }, targets: [] },
  { figure: 'Reporting rows, platform sync to DuckDB end to end', unit: 'rows/s', ours: { script: 'reporting', path: 'load.endToEnd.rowsPerSecond' }, limit: { script: 'reporting', path: 'load.rawAppender.rowsPerSecond', what: "DuckDB's appender, same rows" }, targets: [] },
  { figure: 'KPI read p95 (period + previous)', unit: 'ms', ours: { script: 'reporting', path: 'kpi.dayOrdered.ms.periodAndPrevious.p95' }, targets: [{ kind: 'absolute', below: 50 }] },
  { figure: 'Launch: campaigns across tenants', unit: 'campaigns/s', ours: { script: 'launch', path: 'manyTenants.campaignsPerSecond' }, limit: { script: 'launch', path: 'rawSandbox.campaignsPerSecond', what: 'the sandbox called directly' }, targets: [] },
];

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

// A figure the script itself marks as failed (an `error` beside it) keeps both: what
// succeeded and why the rest did not.
export function cellOf(runs: ScriptRuns, ref: Ref): Cell {
  const source = `${ref.script}: ${ref.path}`;
  const what = ref.what ? { what: ref.what } : {};
  const run = runs[ref.script];
  if (!run) return { error: `${ref.script} was not run`, source, ...what };
  if (run.output === undefined) return { error: `${ref.script} failed: ${run.error ?? 'no output'}`, source, ...what };
  const value = at(run.output, ref.path);
  const parent = at(run.output, ref.path.split('.').slice(0, -1).join('.'));
  const failed = parent !== null && typeof parent === 'object' ? (parent as { error?: unknown }).error : undefined;
  const error = typeof failed === 'string' ? { error: failed } : {};
  if (typeof value !== 'number' || !Number.isFinite(value)) return { error: typeof failed === 'string' ? failed : `missing: ${ref.path}`, source, ...what };
  return { value, source, ...error, ...what };
}

// Against a peer or limit figure that partly failed, the ratio is taken on what succeeded
// (its verdict says so); against one that has no rate at all there is none.
const ratio = (ours: Cell, other: Cell | undefined): number | undefined =>
  ours.value !== undefined && ours.error === undefined && other?.value !== undefined && other.value > 0 ? Math.round((ours.value / other.value) * 1000) / 1000 : undefined;

const groups = (n: number) => n.toLocaleString('en-US');

function judge(spec: TargetSpec, row: Omit<Row, 'verdicts'>): Verdict {
  if (spec.kind === 'absolute') {
    const target = spec.atLeast !== undefined ? `≥ ${groups(spec.atLeast)} ${row.unit}` : `< ${groups(spec.below!)} ${row.unit}`;
    if (row.ours.value === undefined || row.ours.error) return { target, met: null, why: 'our figure failed' };
    return { target, met: spec.atLeast !== undefined ? row.ours.value >= spec.atLeast : row.ours.value < spec.below! };
  }
  const other = spec.kind === 'peer' ? row.peer : row.limit;
  const value = spec.kind === 'peer' ? row.oursToPeer : row.oursToLimit;
  const target = `≥ ${spec.atLeast}× ${spec.kind === 'peer' ? 'Emmett' : 'the limit'}`;
  if (value === undefined) return { target, met: null, why: row.ours.error || row.ours.value === undefined ? 'our figure failed' : `${spec.kind === 'peer' ? "Emmett's" : "the limit's"} figure ${other?.value === 0 ? 'is 0' : 'failed'}` };
  return { target, met: value >= spec.atLeast, ...(other?.error ? { why: `on what succeeded of ${spec.kind === 'peer' ? "Emmett's" : "the limit's"} failed figure` } : {}) };
}

export function buildRows(runs: ScriptRuns, specs: readonly RowSpec[] = ROWS): Row[] {
  return specs.map((spec) => {
    const ours = cellOf(runs, spec.ours);
    const peer = spec.peer ? cellOf(runs, spec.peer) : undefined;
    const limit = spec.limit ? cellOf(runs, spec.limit) : undefined;
    const oursToPeer = ratio(ours, peer);
    const oursToLimit = ratio(ours, limit);
    const row = { figure: spec.figure, unit: spec.unit, ours, ...(peer ? { peer } : {}), ...(limit ? { limit } : {}), ...(oursToPeer !== undefined ? { oursToPeer } : {}), ...(oursToLimit !== undefined ? { oursToLimit } : {}) };
    return { ...row, verdicts: spec.targets.map((t) => judge(t, row)) };
  });
}
