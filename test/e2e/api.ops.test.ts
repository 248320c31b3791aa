// What ops and integrators read: the OpenAPI document, readiness per port, Prometheus metrics.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, approver, planner } from '../support/harness.ts';
import { commandTypes } from '../../commands/acceptCommand.ts';
import { assertError, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e api: docs, health and metrics');
type OpenApi = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { properties?: Record<string, unknown> }> } }> }; parameters?: { name: string; in: string }[] }>> };

t.before(async (ctx) => {
  ctx.api = await openApi({ readSide: true });
  await send(ctx.api, [...tenantSteps, ...planSteps]);
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

t('the OpenAPI document lists every declared route, each command with its own data schema', async ({ api }) => {
  const res = await api.app.inject({ method: 'GET', url: '/docs/json' });
  assert.is(res.statusCode, 200);
  const doc = res.json() as OpenApi;
  assert.is(doc.openapi, '3.1.0');
  for (const route of api.routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path} is not documented`);
  }
  for (const type of commandTypes) assert.ok(doc.paths[`/api/commands/${type}`]?.post, type);
  const approve = doc.paths['/api/commands/plan.approve_version']!.post!.requestBody!.content['application/json']!.schema;
  assert.equal(Object.keys(approve.properties.data!.properties!).sort(), ['comment', 'planId', 'version']);
  assert.ok(doc.paths['/api/approvals']!.get!.parameters!.some((p) => p.name === 'after' && p.in === 'query'), 'read-your-writes is documented');
  const ui = await api.app.inject({ method: 'GET', url: '/docs' });
  assert.ok([200, 302].includes(ui.statusCode), `docs UI: ${ui.statusCode}`);
});

t('when every port answers and the projections are live, then /health/ready is 200 with each check', async ({ api }) => {
  await api.get(admin, `/api/tenants?after=${await api.head()}`);
  const res = await api.app.inject({ method: 'GET', url: '/health/ready' });
  assert.is(res.statusCode, 200, res.body);
  const body = res.json() as { status: string; checks: Record<string, { ok: boolean }> };
  assert.equal(Object.entries(body.checks).map(([k, v]) => [k, v.ok]), [['eventStore', true], ['documentStore', true], ['projections', true]]);
});

t('the metrics show request latency by route pattern, command outcomes and projection lag; clients may not read them', async ({ api }) => {
  await api.command(planner, 'plan.approve_version', { tenantId: 'acme', data: { planId: 'winter', version: 1 } }); // forbidden for a planner
  await api.command(approver, 'plan.approve_version', { tenantId: 'acme', data: { planId: 'winter', version: 1 } });
  assertError(await api.get(approver, '/metrics'), 403, 'auth.forbidden');
  const res = await api.get(admin, '/metrics');
  assert.is(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/plain/);
  const text = res.body;
  assert.match(text, /adledger_commands_total\{type="plan.approve_version",outcome="applied"\} 1/);
  assert.match(text, /adledger_commands_total\{type="plan.approve_version",outcome="forbidden"\} 1/);
  assert.match(text, /adledger_http_request_duration_seconds_count\{method="POST",route="\/api\/commands\/plan.approve_version",status="201"\} 1/);
  assert.match(text, /adledger_projection_lag_events\{projection="approvals_queue"\} \d+/);
  assert.not.match(text, /route="\/api\/tenants\/acme"/, 'labels use route patterns, not ids');
});

t('given ?after= beyond the end of the log, then 400 at once instead of a 5 s wait', async ({ api }) => {
  const ahead = (await api.head()) + 1000n;
  const res = await api.get(admin, `/api/approvals?after=${ahead}`);
  const body = assertError(res, 400, 'query.after_ahead');
  assert.equal(body.details, { after: String(ahead), head: String(await api.head()) });
});

t('when the projections stop, then /health/ready is 503 naming them, and /health (liveness) is still 200', async ({ api }) => {
  await api.stopProjections();
  const res = await api.app.inject({ method: 'GET', url: '/health/ready' });
  assert.is(res.statusCode, 503);
  const body = res.json() as { status: string; checks: { projections: { ok: boolean; detail: string } } };
  assert.equal([body.status, body.checks.projections.ok], ['not_ready', false]);
  assert.match(body.checks.projections.detail, 'approvals_queue: not running');
  assert.is((await api.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
});

t.run();
