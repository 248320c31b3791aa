// The approver's flow through the API and the live feed, as the console drives it: the
// queue shows what waits, a refused approval changes nothing, the accepted one leaves the
// queue for every connected approver without a reload.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { assertError, openApi, planSteps, send, tenantSteps, tokenFor, withoutAppending, type Api } from './http.ts';
import { connectLive, type LiveClient } from './live.ts';
import type { ServerMessage } from '../../api/ws/protocol.ts';

type Page = { docs: { id: string; kind: string; version: number; submittedBy: string; tenantId: string }[] };
type Change = Extract<ServerMessage, { type: 'change' }>;
const t = suite<{ api: Api; live: LiveClient; position: string }>('e2e api: the approval flow over HTTP and websocket');
const winter = (data: Record<string, unknown> = {}) => ({ tenantId: 'acme', data: { planId: 'winter', ...data } });
const isChange = (m: ServerMessage): m is Change => m.type === 'change';

t.before(async (ctx) => {
  ctx.api = await openApi({ readSide: true });
  const results = await send(ctx.api, [...tenantSteps, ...planSteps]); // v1 submitted by maria
  ctx.position = String(results.at(-1)!.position);
  ctx.live = await connectLive(await ctx.api.listen(), tokenFor(approver));
  ctx.live.send({ type: 'subscribe', channel: 'approvals' });
  await ctx.live.next('subscribed', (m) => m.type === 'subscribed');
});
t.after(async (ctx) => {
  await ctx.live?.close();
  await ctx.api?.close();
});

t('given v1 submitted, when the approver reads the queue after that position, then v1 waits, submitted by maria', async ({ api, position }) => {
  const res = await api.get(approver, `/api/approvals?after=${position}`);
  assert.is(res.statusCode, 200, res.body);
  const { docs } = res.json() as Page;
  assert.equal(docs.map((d) => [d.kind, d.version, d.submittedBy, d.tenantId]), [['plan_version', 1, 'maria', 'acme']]);
});

t('given v2 submitted, when v1 is approved, then 409 plan.stale_version and the queue holds v2 only', async (ctx) => {
  const [, submitted] = await send(ctx.api, [
    [planner, 'plan.update_line_item', { planId: 'winter', lineItemId: 'search', budgetMicros: 2_000_000_000 }],
    [planner, 'plan.submit_version', { planId: 'winter' }],
  ]);
  ctx.position = String(submitted!.position);
  assertError(await withoutAppending(ctx.api, () => ctx.api.command(approver, 'plan.approve_version', winter({ version: 1 }))), 409, 'plan.stale_version');
  const { docs } = (await ctx.api.get(approver, `/api/approvals?after=${ctx.position}`)).json() as Page;
  assert.equal(docs.map((d) => d.version), [2]);
});

t('given the pushes so far, then the approver saw v1 arrive, v1 leave and v2 arrive, live and in order', async ({ live }) => {
  const v2 = await live.next('v2 upsert', (m): m is Change => isChange(m) && m.id === 'acme:winter:v2:plan_version' && m.doc !== null);
  assert.equal([v2.channel, v2.collection, v2.tenantId, (v2.doc as { version: number }).version], ['approvals', 'approvals_queue', 'acme', 2]);
});

t('given an admin who submitted v3, when the same admin approves it, then 422 plan.four_eyes and nothing is appended', async (ctx) => {
  const [, submitted] = await send(ctx.api, [
    [admin, 'plan.update_draft', { planId: 'winter', name: 'Winter (final)' }],
    [admin, 'plan.submit_version', { planId: 'winter' }],
  ]);
  ctx.position = String(submitted!.position);
  assertError(await withoutAppending(ctx.api, () => ctx.api.command(admin, 'plan.approve_version', winter({ version: 3 }))), 422, 'plan.four_eyes');
});

t('given a client-viewer, when it approves, then 403 command.forbidden and nothing is appended', async ({ api }) => {
  assertError(await withoutAppending(api, () => api.command(viewer, 'plan.approve_version', winter({ version: 3 }))), 403, 'command.forbidden');
});

t('when the client admin approves v3 with a comment, then 201, and the queue, the version and the live feed all agree', async ({ api, live }) => {
  const res = await api.command(approver, 'plan.approve_version', winter({ version: 3, comment: 'Final numbers, go' }));
  assert.is(res.statusCode, 201, res.body);
  const { position } = res.json() as { position: string };
  const removed = await live.next('v3 removal', (m): m is Change => isChange(m) && m.id === 'acme:winter:v3:plan_version' && m.doc === null);
  assert.ok(BigInt(removed.position) <= BigInt(position), 'pushed from the approval itself');
  const queue = (await api.get(approver, `/api/approvals?after=${position}`)).json() as Page;
  assert.equal(queue.docs, []);
  const version = (await api.get(approver, `/api/plans/acme/winter/versions/3?after=${position}`)).json() as { status: string; decidedBy?: string; comment?: string };
  assert.equal([version.status, version.decidedBy, version.comment], ['approved', 'ben', 'Final numbers, go']);
  const diff = (await api.get(approver, '/api/plans/acme/winter/diff?from=1&to=3')).json() as { diff: { fields: { field: string; to: unknown }[] } };
  assert.equal(diff.diff.fields.map((f) => [f.field, f.to]), [['name', 'Winter (final)']]);
});

t('then the audit timeline names who did each step, newest first', async ({ api }) => {
  const res = await api.get(approver, '/api/audit/timeline?type=plan.version_approved');
  const { docs } = res.json() as { docs: { actorId: string; type: string; tenantId: string }[] };
  assert.equal(docs.map((d) => [d.type, d.actorId, d.tenantId]), [['plan.version_approved', 'ben', 'acme']]);
});

t.run();
