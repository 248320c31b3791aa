// Tamper evidence: a log written through the pipeline, then edited behind its back in
// copies of the SQLite file. The verifier, and `adledger audit verify`, must notice.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyChains, type ChainReport } from '../../projections/audit/verifyChains.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { approver, harness, seedSubmittedPlan } from '../support/harness.ts';
import { killAll, parseJsonLines, runCli } from './processes.ts';

const t = suite<{ original: string; dirs: string[] }>('e2e audit: tampering with the SQLite log is detected');

// tenant-acme: revisions 0-2 at positions 1-3; plan-acme.winter: revisions 0-3 at positions 4-7.
t.before(async (ctx) => {
  const h = harness();
  await seedSubmittedPlan(h);
  const approved = await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 });
  assert.not.ok('kind' in approved, JSON.stringify(approved));
  await h.store.close(); // the last connection checkpoints the WAL into events.db
  ctx.original = h.dir;
  ctx.dirs = [h.dir];
});
t.after(({ dirs }) => {
  killAll();
  for (const dir of dirs ?? []) rmSync(dir, { recursive: true, force: true });
});

// A copy of the original DATA_DIR, changed with raw SQL as an intruder with file access would.
function tamperedCopy(ctx: { original: string; dirs: string[] }, sql: string, ...params: (string | number)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'adledger-e2e-tamper-'));
  ctx.dirs.push(dir);
  for (const suffix of ['', '-wal']) {
    if (existsSync(join(ctx.original, `events.db${suffix}`))) copyFileSync(join(ctx.original, `events.db${suffix}`), join(dir, `events.db${suffix}`));
  }
  const db = new Database(join(dir, 'events.db'));
  try {
    assert.is(db.prepare(sql).run(...params).changes, 1, 'the tampering touched exactly one row');
  } finally {
    db.close();
  }
  return dir;
}

async function verify(dir: string): Promise<ChainReport> {
  const store = openSqliteEventStore(join(dir, 'events.db'));
  try {
    return await verifyChains(store);
  } finally {
    await store.close();
  }
}

const problems = (report: ChainReport) => report.breaks.map((b) => [b.problem, b.stream, b.revision, b.position]);

t('given the untouched log, then every chain verifies', async ({ original }) => {
  assert.equal(await verify(original), { ok: true, streams: 2, events: 7, head: '7', anchors: { checked: 0 }, breaks: [] });
});

t('given one event whose data was edited mid-stream, then a hash_mismatch at exactly that event', async (ctx) => {
  const dir = tamperedCopy(ctx, "UPDATE events SET data = json_set(data, '$.accountName', 'Evil Corp') WHERE stream_id = ? AND revision = ?", 'tenant-acme', 1);
  const report = await verify(dir);
  assert.is(report.ok, false);
  assert.equal(problems(report), [['hash_mismatch', 'tenant-acme', '1', '2']]);
});

t('given one event whose recorded actor was rewritten, then a hash_mismatch at that event', async (ctx) => {
  const sql = "UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = ? AND revision = ?";
  const report = await verify(tamperedCopy(ctx, sql, 'plan-acme.winter', 3));
  assert.equal(problems(report), [['hash_mismatch', 'plan-acme.winter', '3', '7']]);
});

t('given a middle event deleted, then the next event shows a position gap, a revision gap and a broken link', async (ctx) => {
  const dir = tamperedCopy(ctx, 'DELETE FROM events WHERE stream_id = ? AND revision = ?', 'plan-acme.winter', 1);
  const report = await verify(dir);
  assert.is(report.ok, false);
  assert.equal(problems(report), [
    ['position_gap', 'plan-acme.winter', '2', '6'],
    ['revision_gap', 'plan-acme.winter', '2', '6'],
    ['broken_link', 'plan-acme.winter', '2', '6'],
  ]);
});

t('given a tampered DATA_DIR, when `adledger audit verify` runs, then it exits 2 and reports the break', async (ctx) => {
  const dir = tamperedCopy(ctx, "UPDATE events SET data = json_set(data, '$.status', 'red') WHERE stream_id = ? AND revision = ?", 'tenant-acme', 2);
  const { code, stdout } = await runCli(dir, ['audit', 'verify']);
  assert.is(code, 2, stdout);
  const [report] = parseJsonLines<ChainReport>(stdout);
  assert.is(report?.ok, false);
  assert.equal(report && problems(report), [['hash_mismatch', 'tenant-acme', '2', '3']]);
});

t('given the untouched DATA_DIR, when `adledger audit verify` runs, then it exits 0', async ({ original }) => {
  const { code, stdout } = await runCli(original, ['audit', 'verify']);
  assert.is(code, 0, stdout);
  assert.is(parseJsonLines<ChainReport>(stdout)[0]?.ok, true);
});

t.run();
