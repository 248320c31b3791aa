// Limits on the doors a stranger or a runaway script can reach: POST /api/auth/login per
// address and per code (429 with Retry-After), and per websocket (messages a second, then a
// close; subscriptions past the maximum refused).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultSocketLimits } from '../../api/ws/limits.ts';
import { assertError, openApi, type Api } from './http.ts';
import { ada, codeFor, login, openSocket, tokenOf, waitFor } from './access.support.ts';

const t = suite<{ api: Api; base: string }>('e2e access: sign-in and websocket limits');

t.before(async (ctx) => {
  ctx.api = await openApi({ readSide: true, directory: true });
  await ctx.api.users.add(ada);
  ctx.base = await ctx.api.listen();
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

t('login: a code tried a 4th time within a minute, and an 11th attempt from one address, get 429 with Retry-After', async ({ api }) => {
  const guessed = 'x'.repeat(32);
  for (let i = 0; i < 3; i++) assertError(await login(api, guessed), 401, 'auth.link_invalid');
  const perCode = assertError(await login(api, guessed), 429, 'auth.too_many_attempts');
  assert.ok((perCode.details as { retryAfterSeconds: number }).retryAfterSeconds > 0);
  // Four attempts from this address so far; six more pass, the next is refused even with a good code.
  for (let i = 0; i < 6; i++) assertError(await login(api, `guess-${i}`.padEnd(20, '0')), 401, 'auth.link_invalid');
  const res = await login(api, await codeFor(api, 'ada'));
  assertError(res, 429, 'auth.too_many_attempts');
  assert.ok(Number(res.headers['retry-after']) >= 1, `Retry-After: ${res.headers['retry-after']}`);
});

t('websocket: a flood gets rate.limited errors and then close 4430; the server keeps serving', async ({ api, base }) => {
  const socket = await openSocket(base, await tokenOf(api, 'ada'));
  for (let i = 0; i < 200; i++) socket.send({ type: 'ping' });
  const closed = await socket.closed;
  assert.is(closed.code, 4430, closed.reason);
  assert.ok(socket.messages.some((m) => m.type === 'error' && m.error === 'rate.limited'));
  const pongs = socket.messages.filter((m) => m.type === 'pong').length;
  assert.ok(pongs <= defaultSocketLimits.burst + 2, `${pongs} pings answered`);
  const next = await openSocket(base, await tokenOf(api, 'ada'));
  next.close();
});

t('websocket: a subscription past the maximum is refused with subscriptions.too_many; the others stay', async ({ api, base }) => {
  const socket = await openSocket(base, await tokenOf(api, 'ada'));
  const max = defaultSocketLimits.maxSubscriptions;
  for (let i = 0; i <= max; i++) socket.send({ type: 'subscribe', channel: 'plans', tenantId: `t${i}` });
  await waitFor('the refusal', () => socket.messages.some((m) => m.type === 'error'));
  await waitFor('every answer', () => socket.messages.filter((m) => m.type === 'subscribed' || m.type === 'error').length === max + 1);
  assert.is(socket.messages.filter((m) => m.type === 'subscribed').length, max);
  assert.ok(socket.messages.some((m) => m.type === 'error' && m.error === 'subscriptions.too_many'));
  socket.close();
});

t.run();
