import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { harnessSuite, admin, planner, approver, viewer, seedSubmittedPlan, lineItem, M } from '../support/harness.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { GENESIS_HASH, chainHash } from '../../domain/shared/hashChain.ts';
import { thenApplied as ok, thenRefused } from '../support/then.ts';
import { eventIdFor } from '../../commands/eventIds.ts';

const t = harnessSuite('command pipeline');

t('given a valid command, then its events carry full metadata and link into the stream hash chain', async ({ h }) => {
  const created = ok(await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' }, { commandId: 'cmd-create-acme' }));
  const linked = ok(await h.run(admin, 'tenant.link_platform_account', { platform: 'meta', accountId: 'act_1', accountName: 'Acme Meta' }));
  assert.equal(created.events.map((e) => e.type), ['tenant.created']);
  assert.is(created.nextExpectedRevision, '0');
  assert.is(linked.nextExpectedRevision, '1');
  assert.ok(BigInt(linked.position) > BigInt(created.position));
  const [first, second] = await h.all();
  const meta = first!.metadata as Record<string, unknown>;
  assert.equal(meta.actor, admin);
  assert.is(meta.tenantId, 'acme');
  assert.is(meta.commandId, 'cmd-create-acme');
  assert.is(meta.correlationId, 'cmd-create-acme');
  assert.is(meta.causationId, 'cmd-create-acme');
  assert.is(meta.schemaVersion, 1);
  assert.ok(!Number.isNaN(Date.parse(String(meta.recordedAt))));
  assert.is(meta.eventId, first!.eventId);
  assert.is(meta.prevHash, GENESIS_HASH);
  assert.is(meta.hash, chainHash(GENESIS_HASH, first!));
  assert.is(second!.metadata.prevHash, meta.hash);
});

t('given bad input, then a clear invalid error naming the field, and nothing is appended', async ({ h }) => {
  const unknownType = await h.run(admin, 'tenant.explode', {});
  thenRefused(unknownType, 'command.unknown_type', 'invalid');
  const badData = thenRefused(await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'euro', timezone: 'Europe/Istanbul' }), 'command.invalid_data', 'invalid');
  assert.match(JSON.stringify(badData.details), 'currency');
  thenRefused(await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul', evil: 1 }), 'command.invalid_data', 'invalid');
  thenRefused(await h.run(admin, 'tenant.create', { name: 'A', currency: 'EUR', timezone: 'UTC' }, { tenantId: 'Bad.Tenant' }), 'command.invalid');
  thenRefused(await h.run(admin, 'tenant.create', { name: 'A', currency: 'EUR', timezone: 'UTC' }, { commandId: 'x' }), 'command.invalid', 'invalid');
  assert.is((await h.all()).length, 0);
});

t('given a role that may not send a command, then forbidden and nothing appended', async ({ h }) => {
  thenRefused(await h.run(viewer, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' }), 'command.forbidden', 'forbidden');
  assert.is((await h.all()).length, 0);
});

t('given a rule violation, then the domain code and nothing appended', async ({ h }) => {
  await seedSubmittedPlan(h);
  const before = (await h.all()).length;
  thenRefused(await h.run(planner, 'plan.add_line_item', { planId: 'winter', ...lineItem('huge', 'meta', 'traffic', 50_000) }), 'plan.budget_exceeded', 'refused');
  thenRefused(await h.run({ ...planner, role: 'agency-admin' }, 'plan.approve_version', { planId: 'winter', version: 1 }), 'plan.four_eyes');
  assert.is((await h.all()).length, before);
});

t('same commandId and payload returns the first result and appends nothing', async ({ h }) => {
  await seedSubmittedPlan(h);
  const first = ok(await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 }, { commandId: 'approve-winter-1' }));
  const count = (await h.all()).length;
  const again = ok(await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 }, { commandId: 'approve-winter-1' }));
  assert.is(again.duplicate, true);
  assert.is(first.duplicate, false);
  assert.equal(again.events.map((e) => [e.eventId, e.revision]), first.events.map((e) => [e.eventId, e.revision]));
  assert.is(again.position, first.position);
  assert.is((await h.all()).length, count);
});

