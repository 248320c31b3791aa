import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allEventSchemas } from '../../domain/events.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { toProjectedEvent } from '../../projections/definitions/projection.ts';
import { admin, approver, harness, planner, seedSubmittedPlan } from '../support/harness.ts';
import { replayTwice } from './replay.ts';

const t = suite('projections: all, over a log written by the real command pipeline');

t('names are unique snake_case collections; handled types are real event types', () => {
  const names = allProjections.map((p) => p.name);
  assert.equal(names, ['tenants', 'plans', 'plan_versions', 'approvals_queue', 'launches', 'campaigns', 'audit_timeline']);
  for (const p of allProjections) {
    assert.match(p.name, /^[a-z][a-z_]*$/);
    for (const type of p.handles) assert.ok(Object.hasOwn(allEventSchemas, type), `${p.name} handles unknown ${type}`);
    assert.is(p.indexes.fields.tenantId, 'string', `${p.name} cannot be filtered by tenant`);
  }
});

t('submit, approve, blocked launch, launch approval, launch, rollback: every read model agrees, and a replay changes nothing', async () => {
  const h = harness();
  await seedSubmittedPlan(h, 'winter');
  const steps: [typeof admin, string, unknown][] = [
    [admin, 'tenant.set_approval_policy', { launchApproval: 'always', fourEyes: true, spendChangeThresholdPct: 20 }],
    [approver, 'plan.approve_version', { planId: 'winter', version: 1 }],
    [planner, 'launch.request', { planId: 'winter', version: 1 }],
    [approver, 'launch.approve', { planId: 'winter', version: 1 }],
    [planner, 'launch.request', { planId: 'winter', version: 1 }],
    [planner, 'launch.request_rollback', { planId: 'winter', version: 1, reason: 'Wrong audience' }],
  ];
  for (const [actor, type, data] of steps) {
    const r = await h.run(actor, type, data);
    assert.not.ok('kind' in r, `${type}: ${JSON.stringify(r)}`);
  }
  const events = (await h.all()).map(toProjectedEvent);
  await h.store.close();

  const [tenants, plans, versions, queue, launches, campaigns, audit] = await Promise.all(allProjections.map((p) => replayTwice(p, events)));
  assert.equal(tenants!.get('acme')?.accounts, { google_ads: { accountId: '111-222-3333', accountName: 'Acme Google' } });
  assert.equal([plans!.get('acme:winter')?.status, plans!.get('acme:winter')?.latestVersion], ['approved', 1]);
  assert.equal([versions!.get('acme:winter:v1')?.status, versions!.get('acme:winter:v1')?.decidedBy], ['approved', 'ben']);
  assert.equal([...queue!.values()], [], 'nothing waits once everything is decided');
  const launch = launches!.get('acme:winter:v1');
  assert.equal([launch?.status, launch?.approvals, launch?.rollback], [
    'rollback_requested',
    [{ by: 'ben', at: (launch?.approvals as { at: string }[])[0]?.at }],
    { by: 'maria', at: events[events.length - 1]!.metadata.recordedAt, reason: 'Wrong audience' },
  ]);
  assert.equal([...campaigns!.values()], [], 'no saga ran: nothing exists on a platform');
  assert.is(audit!.size, events.length);
  assert.equal([...audit!.values()].map((d) => d.seq), events.map((e) => Number(e.position)));
  assert.ok([...audit!.values()].some((d) => d.summary === 'maria submitted version 1 of plan Winter (€10,000.00)'));
});

t.run();
