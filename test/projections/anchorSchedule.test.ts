// Anchors by the clock: taken when enough minutes or events have passed, by the one
// instance holding the lease; a second instance on the same stores adds nothing.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeSide } from '../../commands/aggregates.ts';
import { openKeyring } from '../../connectors/audit/keyring.ts';
import { openSqliteAnchors } from '../../connectors/audit/sqliteAnchors.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { startAnchoring } from '../../projections/audit/anchorSchedule.ts';
import { verifyChains } from '../../projections/audit/verifyChains.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { newCommandId } from '../../commands/eventIds.ts';
import { admin, harness } from '../support/harness.ts';

const t = suite('audit anchors by the clock');

t('given two instances sharing the stores, then only the lease holder anchors, by event count and by time, and the anchors verify', async () => {
  const h = harness();
  const { keyring } = await openKeyring(join(h.dir, 'audit-keys.json'), () => h.store.headPosition());
  const anchors = openSqliteAnchors(join(h.dir, 'anchors.db'));
  const docs = await openSqliteDocumentStore(join(h.dir, 'readmodels.db'));
  const w = writeSide(h.store, undefined, { chainKey: () => keyring.current() });
  const record = (n: number) => sendCommand(w, { type: 'tenant.create', tenantId: `t${n}`, data: { name: `T${n}`, currency: 'EUR', timezone: 'Europe/Istanbul' }, actor: admin, commandId: newCommandId() });
  let clock = Date.parse('2026-11-30T10:00:00Z');
  const instance = (holder: string) =>
    startAnchoring({ store: h.store, anchors, key: () => keyring.current(), lease: docs, holder, everyMinutes: 10, everyEvents: 3, checkMs: 3_600_000, now: () => new Date(clock) });
  const a = instance('a');
  const b = instance('b');
  try {
    await a.tick();
    await b.tick();
    assert.equal(await anchors.list(), [], 'an empty log is not anchored');
    await record(1);
    await a.tick();
    await b.tick();
    assert.equal((await anchors.list()).map((x) => [x.seq, x.position]), [[1, '1']], 'the first event is anchored once, by the lease holder');
    await record(2);
    await a.tick();
    assert.is((await anchors.list()).length, 1, 'one event since: neither 3 events nor 10 minutes');
    await record(3);
    await record(4);
    await a.tick();
    await b.tick();
    assert.equal((await anchors.list()).map((x) => [x.seq, x.position]), [[1, '1'], [2, '4']], '3 events since the last anchor');
    await record(5);
    clock += 10 * 60_000;
    await b.tick();
    await a.tick();
    assert.equal((await anchors.list()).map((x) => [x.seq, x.position]), [[1, '1'], [2, '4'], [3, '5']], '10 minutes since the last anchor');
    const report = await verifyChains(h.store, { keys: keyring, anchors: await anchors.list() });
    assert.is(report.ok, true, JSON.stringify(report.breaks));
    assert.is(report.anchors.checked, 3);
  } finally {
    await a.stop();
    await b.stop();
    await anchors.close();
    await docs.close();
    await h.store.close();
  }
});

t.run();
