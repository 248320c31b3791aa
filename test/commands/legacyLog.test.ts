// A log written before event ids were namespaced by stream (ids from the command id alone)
// stays readable, verifiable and idempotent: nothing in the log is rewritten.
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { writeSide } from '../../commands/aggregates.ts';
import { sendCommand } from '../../commands/sendCommand.ts';
import { chainHash, GENESIS_HASH } from '../../domain/shared/hashChain.ts';
import { verifyChains } from '../../projections/audit/verifyChains.ts';
import { presentEvent } from '../../projections/audit/presentEvent.ts';
import { admin, harnessSuite, planner, type Harness } from '../support/harness.ts';
import { tempDir } from '../support/tempDir.ts';
import { openKeyring } from '../../connectors/audit/keyring.ts';
import { thenApplied } from '../support/then.ts';

const t = harnessSuite('a log from the release before namespaced event ids');

// The previous release's event id: the command id alone, hashed.
function legacyEventId(commandId: string, index: number): string {
  const h = createHash('sha256').update(`adledger:${commandId}:${index}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const create = { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' };
const plan = { planId: 'winter', name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 5_000_000_000 };

// The same history as `h` holds, as the previous release stored it: legacy ids, chained.
async function legacyCopy(h: Harness): Promise<EventStore> {
  const legacy = openSqliteEventStore(join(tempDir('legacy'), 'events.db'));
  const tips = new Map<string, string>();
  const perCommand = new Map<string, number>();
  for (const e of await h.all()) {
    const commandId = String(e.metadata.commandId);
    const index = perCommand.get(commandId) ?? 0;
    perCommand.set(commandId, index + 1);
    const eventId = legacyEventId(commandId, index);
    const prevHash = tips.get(e.streamId) ?? GENESIS_HASH;
    const unchained = { ...e.metadata, eventId, prevHash };
    const hash = chainHash(prevHash, { streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: unchained });
    tips.set(e.streamId, hash);
    const outcome = await legacy.append(e.streamId, [{ eventId, type: e.type, data: e.data, metadata: { ...unchained, hash } }], e.revision === 0n ? 'no_stream' : e.revision - 1n);
    if (!outcome.ok) assert.unreachable(`${outcome.error.code}: ${outcome.error.message}`);
  }
  return legacy;
}

t('its chains verify, its history reads, its commands stay idempotent, and new commands chain on', async ({ h }) => {
  thenApplied(await h.run(admin, 'tenant.create', create, { commandId: 'legacy-create-0001' }));
  thenApplied(await h.run(planner, 'plan.create', plan, { commandId: 'legacy-plan-0001' }));
  const legacy = await legacyCopy(h);
  try {
    assert.ok((await verifyChains(legacy)).ok, 'the legacy log verifies as stored');
    for await (const e of legacy.readStream('plan-acme.winter')) assert.is(presentEvent(e).unreadable, undefined);

    const w = writeSide(legacy);
    const again = thenApplied(await sendCommand(w, { type: 'plan.create', tenantId: 'acme', commandId: 'legacy-plan-0001', data: plan, actor: planner }));
    assert.is(again.duplicate, true, 'a retry of a legacy command answers its first result');
    assert.is(again.events[0]!.eventId, legacyEventId('legacy-plan-0001', 0));
    const edited = thenApplied(await sendCommand(w, { type: 'plan.update_draft', tenantId: 'acme', commandId: 'new-edit-0001', data: { planId: 'winter', name: 'Winter 2' }, actor: planner }));
    assert.is(edited.nextExpectedRevision, '1');
    const report = await verifyChains(legacy);
    assert.ok(report.ok, JSON.stringify(report.breaks));
    assert.is(report.events, 3);
  } finally {
    await legacy.close();
  }
});

t('given audit keys made on a legacy log, then its unkeyed events verify as legacy, new events are keyed, and an unkeyed event after the keys is not', async ({ h }) => {
  thenApplied(await h.run(admin, 'tenant.create', create, { commandId: 'legacy-create-0002' }));
  const legacy = await legacyCopy(h);
  try {
    const { keyring } = await openKeyring(join(tempDir('keys'), 'audit-keys.json'), () => legacy.headPosition());
    assert.is(keyring.legacyThrough, 1n);
    const keyed = writeSide(legacy, undefined, { chainKey: () => keyring.current() });
    thenApplied(await sendCommand(keyed, { type: 'plan.create', tenantId: 'acme', commandId: 'keyed-plan-0001', data: plan, actor: planner }));
    const report = await verifyChains(legacy, { keys: keyring });
    assert.ok(report.ok, JSON.stringify(report.breaks));
    for await (const e of legacy.readStream('plan-acme.winter')) assert.is(e.metadata.hashKeyId, keyring.current().id);

    const unkeyed = writeSide(legacy); // a writer without the key, after the keys existed
    thenApplied(await sendCommand(unkeyed, { type: 'plan.update_draft', tenantId: 'acme', commandId: 'unkeyed-edit-0001', data: { planId: 'winter', name: 'Winter 2' }, actor: planner }));
    assert.equal((await verifyChains(legacy, { keys: keyring })).breaks.map((b) => [b.problem, b.stream, b.revision]), [['unkeyed_event', 'plan-acme.winter', '1']]);
  } finally {
    await legacy.close();
  }
});

t.run();
