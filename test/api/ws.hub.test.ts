import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import Fastify from 'fastify';
import WebSocket from 'ws';
import type { Principal } from '../../api/auth/principal.ts';
import { websocketRoutes, type HubOptions } from '../../api/ws/hub.ts';
import type { ServerMessage } from '../../api/ws/protocol.ts';
import { liveFeed, type FeedItem } from '../../projections/runtime/liveFeed.ts';
import type { DomainError } from '../../domain/shared/errors.ts';

const t = suite('websocket hub');

const principals: Record<string, Principal> = {
  'tok-agency': { id: 'u-ana', name: 'Ana', role: 'agency-admin', tenantId: null },
  'tok-a': { id: 'u-alex', name: 'Alex', role: 'client-admin', tenantId: 'A' },
  'tok-expiring': { id: 'u-eve', name: 'Eve', role: 'agency-user', tenantId: null },
};
const badToken: DomainError = { kind: 'unauthenticated', code: 'auth.invalid_token', message: 'The token is not valid' };
const verifyToken = (token: string) => principals[token] ?? badToken;

let position = 0;
const change = (collection: string, id: string, tenantId: string | undefined, body: unknown = 'x'): FeedItem => ({
  collection, id, tenantId, position: String(++position), doc: { id, tenantId, body },
});
const deletion = (collection: string, id: string, tenantId: string | undefined): FeedItem => ({ collection, id, tenantId, position: String(++position) });

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

