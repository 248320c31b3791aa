// The Step-1 flow over HTTP: commands in, history and as-of state out.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, approver, planner } from '../support/harness.ts';
import { approveStep, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';

interface Presented {
  position: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const t = suite<{ api: Api; results: Record<string, unknown>[] }>('e2e api: the Step-1 flow over HTTP');

t.before(async (ctx) => {
  ctx.api = await openApi();
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

t('given an empty log, when the tenant and plan commands are sent and another user approves, then each is a 201 with revision and position strings', async (ctx) => {
  const { api } = ctx;
  ctx.results = await send(api, [...tenantSteps, ...planSteps, approveStep]);
  assert.equal(
    ctx.results.map((r) => [r.stream, r.nextExpectedRevision, r.position, r.duplicate]),
    [
      ['tenant-acme', '0', '1', false],
      ['tenant-acme', '1', '2', false],
      ['tenant-acme', '2', '3', false],
      ['plan-acme.winter', '0', '4', false],
      ['plan-acme.winter', '1', '5', false],
      ['plan-acme.winter', '2', '6', false],
      ['plan-acme.winter', '3', '7', false],
    ],
  );
  assert.is(await api.head(), 7n);
});

t('when the plan history is read, then its events come in order with who did what and the command ids', async ({ api, results }) => {
  const res = await api.get(approver, '/api/streams/plan-acme.winter/history');
  assert.is(res.statusCode, 200, res.body);
  const { stream, events } = res.json() as { stream: string; events: Presented[] };
  assert.is(stream, 'plan-acme.winter');
  assert.equal(events.map((e) => e.type), ['plan.created', 'plan.line_item_added', 'plan.version_submitted', 'plan.version_approved']);
  assert.equal(events.map((e) => [e.revision, e.position]), [['0', '4'], ['1', '5'], ['2', '6'], ['3', '7']]);
  assert.equal(events.map((e) => (e.metadata.actor as { id: string }).id), [planner.id, planner.id, planner.id, approver.id]);
  const approval = events[3]!;
  assert.equal(approval.metadata.actor, approver);
  assert.is(approval.metadata.tenantId, 'acme');
  assert.is(approval.metadata.commandId, results[6]!.commandId);
  assert.is(approval.metadata.prevHash, events[2]!.metadata.hash);
  assert.ok(!Number.isNaN(Date.parse(String(approval.metadata.recordedAt))));
  assert.equal(approval.data, { planId: 'winter', version: 1, comment: 'ok for Q4' });
});

t('when the plan state is read, then it shows version 1 approved by the approver', async ({ api }) => {
  const res = await api.get(admin, '/api/streams/plan-acme.winter/state');
  assert.is(res.statusCode, 200, res.body);
  const body = res.json() as { revision: string; position: string; state: { status: string; versions: Record<string, unknown>[] } };
  assert.is(body.revision, '3');
  assert.is(body.position, '7');
  assert.is(body.state.status, 'approved');
  assert.equal(
    body.state.versions.map((v) => [v.version, v.status, v.submittedBy, v.decidedBy]),
    [[1, 'approved', planner.id, approver.id]],
  );
});

t('when the state is read as of an earlier revision, then it shows the plan as it was then', async ({ api }) => {
  const submitted = (await api.get(admin, '/api/streams/plan-acme.winter/state?asOf=2')).json();
  assert.is(submitted.revision, '2');
  assert.is(submitted.state.status, 'submitted');
  assert.is(submitted.state.versions[0].status, 'submitted');
  const created = (await api.get(admin, '/api/streams/plan-acme.winter/state?asOf=0')).json();
  assert.is(created.revision, '0');
  assert.is(created.state.status, 'draft');
  assert.equal(created.state.draft.lineItems, []);
  assert.equal(created.state.versions, []);
});

t('when the chains are verified over HTTP, then every stream verifies', async ({ api }) => {
  const res = await api.get(admin, '/api/audit/verify?tenantId=acme');
  assert.is(res.statusCode, 200, res.body);
  assert.equal(res.json(), { ok: true, streams: 2, events: 7, head: '7', anchors: { checked: 0 }, breaks: [] });
});

t.run();
