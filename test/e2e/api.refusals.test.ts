// Business refusals and conflicts over HTTP: 409/422 with the domain code, the log unchanged,
// except a blocked launch, which is remembered as exactly one launch.blocked event.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, approver, lineItem, planner } from '../support/harness.ts';
import { assertError, openApi, planSteps, send, tenantSteps, withoutAppending, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e api: refusals and conflicts');
const winter = (data: Record<string, unknown> = {}) => ({ tenantId: 'acme', data: { planId: 'winter', ...data } });

t.before(async (ctx) => {
  ctx.api = await openApi();
  await send(ctx.api, [...tenantSteps, ...planSteps]); // plan winter v1 submitted by maria
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

t('given line items over the plan budget, then 422 plan.budget_exceeded with the amounts', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(planner, 'plan.add_line_item', winter(lineItem('huge', 'google_ads', 'sales', 50_000))));
  const body = assertError(res, 422, 'plan.budget_exceeded');
  assert.equal(body.details, { totalMicros: 51_000_000_000, budgetMicros: 10_000_000_000, overByMicros: 41_000_000_000 });
});

t('given the submitter approving their own version, then 422 plan.four_eyes', async ({ api }) => {
  const self = { ...planner, role: 'agency-admin' as const };
  const res = await withoutAppending(api, () => api.command(self, 'plan.approve_version', winter({ version: 1 })));
  assertError(res, 422, 'plan.four_eyes');
});

t('given v1 submitted, edited and v2 submitted, when v1 is approved, then 409 plan.stale_version', async ({ api }) => {
  await send(api, [
    [planner, 'plan.update_line_item', { planId: 'winter', lineItemId: 'search', budgetMicros: 2_000_000_000 }],
    [planner, 'plan.submit_version', { planId: 'winter' }],
  ]);
  const res = await withoutAppending(api, () => api.command(approver, 'plan.approve_version', winter({ version: 1 })));
  assertError(res, 409, 'plan.stale_version');
});

t('given a command already applied, when its commandId is sent again, then 200 duplicate with the first result', async ({ api }) => {
  const approve = { ...winter({ version: 2 }), commandId: 'approve-winter-v2' };
  const first = await api.command(approver, 'plan.approve_version', approve);
  assert.is(first.statusCode, 201, first.body);
  const again = await withoutAppending(api, () => api.command(approver, 'plan.approve_version', approve));
  assert.is(again.statusCode, 200, again.body);
  assert.equal(again.json(), { ...first.json(), duplicate: true });
});

t('given a used commandId, when it is sent with other data, then 409 command.id_reused', async ({ api }) => {
  const res = await withoutAppending(api, () =>
    api.command(approver, 'plan.approve_version', { ...winter({ version: 2, comment: 'changed my mind' }), commandId: 'approve-winter-v2' }),
  );
  assertError(res, 409, 'command.id_reused');
});

// Idempotency is kept per stream, alike on every event store (event ids are namespaced by
// stream): the same id on another stream is another command, and is itself idempotent there.
t('given a commandId used on one stream, when it is sent for a command on another stream, then it applies there once', async ({ api }) => {
  const body = { tenantId: 'acme', commandId: 'approve-winter-v2', data: { platform: 'meta', accountId: 'act_1', accountName: 'Acme Meta' } };
  const res = await api.command(admin, 'tenant.link_platform_account', body);
  assert.is(res.statusCode, 201, res.body);
  assert.is(res.json().stream, 'tenant-acme');
  const again = await withoutAppending(api, () => api.command(admin, 'tenant.link_platform_account', body));
  assert.is(again.statusCode, 200, again.body);
  assert.equal(again.json(), { ...res.json(), duplicate: true });
});

t('given v2 approved but no launch approval, when a launch is requested, then 422 launch.blocked and exactly one launch.blocked event', async ({ api }) => {
  const before = await api.head();
  const request = { tenantId: 'acme', commandId: 'launch-winter-v2', data: { planId: 'winter', version: 2 } };
  const res = await api.command(planner, 'launch.request', request);
  const body = assertError(res, 422, 'launch.blocked');
  const details = body.details as { stream: string; events: { type: string; data: { reasons: { code: string }[] } }[] };
  assert.is(details.stream, 'launch-acme.winter.v2');
  assert.equal(details.events.map((e) => e.type), ['launch.blocked']);
  assert.equal(details.events[0]!.data.reasons.map((r) => r.code), ['launch.approval_required']);
  assert.is(await api.head(), before + 1n);
  const history = (await api.get(admin, '/api/streams/launch-acme.winter.v2/history')).json();
  assert.equal(history.events.map((e: { type: string }) => e.type), ['launch.blocked']);
  // the same request again is a duplicate: still refused, still one event
  assertError(await withoutAppending(api, () => api.command(planner, 'launch.request', request)), 422, 'launch.blocked');
});

t('given an approval of a decided version, then 409 plan.version_already_decided', async ({ api }) => {
  const res = await withoutAppending(api, () => api.command(admin, 'plan.approve_version', winter({ version: 2 })));
  assertError(res, 409, 'plan.version_already_decided');
});

t('after all of the above, then /health is 200 and the chains still verify', async ({ api }) => {
  const health = await api.app.inject({ method: 'GET', url: '/health' });
  assert.is(health.statusCode, 200);
  assert.is(health.json().head, String(await api.head()));
  assert.is((await api.get(admin, '/api/audit/verify')).json().ok, true);
});

t.run();