interface Client {
  readonly ws: WebSocket;
  send(message: unknown): void;
  next(timeoutMs?: number): Promise<ServerMessage>;
  expect<T extends ServerMessage['type']>(type: T): Promise<Of<T>>;
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const inbox: ServerMessage[] = [];
  let wake = () => {};
  ws.on('message', (data) => {
    inbox.push(JSON.parse(data.toString()) as ServerMessage);
    wake();
  });
  const closing = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      wake();
    }),
  );
  await once(ws, 'open');
  const next = async (timeoutMs = 1000) => {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length === 0) {
      if (ws.readyState === WebSocket.CLOSED) throw new Error('the socket closed before the next message');
      if (Date.now() >= deadline) throw new Error('no message within the time allowed');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        wake = () => (clearTimeout(timer), resolve());
      });
    }
    return inbox.shift()!;
  };
  return {
    ws,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next,
    async expect(type) {
      const message = await next();
      assert.is(message.type, type, `expected ${type}, got ${JSON.stringify(message).slice(0, 300)}`);
      return message as Of<typeof type>;
    },
    closed: (timeoutMs = 1500) =>
      Promise.race([closing, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the socket was not closed in time')), timeoutMs).unref())]),
  };
}

async function withHub(overrides: Partial<HubOptions>, body: (h: Awaited<ReturnType<typeof startHub>>) => Promise<void>) {
  const h = await startHub(overrides);
  try {
    await body(h);
  } finally {
    await h.app.close();
  }
}

async function startHub(overrides: Partial<HubOptions>) {
  const app = Fastify();
  const feed = liveFeed();
  const hub = websocketRoutes(app, { feed, verifyToken, opsStatus: () => [{ name: 'approvals_queue', state: 'live' }], ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/live`;
  const login = async (token: string) => {
    const client = await connect(url);
    client.send({ type: 'hello', token });
    return { client, welcome: await client.expect('welcome') };
  };
  return { app, feed, hub, connect: () => connect(url), login };
}

// Reads until the change with this id arrives; everything read on the way is returned.
async function readUntil(client: Client, id: string): Promise<Of<'change'>[]> {
  const seen: Of<'change'>[] = [];
  for (;;) {
    const message = await client.expect('change');
    seen.push(message);
    if (message.id === id) return seen;
  }
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

t('a socket that never says hello is closed with 4408', () =>
  withHub({ helloTimeoutMs: 100 }, async (h) => {
    const client = await h.connect();
    assert.equal(await client.closed(), { code: 4408, reason: 'no hello within 100 ms' });
  }));

t('a bad token gets an error, then the socket is closed with 4401', () =>
  withHub({}, async (h) => {
    const client = await h.connect();
    client.send({ type: 'hello', token: 'forged' });
    const error = await client.expect('error');
    assert.is(error.error, 'auth.invalid_token');
    assert.is((await client.closed()).code, 4401);
  }));

t('nothing but hello is accepted before hello', () =>
  withHub({}, async (h) => {
    const client = await h.connect();
    client.send({ type: 'subscribe', channel: 'approvals' });
    assert.is((await client.expect('error')).error, 'hello.required');
    h.feed.publish([change('approvals_queue', 'early', 'A')]);
    client.send({ type: 'hello', token: 'tok-agency' });
    const welcome = await client.expect('welcome');
    assert.is(welcome.user.id, 'u-ana');
    client.send({ type: 'ping' });
    await client.expect('pong'); // and not the change published before the subscription
  }));

t('a client role sees its own tenant only, and is told other tenants do not exist', () =>
  withHub({}, async (h) => {
    const { client } = await h.login('tok-a');
    client.send({ type: 'subscribe', channel: 'approvals' });
    assert.equal(await client.expect('subscribed'), { type: 'subscribed', channel: 'approvals', tenantId: 'A', cursor: h.hub.stats().cursor });
    h.feed.publish([change('approvals_queue', 'b1', 'B'), change('approvals_queue', 'a1', 'A'), change('approvals_queue', 'agency-only', undefined)]);
    h.feed.publish([change('approvals_queue', 'b2', 'B'), change('approvals_queue', 'sentinel', 'A')]);
    assert.equal((await readUntil(client, 'sentinel')).map((m) => [m.id, m.tenantId]), [['a1', 'A'], ['sentinel', 'A']]);

    client.send({ type: 'subscribe', channel: 'approvals', tenantId: 'B' });
    const notFound = await client.expect('error');
    assert.is(notFound.error, 'tenant.not_found');
    client.send({ type: 'subscribe', channel: 'ops' });
    assert.is((await client.expect('error')).error, 'channel.forbidden');
  }));

t('an agency role sees every tenant, and a change matching two subscriptions arrives once', () =>
  withHub({}, async (h) => {
    const { client, welcome } = await h.login('tok-agency');
    client.send({ type: 'subscribe', channel: 'approvals' });
    assert.is((await client.expect('subscribed')).tenantId, null);
    client.send({ type: 'subscribe', channel: 'approvals', tenantId: 'A' });
    assert.is((await client.expect('subscribed')).tenantId, 'A');
    client.send({ type: 'subscribe', channel: 'approvals', tenantId: 'A' }); // idempotent
    await client.expect('subscribed');
    assert.is(h.hub.stats().subscriptions, 2);
    h.feed.publish([change('approvals_queue', 'a1', 'A'), change('approvals_queue', 'b1', 'B'), change('approvals_queue', 'none', undefined)]);
    h.feed.publish([change('approvals_queue', 'sentinel', 'A')]);
    assert.equal((await readUntil(client, 'sentinel')).map((m) => m.id), ['a1', 'b1', 'none', 'sentinel']);
    // Replay for a new subscription skips what this channel already delivered.
    client.send({ type: 'subscribe', channel: 'approvals', tenantId: 'B', since: welcome.cursor });
    await client.expect('subscribed');
    client.send({ type: 'ping' });
    await client.expect('pong');
  }));

t('a delete arrives as doc: null; other collections are not sent; unsubscribe stops changes', () =>
  withHub({}, async (h) => {
    const { client } = await h.login('tok-agency');
    client.send({ type: 'subscribe', channel: 'approvals' });
    await client.expect('subscribed');
    h.feed.publish([change('plans', 'p1', 'A'), deletion('approvals_queue', 'gone', 'A')]);
    const removed = await client.expect('change');
    assert.equal([removed.channel, removed.collection, removed.id, removed.doc], ['approvals', 'approvals_queue', 'gone', null]);
    assert.is(removed.position, String(position));
    client.send({ type: 'unsubscribe', channel: 'approvals' });
    assert.equal(await client.expect('unsubscribed'), { type: 'unsubscribed', channel: 'approvals', tenantId: null });
    h.feed.publish([change('approvals_queue', 'after', 'A')]);
    client.send({ type: 'ping' });
    await client.expect('pong');
  }));

t('reconnecting with a cursor replays exactly what was missed, in order, then goes live', () =>
  withHub({}, async (h) => {
    const first = await h.login('tok-a');
    first.client.send({ type: 'subscribe', channel: 'approvals' });
    const { cursor } = await first.client.expect('subscribed');
    first.client.ws.close();
    await first.client.closed();
    h.feed.publish([change('approvals_queue', 'm1', 'A'), change('approvals_queue', 'x', 'B'), change('plans', 'p', 'A')]);
    h.feed.publish([change('approvals_queue', 'm2', 'A'), deletion('approvals_queue', 'm3', 'A')]);

    const { client } = await h.login('tok-a');
    client.send({ type: 'subscribe', channel: 'approvals', since: cursor });
    await client.expect('subscribed');
    const replayed = [await client.expect('change'), await client.expect('change'), await client.expect('change')];
    assert.equal(replayed.map((m) => m.id), ['m1', 'm2', 'm3']);
    h.feed.publish([change('approvals_queue', 'live', 'A')]);
    assert.is((await client.expect('change')).id, 'live');
  }));

t('a cursor from another epoch, or older than the buffer, is answered with refetch', () =>
  withHub({ replayBufferSize: 5 }, async (h) => {
    const { client, welcome } = await h.login('tok-a');
    client.send({ type: 'subscribe', channel: 'launches', since: 'elsewhere.3' });
    await client.expect('subscribed');
    assert.match((await client.expect('refetch')).reason, /restarted/);

    const epoch = welcome.cursor.split('.')[0];
    for (let i = 1; i <= 20; i++) h.feed.publish([change('approvals_queue', `c${i}`, 'A')]);
    assert.is(h.hub.stats().bufferSize, 5);
    client.send({ type: 'subscribe', channel: 'plans', since: welcome.cursor });
    await client.expect('subscribed');
    assert.equal(await client.expect('refetch'), { type: 'refetch', channel: 'plans', tenantId: 'A', reason: 'changes after that cursor are no longer buffered' });
    // The oldest buffered is 16, so 15 is the last cursor from which nothing can have been lost.
    const other = await h.login('tok-a');
    other.client.send({ type: 'subscribe', channel: 'approvals', since: `${epoch}.15` });
    await other.client.expect('subscribed');
    assert.equal((await readUntil(other.client, 'c20')).map((m) => m.id), ['c16', 'c17', 'c18', 'c19', 'c20']);
    other.client.send({ type: 'subscribe', channel: 'tenants', since: `${epoch}.14` });
    await other.client.expect('subscribed');
    await other.client.expect('refetch');
  }));

t('a client that does not read is dropped with 4429; the others get everything', () =>
  withHub({ maxBufferedBytes: 64 * 1024 }, async (h) => {
    const slow = await h.login('tok-a');
    const fast = await h.login('tok-a');
    for (const { client } of [slow, fast]) {
      client.send({ type: 'subscribe', channel: 'approvals' });
      await client.expect('subscribed');
    }
    (slow.client.ws as unknown as { _socket: Socket })._socket.pause();
    const big = 'x'.repeat(256 * 1024);
    let sent = 0;
    while (h.hub.stats().dropped === 0 && sent < 200) {
      h.feed.publish([change('approvals_queue', `big${++sent}`, 'A', big)]);
      await tick();
    }
    assert.is(h.hub.stats().dropped, 1, `still not dropped after ${sent} changes`);
    assert.is(h.hub.stats().connections, 1);
    h.feed.publish([change('approvals_queue', 'sentinel', 'A')]);
    const got = await readUntil(fast.client, 'sentinel');
    assert.is(got.length, sent + 1);
    (slow.client.ws as unknown as { _socket: Socket })._socket.resume();
    const { code, reason } = await slow.client.closed();
    assert.is(code, 4429);
    assert.match(reason, /^too slow: \d+ bytes unsent; reconnect with since=/);
  }));

t('invalid JSON and unknown messages get message.invalid with details; the socket stays usable', () =>
  withHub({}, async (h) => {
    const { client } = await h.login('tok-agency');
    client.send('{not json');
    const notJson = await client.expect('error');
    assert.is(notJson.error, 'message.invalid');
    assert.match(JSON.stringify(notJson.details), /Not JSON/);
    client.send({ type: 'shout', loud: true });
    const unknown = await client.expect('error');
    assert.is(unknown.error, 'message.invalid');
    assert.equal((unknown.details as { path: string }[])[0]?.path, 'type');
    client.send({ type: 'subscribe', channel: 'approvals', extra: 1 });
    assert.is((await client.expect('error')).error, 'message.invalid');
    client.send({ type: 'ping' });
    await client.expect('pong');
  }));

t('twenty invalid messages close the socket with 4400', () =>
  withHub({}, async (h) => {
    const { client } = await h.login('tok-agency');
    for (let i = 0; i < 20; i++) client.send('nope');
    for (let i = 0; i < 20; i++) await client.expect('error');
    assert.is((await client.closed()).code, 4400);
  }));

t('the ops channel sends projection status at once and then on every interval', () =>
  withHub({ opsIntervalMs: 30 }, async (h) => {
    const { client } = await h.login('tok-agency');
    client.send({ type: 'subscribe', channel: 'ops' });
    await client.expect('subscribed');
    assert.equal(await client.expect('ops'), { type: 'ops', projections: [{ name: 'approvals_queue', state: 'live' }] });
    await client.expect('ops');
    client.send({ type: 'unsubscribe', channel: 'ops' });
    // Interval ticks may still be in flight before the unsubscribe lands.
    while ((await client.next()).type !== 'unsubscribed');
    assert.is(h.hub.stats().subscriptions, 0);
  }));

t('a socket is closed with 4401 when its token expires', () =>
  withHub({ tokenExpiresAt: (token) => (token === 'tok-expiring' ? Date.now() + 100 : undefined) }, async (h) => {
    const { client } = await h.login('tok-expiring');
    const { client: other } = await h.login('tok-agency');
    assert.equal(await client.closed(), { code: 4401, reason: 'token expired' });
    other.send({ type: 'ping' });
    await other.expect('pong');
  }));

t('closing the app closes every socket with 1001 and stops the hub', async () => {
  const h = await startHub({});
  const { client } = await h.login('tok-agency');
  const waiting = await h.connect();
  await h.app.close();
  assert.is((await client.closed()).code, 1001);
  assert.is((await waiting.closed()).code, 1001);
  assert.is(h.hub.stats().connections, 0);
});

t.run();
