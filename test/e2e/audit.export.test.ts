// A tenant's history export, verified offline with the key file alone: the tenant's events
// in full, other tenants' only as position and digest; tampering with the file is found as
// tampering with the log is. And the same through the CLI, from a DATA_DIR.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readKeyring } from '../../connectors/audit/keyring.ts';
import { openSqliteAnchors } from '../../connectors/audit/sqliteAnchors.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { tenantExport } from '../../projections/audit/tenantExport.ts';
import { verifyExport, type ExportReport } from '../../projections/audit/verifyExport.ts';
import { auditedLog, problems, tamper } from '../support/auditedLog.ts';
import { tempDir } from '../support/tempDir.ts';
import { killAll, parseJsonLines, runCli } from './processes.ts';

const t = suite<{ dir: string; lines: string[] }>('e2e audit: a tenant history export, verified offline');

t.before(async (ctx) => {
  ctx.dir = tempDir('audited');
  await auditedLog(ctx.dir);
  const store = openSqliteEventStore(join(ctx.dir, 'events.db'));
  const anchors = openSqliteAnchors(join(ctx.dir, 'anchors.db'));
  ctx.lines = [];
  for await (const line of tenantExport(store, () => anchors.list(), 'acme')) ctx.lines.push(line.trimEnd());
  await anchors.close();
  await store.close();
});
t.after(() => killAll());

async function* each(lines: readonly string[]) {
  yield* lines;
}
async function verify(dir: string, lines: readonly string[]): Promise<ExportReport> {
  const report = await verifyExport(each(lines), readKeyring(join(dir, 'audit-keys.json')));
  if (isDomainError(report)) return assert.unreachable(report.message) as never;
  return report;
}
const kinds = (lines: readonly string[]) => lines.map((l) => (JSON.parse(l) as { kind: string }).kind);
const edit = (lines: readonly string[], index: number, change: (line: Record<string, any>) => void) =>
  lines.map((l, i) => {
    if (i !== index) return l;
    const parsed = JSON.parse(l) as Record<string, any>;
    change(parsed);
    return JSON.stringify(parsed);
  });

// Lines: 0 header, 1 anchor, then positions 1..8 at lines 2..9 (2 and 5 are beta's: digests).
t("given acme's export, then it holds acme's events in full and beta's as position and digest only", ({ lines }) => {
  assert.equal(kinds(lines), ['header', 'anchor', 'event', 'digest', 'event', 'event', 'digest', 'event', 'event', 'event']);
  const text = lines.join('\n');
  assert.not.ok(text.includes('Beta Secret Holdings'), "beta's content leaked");
  assert.not.ok(text.includes('tenant-beta'), "beta's stream name leaked");
  assert.equal(Object.keys(JSON.parse(lines[3]!) as object).sort(), ['digest', 'kind', 'position']);
});

t('given the untouched export and the key file, then it verifies offline', async ({ dir, lines }) => {
  const report = await verify(dir, lines);
  assert.is(report.ok, true, JSON.stringify(report.breaks));
  assert.is(report.tenantId, 'acme');
  assert.is(report.events, 6);
  assert.is(report.anchors.checked, 1);
});

t("given an acme event's data edited in the file, then hash_mismatch at it and the anchor differs", async ({ dir, lines }) => {
  const edited = edit(lines, 4, (l) => void (l.data.accountName = 'Evil Corp'));
  assert.equal(problems(await verify(dir, edited)), [['hash_mismatch', 'tenant-acme', '3'], ['anchor_mismatch', '-', '8']]);
});

t("given another tenant's digest changed in the file, then the anchor differs", async ({ dir, lines }) => {
  const edited = edit(lines, 6, (l) => void (l.digest = 'e'.repeat(64)));
  assert.equal(problems(await verify(dir, edited)), [['anchor_mismatch', '-', '8']]);
});

t('given an acme event removed from the file, then a position gap, a broken stream and the anchor differs', async ({ dir, lines }) => {
  const report = await verify(dir, lines.filter((_, i) => i !== 4));
  assert.equal(problems(report), [['position_gap', 'plan-acme.winter', '4'], ['revision_gap', 'tenant-acme', '6'], ['broken_link', 'tenant-acme', '6'], ['anchor_mismatch', '-', '8']]);
});

t('given two lines swapped in the file, then position_order and the anchor differs', async ({ dir, lines }) => {
  const swapped = [...lines];
  [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
  const found = problems(await verify(dir, swapped)).map((p) => p[0]);
  assert.ok(found.includes('position_order') && found.includes('anchor_mismatch'), JSON.stringify(found));
});

t("given the file's tail cut, then log_truncated", async ({ dir, lines }) => {
  assert.equal(problems(await verify(dir, lines.slice(0, 8))), [['log_truncated', '-', '8']]);
});

t("given the file's tail cut past the last anchor, then log_truncated against the header's head", async ({ dir, lines }) => {
  const unanchored = lines.filter((l) => !l.includes('"kind":"anchor"'));
  assert.equal(problems(await verify(dir, unanchored.slice(0, 7))), [['log_truncated', '-', '8']]);
});

t('given a DATA_DIR, when `adledger audit export` then `audit verify --file --key` run, then the file verifies (exit 0); a tampered log exports a file that does not (exit 2)', async ({ dir }) => {
  const out = join(tempDir('export'), 'acme.jsonl');
  const cli = (dataDir: string, args: string[]) => runCli(dataDir, args, 20_000, {}, true); // the fixture is SQLite files
  const exported = await cli(dir, ['audit', 'export', '--tenant', 'acme', '--out', out]);
  assert.is(exported.code, 0, exported.stderr);
  const offline = await runCli(tempDir('nothing'), ['audit', 'verify', '--file', out, '--key', join(dir, 'audit-keys.json')]);
  assert.is(offline.code, 0, offline.stdout + offline.stderr);
  assert.is(parseJsonLines<ExportReport>(offline.stdout)[0]?.ok, true);

  const tampered = tamper(dir, (db) => void db.prepare("UPDATE events SET data = json_set(data, '$.name', 'Evil') WHERE position = 1").run());
  const served = await cli(tampered, ['audit', 'verify']);
  assert.is(served.code, 2, served.stdout);
  const bad = join(tempDir('export'), 'acme.jsonl');
  assert.is((await cli(tampered, ['audit', 'export', '--tenant', 'acme', '--out', bad])).code, 0);
  const rejected = await runCli(tempDir('nothing'), ['audit', 'verify', '--file', bad, '--key', join(dir, 'audit-keys.json')]);
  assert.is(rejected.code, 2, rejected.stdout);
  assert.equal(problems(parseJsonLines<ExportReport>(rejected.stdout)[0]!), [['hash_mismatch', 'tenant-acme', '1'], ['anchor_mismatch', '-', '8']]);
});

t('given a file that is not an export, then the offline verifier says so (exit 65)', async ({ dir }) => {
  const file = join(tempDir('export'), 'junk.jsonl');
  writeFileSync(file, '{"hello":"world"}\n');
  const res = await runCli(tempDir('nothing'), ['audit', 'verify', '--file', file, '--key', join(dir, 'audit-keys.json')]);
  assert.is(res.code, 65, res.stdout + res.stderr);
  assert.match(readFileSync(file, 'utf8'), /hello/);
});

t.run();
