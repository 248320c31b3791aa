// A log written through the real pipeline with audit keys, then anchored: the DATA_DIR
// (events.db, audit-keys.json, anchors.db) the tamper specs copy and edit behind its back.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as assert from 'uvu/assert';
import { writeSide } from '../../commands/aggregates.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { newCommandId } from '../../commands/eventIds.ts';
import { openKeyring, readKeyring } from '../../connectors/audit/keyring.ts';
import { openSqliteAnchors } from '../../connectors/audit/sqliteAnchors.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { chainHash, type ChainedContent } from '../../domain/shared/hashChain.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { anchorLog } from '../../projections/audit/anchorLog.ts';
import { verifyChains, type ChainReport } from '../../projections/audit/verifyChains.ts';
import { admin, planner } from './harness.ts';
import { tempDir } from './tempDir.ts';

// Positions: 1 tenant-acme r0, 2 tenant-beta r0, 3 tenant-acme r1, 4 plan-acme.winter r0,
// 5 tenant-beta r1, 6 tenant-acme r2, 7 plan-acme.winter r1, 8 plan-acme.winter r2; anchored at 8.
const steps: readonly [string, Actor, string, Record<string, unknown>][] = [
  ['acme', admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' }],
  ['beta', admin, 'tenant.create', { name: 'Beta Secret Holdings', currency: 'USD', timezone: 'Europe/Istanbul' }],
  ['acme', admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: '111-222-3333', accountName: 'Acme Google' }],
  ['acme', planner, 'plan.create', { planId: 'winter', name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 5_000_000_000 }],
  ['beta', admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
  ['acme', admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
  ['acme', planner, 'plan.add_line_item', { planId: 'winter', lineItemId: 'search', name: 'Search', platform: 'google_ads', objective: 'sales', budgetMicros: 1_000_000_000, currency: 'EUR', flightStart: '2026-12-01', flightEnd: '2026-12-31' }],
  ['acme', planner, 'plan.submit_version', { planId: 'winter' }],
];

export async function auditedLog(dir: string): Promise<void> {
  const store = openSqliteEventStore(join(dir, 'events.db'));
  const { keyring } = await openKeyring(join(dir, 'audit-keys.json'), () => store.headPosition());
  const anchors = openSqliteAnchors(join(dir, 'anchors.db'));
  const w = writeSide(store, undefined, { chainKey: () => keyring.current() });
  for (const [tenantId, actor, type, data] of steps) {
    const result = await sendCommand(w, { type, tenantId, data, actor, commandId: newCommandId() });
    assert.not.ok(isDomainError(result), JSON.stringify(result));
  }
  const anchored = await anchorLog(store, anchors, keyring.current());
  assert.not.ok(isDomainError(anchored), JSON.stringify(anchored));
  await anchors.close();
  await store.close(); // the last connection checkpoints the WAL into events.db
}

export function copyDataDir(from: string): string {
  const dir = tempDir('audit-copy');
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(dir, name));
  return dir;
}

// The intruder: raw SQL on events.db, with the unkeyed SHA-256 recomputed as anyone can.
export function tamper(dir: string, edit: (db: Database.Database) => void): string {
  const copy = copyDataDir(dir);
  const db = new Database(join(copy, 'events.db'));
  try {
    db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
  return copy;
}

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

export const rowAt = (db: Database.Database, position: number): Row => db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;

// Rewrites one event's data and metadata and gives it a fresh unkeyed hash over the prevHash it holds.
export function rehash(db: Database.Database, position: number, change: (content: { data: Record<string, unknown>; metadata: Record<string, unknown> }) => void): string {
  const row = rowAt(db, position);
  const content = { data: JSON.parse(row.data) as Record<string, unknown>, metadata: JSON.parse(row.metadata) as Record<string, unknown> };
  change(content);
  const chained: ChainedContent = { streamId: row.stream_id, revision: BigInt(row.revision), type: row.type, data: content.data, metadata: content.metadata };
  const hash = chainHash(String(content.metadata.prevHash), chained);
  db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(content.data), JSON.stringify({ ...content.metadata, hash }), position);
  return hash;
}

export async function verifyDir(dir: string, tenantId?: string): Promise<ChainReport> {
  const store = openSqliteEventStore(join(dir, 'events.db'));
  const anchors = openSqliteAnchors(join(dir, 'anchors.db'));
  try {
    return await verifyChains(store, { keys: readKeyring(join(dir, 'audit-keys.json')), anchors: await anchors.list(), ...(tenantId ? { tenantId } : {}) });
  } finally {
    await anchors.close();
    await store.close();
  }
}

export const problems = (report: { breaks: readonly { problem: string; stream?: string; position: string }[] }) =>
  report.breaks.map((b) => [b.problem, b.stream ?? '-', b.position]);

export const dataDirHas = (dir: string, file: string) => existsSync(join(dir, file));