t('same commandId with a different payload in the same stream is a conflict, and appends nothing', async ({ h }) => {
  await seedSubmittedPlan(h);
  ok(await h.run(planner, 'plan.update_draft', { planId: 'winter', name: 'Winter A' }, { commandId: 'edit-0001' }));
  const count = (await h.all()).length;
  thenRefused(await h.run(planner, 'plan.update_draft', { planId: 'winter', name: 'Winter B' }, { commandId: 'edit-0001' }), 'command.id_reused', 'conflict');
  assert.is((await h.all()).length, count);
});

// The store's promise (an event id names one event in the whole log) reaches the caller as
// a reused command id: the only way an id the pipeline derives is held elsewhere.
t('given the event id a command derives already held by another stream, then 409 command.id_reused and nothing is appended', async ({ h }) => {
  const held = { eventId: eventIdFor('tenant-acme', 'taken-0001', 0), type: 'tenant.created', data: {}, metadata: {} };
  const elsewhere = await h.store.append('elsewhere-1', [held], 'no_stream');
  assert.ok(elsewhere.ok);
  thenRefused(await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'UTC' }, { commandId: 'taken-0001' }), 'command.id_reused', 'conflict');
  assert.equal((await h.all()).map((e) => e.streamId), ['elsewhere-1']);
});

// Idempotency is kept per stream, alike on every event store; event ids are namespaced by
// stream (and so by tenant), so one tenant can neither probe nor take another's ids.
t('two tenants using the same commandId both succeed, with event ids of their own', async ({ h }) => {
  const create = { name: 'T', currency: 'EUR', timezone: 'UTC' };
  const acme = ok(await h.run(admin, 'tenant.create', create, { tenantId: 'acme', commandId: 'shared-0001' }));
  const beta = ok(await h.run(admin, 'tenant.create', create, { tenantId: 'beta', commandId: 'shared-0001' }));
  assert.is(beta.duplicate, false);
  assert.is.not(beta.events[0]!.eventId, acme.events[0]!.eventId);
  assert.equal((await h.all()).map((e) => e.streamId), ['tenant-acme', 'tenant-beta']);
  const again = ok(await h.run(admin, 'tenant.create', create, { tenantId: 'beta', commandId: 'shared-0001' }));
  assert.is(again.duplicate, true);
  assert.is((await h.all()).length, 2);
});

t('50 concurrent approvals of one version append exactly one approval', async ({ h }) => {
  await seedSubmittedPlan(h);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => h.run(i % 2 ? approver : admin, 'plan.approve_version', { planId: 'winter', version: 1, comment: `go ${i}` })),
  );
  const succeeded = results.filter((r) => !isDomainError(r));
  const refused = results.filter(isDomainError);
  assert.is(succeeded.length, 1);
  for (const r of refused) thenRefused(r, 'plan.version_already_decided', 'conflict');
  const approvals = (await h.all()).filter((e) => e.type === 'plan.version_approved');
  assert.is(approvals.length, 1);
});

t('concurrent edits of one plan are retried on conflict and all land, in some order', async ({ h }) => {
  await seedSubmittedPlan(h);
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const results = await Promise.all(ids.map((id) => h.run(planner, 'plan.add_line_item', { planId: 'winter', ...lineItem(id, 'google_ads', 'traffic', 100) })));
  results.forEach(ok);
  const added = (await h.all()).filter((e) => e.type === 'plan.line_item_added').map((e) => (e.data as { lineItemId: string }).lineItemId);
  assert.equal(added.slice(1).sort(), ids);
});

t('a blocked launch is recorded as an event listing every reason', async ({ h }) => {
  await seedSubmittedPlan(h);
  const r = ok(await h.run(planner, 'launch.request', { planId: 'winter', version: 1 }));
  assert.equal(r.events.map((e) => e.type), ['launch.blocked']);
  const reasons = (r.events[0]!.data as { reasons: { code: string }[] }).reasons.map((x) => x.code);
  assert.ok(reasons.length >= 2, `expected several reasons, got ${reasons.join(', ')}`);
});

t.run();
export { M };
