// An intruder with write access to events.db but not to the audit key: a log written
// through the pipeline with keys, anchored, then edited with raw SQL (hashes recomputed as
// an intruder can: unkeyed SHA-256). Each kind of tampering is found, named and placed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '../../domain/shared/hashChain.ts';
import { tempDir } from '../support/tempDir.ts';
import { auditedLog, copyDataDir, problems, rehash, rowAt, tamper, verifyDir } from '../support/auditedLog.ts';

const t = suite<{ dir: string }>('e2e audit: a keyed, anchored log tampered with behind its back');

t.before(async (ctx) => {
  ctx.dir = tempDir('audited');
  await auditedLog(ctx.dir);
});

// Positions: 1 tenant-acme r0, 2 tenant-beta r0, 3 tenant-acme r1, 4 plan-acme.winter r0,
// 5 tenant-beta r1, 6 tenant-acme r2, 7 plan-acme.winter r1, 8 plan-acme.winter r2; anchor 1 at 8.

t('given the untouched log, then every chain and the anchor verify', async ({ dir }) => {
  const report = await verifyDir(dir);
  assert.equal(report, { ok: true, streams: 3, events: 8, head: '8', anchors: { checked: 1, last: report.anchors.last! }, breaks: [] });
  assert.is(report.anchors.last?.position, '8');
});

t('given every new event, then it carries the key id and an HMAC no unkeyed recomputation gives', async ({ dir }) => {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const row = rowAt(db, 3);
  db.close();
  const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  assert.is(metadata.hashKeyId, 'k1');
  const unkeyed = chainHash(String(metadata.prevHash), { streamId: row.stream_id, revision: BigInt(row.revision), type: row.type, data: JSON.parse(row.data), metadata });
  assert.is.not(metadata.hash, unkeyed);
});

t("given data edited and the hash recomputed unkeyed, key id kept, then a hash_mismatch there, the next event's link breaks and the anchor differs", async ({ dir }) => {
  const copy = tamper(dir, (db) => void rehash(db, 3, (e) => void (e.data.accountName = 'Evil Corp')));
  assert.equal(problems(await verifyDir(copy)), [['hash_mismatch', 'tenant-acme', '3'], ['broken_link', 'tenant-acme', '6'], ['anchor_mismatch', '-', '8']]);
});

t('given data edited and downgraded to legacy (key id dropped, the stream re-chained unkeyed), then unkeyed_event at each rewritten event and the anchor differs', async ({ dir }) => {
  const copy = tamper(dir, (db) => {
    const hash = rehash(db, 3, (e) => {
      e.data.accountName = 'Evil Corp';
      delete e.metadata.hashKeyId;
    });
    rehash(db, 6, (e) => {
      e.metadata.prevHash = hash;
      delete e.metadata.hashKeyId;
    });
  });
  assert.equal(problems(await verifyDir(copy)), [['unkeyed_event', 'tenant-acme', '3'], ['unkeyed_event', 'tenant-acme', '6'], ['anchor_mismatch', '-', '8']]);
});

t('given an event inserted mid-log (later positions shifted to make room), then unkeyed_event at the insert and the anchor differs', async ({ dir }) => {
  const copy = tamper(dir, (db) => {
    db.prepare('UPDATE events SET position = position + 1000 WHERE position > 5').run();
    db.prepare('UPDATE events SET position = position - 999 WHERE position > 1000').run();
    const metadata: Record<string, unknown> = { ...(JSON.parse(rowAt(db, 5).metadata) as Record<string, unknown>), eventId: 'evil-0001', prevHash: '0'.repeat(64) };
    delete metadata.hashKeyId;
    const data = { name: 'Evil', currency: 'EUR', timezone: 'Europe/Istanbul' };
    const hash = chainHash('0'.repeat(64), { streamId: 'tenant-evil', revision: 0n, type: 'tenant.created', data, metadata });
    db.prepare("INSERT INTO events VALUES (6, 'tenant-evil', 0, 'evil-0001', 'tenant.created', ?, ?, ?)").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), new Date().toISOString());
  });
  assert.equal(problems(await verifyDir(copy)), [['unkeyed_event', 'tenant-evil', '6'], ['anchor_mismatch', '-', '8']]);
});

