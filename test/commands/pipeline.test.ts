import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { harness, admin, planner, approver, viewer, seedSubmittedPlan, lineItem, M } from '../support/harness.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { GENESIS_HASH, chainHash } from '../../commands/hashChain.ts';
import type { CommandResult } from '../../commands/result.ts';

const t = suite('command pipeline');

const ok = (r: unknown): CommandResult => {
  if (isDomainError(r)) throw new Error(`expected success, got ${r.code}: ${r.message}`);
  return r as CommandResult;
};

t('given a valid command, then its events carry full metadata and link into the stream hash chain', async () => {
  const h = harness();
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
  await h.store.close();
});

t('given bad input, then a clear invalid error naming the field, and nothing is appended', async () => {
  const h = harness();
  const unknownType = await h.run(admin, 'tenant.explode', {});
  assert.ok(isDomainError(unknownType) && unknownType.code === 'command.unknown_type');
  const badData = await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'euro', timezone: 'Europe/Istanbul' });
  assert.ok(isDomainError(badData) && badData.kind === 'invalid');
  assert.ok(JSON.stringify(badData.details).includes('currency'));
  const extra = await h.run(admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul', evil: 1 });
  assert.ok(isDomainError(extra) && extra.kind === 'invalid');
  const badTenant = await h.run(admin, 'tenant.create', { name: 'A', currency: 'EUR', timezone: 'UTC' }, { tenantId: 'Bad.Tenant' });
  assert.ok(isDomainError(badTenant) && badTenant.code === 'command.invalid');
  const badId = await h.run(admin, 'tenant.create', { name: 'A', currency: 'EUR', timezone: 'UTC' }, { commandId: 'x' });
  assert.ok(isDomainError(badId) && badId.kind === 'invalid');
  assert.is((await h.all()).length, 0);
  await h.store.close();
});

t('given a role that may not send a command, then forbidden and nothing appended', async () => {
  const h = harness();
  const r = await h.run(viewer, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' });
  assert.ok(isDomainError(r) && r.kind === 'forbidden');
  assert.is((await h.all()).length, 0);
  await h.store.close();
});

t('given a rule violation, then the domain code and nothing appended', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const before = (await h.all()).length;
  const r = await h.run(planner, 'plan.add_line_item', { planId: 'winter', ...lineItem('huge', 'meta', 'traffic', 50_000) });
  assert.ok(isDomainError(r) && r.code === 'plan.budget_exceeded' && r.kind === 'refused');
  const self = await h.run({ ...planner, role: 'agency-admin' }, 'plan.approve_version', { planId: 'winter', version: 1 });
  assert.ok(isDomainError(self) && self.code === 'plan.four_eyes');
  assert.is((await h.all()).length, before);
  await h.store.close();
});

t('same commandId and payload returns the first result and appends nothing', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const first = ok(await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 }, { commandId: 'approve-winter-1' }));
  const count = (await h.all()).length;
  const again = ok(await h.run(approver, 'plan.approve_version', { planId: 'winter', version: 1 }, { commandId: 'approve-winter-1' }));
  assert.is(again.duplicate, true);
  assert.is(first.duplicate, false);
  assert.equal(again.events.map((e) => [e.eventId, e.revision]), first.events.map((e) => [e.eventId, e.revision]));
  assert.is(again.position, first.position);
  assert.is((await h.all()).length, count);
  await h.store.close();
});

t('same commandId with a different payload is a conflict, in the same stream or another', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  ok(await h.run(planner, 'plan.update_draft', { planId: 'winter', name: 'Winter A' }, { commandId: 'edit-0001' }));
  const count = (await h.all()).length;
  const sameStream = await h.run(planner, 'plan.update_draft', { planId: 'winter', name: 'Winter B' }, { commandId: 'edit-0001' });
  assert.ok(isDomainError(sameStream) && sameStream.code === 'command.id_reused' && sameStream.kind === 'conflict');
  const otherStream = await h.run(admin, 'tenant.report_feed_health', { criticalErrors: 0, warnings: 1 }, { commandId: 'edit-0001' });
  assert.ok(isDomainError(otherStream) && otherStream.code === 'command.id_reused');
  assert.is((await h.all()).length, count);
  await h.store.close();
});

t('50 concurrent approvals of one version append exactly one approval', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => h.run(i % 2 ? approver : admin, 'plan.approve_version', { planId: 'winter', version: 1, comment: `go ${i}` })),
  );
  const succeeded = results.filter((r) => !isDomainError(r));
  const refused = results.filter(isDomainError);
  assert.is(succeeded.length, 1);
  assert.ok(refused.every((r) => r.code === 'plan.version_already_decided' && r.kind === 'conflict'));
  const approvals = (await h.all()).filter((e) => e.type === 'plan.version_approved');
  assert.is(approvals.length, 1);
  await h.store.close();
});

t('concurrent edits of one plan are retried on conflict and all land, in some order', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const results = await Promise.all(ids.map((id) => h.run(planner, 'plan.add_line_item', { planId: 'winter', ...lineItem(id, 'google_ads', 'traffic', 100) })));
  assert.ok(results.every((r) => !isDomainError(r)));
  const added = (await h.all()).filter((e) => e.type === 'plan.line_item_added').map((e) => (e.data as { lineItemId: string }).lineItemId);
  assert.equal(added.slice(1).sort(), ids);
  await h.store.close();
});

t('a blocked launch is recorded as an event listing every reason', async () => {
  const h = harness();
  await seedSubmittedPlan(h);
  const r = ok(await h.run(planner, 'launch.request', { planId: 'winter', version: 1 }));
  assert.equal(r.events.map((e) => e.type), ['launch.blocked']);
  const reasons = (r.events[0]!.data as { reasons: { code: string }[] }).reasons.map((x) => x.code);
  assert.ok(reasons.length >= 2, `expected several reasons, got ${reasons.join(', ')}`);
  await h.store.close();
});

t.run();
export { M };
