// Requests that race with one commandId, as a client that retries after a timeout sends
// them: one is applied, the other must be told so, and the log must stay whole.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admin, lineItem, planner } from '../support/harness.ts';
import { assertError, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e api: racing requests with one commandId');

t.before(async (ctx) => {
  ctx.api = await openApi();
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

// Each test has its own tenant (and so its own streams and its own audit scope).
const seeded = async (api: Api, tenantId: string) => send(api, [...tenantSteps, ...planSteps], tenantId);
const addItem = (tenantId: string, id: string, commandId: string) => ({ tenantId, commandId, data: { planId: 'winter', ...lineItem(id, 'google_ads', 'sales', 1) } });
type Sent = { type: string; body: object };
const race = (api: Api, ...requests: Sent[]) => Promise.all(requests.map(({ type, body }) => api.command(planner, type, body)));
const update = (tenantId: string, budgetMicros: number): Sent => ({
  type: 'plan.update_line_item',
  body: { tenantId, commandId: `${tenantId}-update`, data: { planId: 'winter', lineItemId: 'search', budgetMicros } },
});
type Stored = { type: string; data: { budgetMicros?: number; content?: { lineItems: { budgetMicros: number }[] } } };
const verify = async (api: Api, tenantId: string) => (await api.get(admin, `/api/audit/verify?tenantId=${tenantId}`)).json() as { ok: boolean; breaks: unknown[] };

t('given a retry racing its original, then one is 201 and the other 200 duplicate: true', async ({ api }) => {
  await seeded(api, 'retry-status');
  const body = addItem('retry-status', 'search2', 'retry-status-add-search2');
  const pair = await race(api, { type: 'plan.add_line_item', body }, { type: 'plan.add_line_item', body });
  assert.equal(pair.map((r) => [r.statusCode, r.json().duplicate]).sort(), [[200, true], [201, false]]);
});

t('given retries racing their originals, then each command is stored once and the hash chain still verifies', async ({ api }) => {
  await seeded(api, 'retry-chain');
  const head = await api.head();
  for (let i = 0; i < 40; i++) {
    const body = addItem('retry-chain', `item${i}`, `retry-chain-add-item${i}`);
    await race(api, { type: 'plan.add_line_item', body }, { type: 'plan.add_line_item', body });
  }
  await send(api, [[planner, 'plan.remove_line_item', { planId: 'winter', lineItemId: 'item0' }]], 'retry-chain'); // links to the tip
  assert.is(await api.head(), head + 41n);
  assert.equal((await verify(api, 'retry-chain')).breaks, []);
});

t('given two requests racing with one commandId and different data, then one is 201 and the other 409 command.id_reused', async ({ api }) => {
  await seeded(api, 'reuse-status');
  const [first, second] = await race(api, update('reuse-status', 1_000_000), update('reuse-status', 2_000_000));
  assert.is(first!.statusCode, 201, first!.body);
  assertError(second!, 409, 'command.id_reused');
});

t('given that race, then the next version freezes what the log holds and the chain still verifies', async ({ api }) => {
  await seeded(api, 'reuse-chain');
  await race(api, update('reuse-chain', 1_000_000), update('reuse-chain', 2_000_000));
  await send(api, [[planner, 'plan.submit_version', { planId: 'winter' }]], 'reuse-chain');
  const { events } = (await api.get(admin, '/api/streams/plan-reuse-chain.winter/history')).json() as { events: Stored[] };
  const updated = events.filter((e) => e.type === 'plan.line_item_updated').map((e) => e.data.budgetMicros);
  const frozen = events.at(-1)!.data.content?.lineItems.map((li) => li.budgetMicros);
  assert.equal(frozen, updated, 'version 2 must contain the budget the log recorded, not the one that was refused');
  assert.equal((await verify(api, 'reuse-chain')).breaks, []);
});

t.run();