t('given two events of different streams swapped in the global order, then the anchor differs over the range that holds them', async ({ dir }) => {
  const copy = tamper(dir, (db) => {
    db.prepare('UPDATE events SET position = -1 WHERE position = 4').run();
    db.prepare('UPDATE events SET position = 4 WHERE position = 5').run();
    db.prepare('UPDATE events SET position = 5 WHERE position = -1').run();
  });
  const report = await verifyDir(copy);
  assert.equal(problems(report), [['anchor_mismatch', '-', '8']]);
  assert.equal(report.breaks[0]!.details, { anchor: 1, anchoredAt: report.anchors.last!.at, from: '1', to: '8', anchoredEvents: 8, foundEvents: 8 });
});

t("given a stream's newest event deleted mid-log, then a position gap where it was and the anchor differs", async ({ dir }) => {
  const copy = tamper(dir, (db) => void db.prepare("DELETE FROM events WHERE stream_id = 'tenant-beta' AND revision = 1").run());
  assert.equal(problems(await verifyDir(copy)), [['position_gap', 'tenant-acme', '6'], ['anchor_mismatch', '-', '8']]);
});

t("given a stream's newest event deleted and the positions closed up behind it, then the log is found short of the anchor", async ({ dir }) => {
  const copy = tamper(dir, (db) => {
    db.prepare('DELETE FROM events WHERE position = 5').run();
    db.prepare('UPDATE events SET position = position - 1 WHERE position > 5').run();
  });
  const report = await verifyDir(copy);
  assert.equal(problems(report), [['log_truncated', '-', '8']]);
  assert.match(report.breaks[0]!.message, /ends at position 7/);
});

t('given the tail of the log deleted, then log_truncated naming the anchored head', async ({ dir }) => {
  const copy = tamper(dir, (db) => void db.prepare('DELETE FROM events WHERE position > 6').run());
  const report = await verifyDir(copy);
  assert.equal(problems(report), [['log_truncated', '-', '8']]);
  assert.is(report.breaks[0]!.details?.foundEvents, 6);
});

t('given an event appended after the last anchor without the key, then unkeyed_event at it', async ({ dir }) => {
  const copy = tamper(dir, (db) => {
    const last = rowAt(db, 8);
    const metadata: Record<string, unknown> = { ...(JSON.parse(last.metadata) as Record<string, unknown>), eventId: 'evil-0002', prevHash: (JSON.parse(last.metadata) as { hash: string }).hash };
    delete metadata.hashKeyId;
    const data = { planId: 'winter', version: 1, comment: 'self-approved' };
    const hash = chainHash(String(metadata.prevHash), { streamId: 'plan-acme.winter', revision: 3n, type: 'plan.version_approved', data, metadata });
    db.prepare("INSERT INTO events VALUES (9, 'plan-acme.winter', 3, 'evil-0002', 'plan.version_approved', ?, ?, ?)").run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), new Date().toISOString());
  });
  assert.equal(problems(await verifyDir(copy)), [['unkeyed_event', 'plan-acme.winter', '9']]);
});

t('given the anchor record itself edited to match a tampered log, then anchor_invalid', async ({ dir }) => {
  const copy = copyDataDir(dir);
  const db = new Database(join(copy, 'anchors.db'));
  db.prepare("UPDATE anchors SET state = ? WHERE seq = 1").run('f'.repeat(64));
  db.close();
  assert.equal(problems(await verifyDir(copy)), [['anchor_invalid', '-', '8']]);
});

t('given a scope of one tenant, then only its streams are checked, and the log chain still spans every event', async ({ dir }) => {
  const clean = await verifyDir(dir, 'beta');
  assert.is(clean.ok, true);
  assert.is(clean.events, 2);
  const copy = tamper(dir, (db) => {
    db.prepare('UPDATE events SET position = -1 WHERE position = 7').run();
    db.prepare('UPDATE events SET position = 7 WHERE position = 8').run();
    db.prepare('UPDATE events SET position = 8 WHERE position = -1').run();
  });
  assert.equal(problems(await verifyDir(copy, 'beta')), [['anchor_mismatch', '-', '8']], "another tenant's events moved: beta's anchored log still differs");
});

t.run();
