// The auditor over HTTP: new events keyed, anchors on demand (agency admins), verification in
// the background so other requests are served meanwhile, and the tenant's history export.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NewEvent } from '../../connectors/eventstore/port.ts';
import { chainHash, GENESIS_HASH } from '../../domain/shared/hashChain.ts';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { actorHeaders, assertError, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e audit api: keyed events, anchors, verification in the background, export');

t.before(async (ctx) => {
  ctx.api = await openApi({ audit: true });
  await send(ctx.api, [...tenantSteps, ...planSteps]);
});
t.after(async (ctx) => ctx.api?.close());

const post = (api: Api, actor: Parameters<typeof actorHeaders>[0], url: string) => api.app.inject({ method: 'POST', url, headers: actorHeaders(actor), payload: {} });

t('given a server with audit keys, then every event it records names its key id', async ({ api }) => {
  for await (const e of api.store.readAll()) assert.is(e.metadata.hashKeyId, 'k1', `${e.type} at ${e.position}`);
});

t('when an agency admin anchors the log head, then 201 with the signed head; other roles are refused', async ({ api }) => {
  assertError(await post(api, planner, '/api/audit/anchors'), 403, 'auth.forbidden');
  assertError(await post(api, approver, '/api/audit/anchors'), 403, 'auth.forbidden');
  const res = await post(api, admin, '/api/audit/anchors');
  assert.is(res.statusCode, 201, res.body);
  const anchor = res.json() as { seq: number; position: string; events: number; keyId: string; signature: string };
  assert.is(anchor.seq, 1);
  assert.is(anchor.position, String(await api.head()));
  assert.is(anchor.events, 6);
  assert.is(anchor.keyId, 'k1');
  const verified = await api.get(admin, '/api/audit/verify');
  assert.is(verified.statusCode, 200, verified.body);
  assert.equal((verified.json() as { ok: boolean; anchors: { checked: number } }).anchors.checked, 1);
});

t("when a client admin exports, then JSON lines of their own tenant's history; a viewer is refused; an agency admin must name the tenant", async ({ api }) => {
  const res = await api.get(approver, '/api/audit/export');
  assert.is(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /application\/x-ndjson/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="adledger-acme-history-/);
  const kinds = res.body.trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
  assert.is(kinds[0], 'header');
  assert.is(kinds.filter((k) => k === 'event').length, 6);
  assertError(await api.get(viewer, '/api/audit/export'), 403, 'auth.forbidden');
  assertError(await api.get(admin, '/api/audit/export'), 400, 'query.invalid');
  assertError(await api.get(approver, '/api/audit/export?tenantId=beta'), 404, 'tenant.not_found');
});

// A large log written straight to the store (the pipeline would take minutes here): many
// streams, each chained as the legacy chain is, so verifying it is real work.
async function bigLog(api: Api, streams: number, perStream: number): Promise<void> {
  for (let s = 0; s < streams; s++) {
    const streamId = `tenant-load${s}`;
    let prevHash = GENESIS_HASH;
    const events: NewEvent[] = [];
    for (let r = 0; r < perStream; r++) {
      const metadata = { eventId: `00000000-0000-4000-8000-${String(s * perStream + r).padStart(12, '0')}`, tenantId: `load${s}`, actor: { type: 'system', id: 'load', role: 'system' }, commandId: `load-${s}-${r}`, correlationId: 'load', causationId: 'load', schemaVersion: 1, recordedAt: '2026-11-30T00:00:00.000Z', prevHash };
      const data = { status: 'green', source: 'ga4', n: r };
      const hash = chainHash(prevHash, { streamId, revision: BigInt(r), type: 'tenant.tracking_health_reported', data, metadata });
      events.push({ eventId: metadata.eventId, type: 'tenant.tracking_health_reported', data, metadata: { ...metadata, hash } });
      prevHash = hash;
    }
    const outcome = await api.store.append(streamId, events, 'no_stream');
    if (!outcome.ok) assert.unreachable(`${outcome.error.code}: ${outcome.error.message}`);
  }
}

t('while a verification runs over a large log, then health answers quickly, a second caller joins the same job, and polling ends in the report', async ({ api }) => {
  await bigLog(api, 60, 1000);
  const started = await api.get(admin, '/api/audit/verify?wait=0');
  assert.is(started.statusCode, 202, started.body);
  const { job, poll } = started.json() as { job: { id: string; status: string }; poll: string };
  assert.is(job.status, 'running');
  const joined = (await api.get(admin, '/api/audit/verify?wait=0')).json() as { job?: { id: string } };
  assert.is(joined.job?.id, job.id, 'one job per scope');

  let slowest = 0;
  let answeredWhileRunning = 0;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const asked = Date.now();
    const health = await api.app.inject({ method: 'GET', url: '/health' });
    slowest = Math.max(slowest, Date.now() - asked);
    assert.is(health.statusCode, 200);
    const status = await api.get(admin, `${poll}&wait=0`);
    if (status.statusCode === 200) {
      const report = status.json() as { ok: boolean; events: number; breaks: unknown[] };
      assert.is(report.events, 60_006);
      assert.is(report.ok, false, 'the load streams were written without the key after the key existed');
      break;
    }
    assert.is(status.statusCode, 202, status.body);
    answeredWhileRunning++;
    assert.ok(Date.now() < deadline, 'the verification did not finish within 3 minutes');
  }
  assert.ok(answeredWhileRunning >= 3, `health was asked only ${answeredWhileRunning} times while the verification ran`);
  assert.ok(slowest < 1500, `health took ${slowest} ms while a verification ran`);
  console.log(`audit api: ${answeredWhileRunning} health requests during the verification of 60,006 events, slowest ${slowest} ms`);
});

t.run();
