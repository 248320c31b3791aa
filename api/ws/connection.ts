import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { canSeeTenant, isAgency, tenantScope, type Principal } from '../auth/principal.ts';
import { channelCollections, closeCodes, type Channel, type ClientMessage, type ServerMessage } from './protocol.ts';
import { parseMessage } from './parseMessage.ts';
import type { ReplayBuffer, Sequenced } from './replayBuffer.ts';
import { messageBudget, type SocketLimits } from './limits.ts';

// One console socket: hello, its subscriptions, and everything it is sent.
export interface ConnectionContext {
  // The token, and the user's current access (asked again on every recheck).
  readonly verifyToken: (token: string) => Principal | DomainError | Promise<Principal | DomainError>;
  readonly limits: SocketLimits;
  readonly tokenExpiresAt: (token: string) => number | undefined;
  readonly opsStatus: () => readonly unknown[];
  readonly maxBufferedBytes: number;
  readonly helloTimeoutMs: number;
  readonly opsIntervalMs: number;
  readonly epoch: string;
  readonly buffer: ReplayBuffer;
  readonly log: FastifyBaseLogger;
  encodeChange(entry: Sequenced, channel: Channel): string;
  // Called exactly once, however the connection ends; `slow` when we dropped it for not reading.
  released(connection: Connection, slow: boolean): void;
}

export interface Connection {
  // Sends the item once per channel (of `channels`) that one of this socket's subscriptions matches.
  deliver(entry: Sequenced, channels: readonly Channel[]): void;
  subscriptions(): number;
  // Asks whether the user still holds this access; closes the socket (4401) when not.
  recheck(): void;
  close(code: number, reason: string): void;
}

interface Subscription {
  readonly channel: Channel;
  readonly tenantId: string | null; // null: every tenant (agency roles only)
  fromSeq: number; // items after this seq were sent through this subscription
}

type Subscribe = Extract<ClientMessage, { type: 'subscribe' | 'unsubscribe' }>;

const maxInvalidMessages = 20;
const maxTimerMs = 2 ** 31 - 1; // setTimeout fires at once beyond this

export function openConnection(socket: WebSocket, ctx: ConnectionContext): Connection {
  let principal: Principal | undefined;
  let token: string | undefined; // while a hello is checked, and after: the one it said
  let checking = false;
  const waiting: RawData[] = []; // messages that came while the hello was being checked
  const withinRate = messageBudget(ctx.limits);
  let limitedCount = 0;
  let invalidCount = 0;
  let released = false;
  let expiryTimer: NodeJS.Timeout | undefined;
  let opsTimer: NodeJS.Timeout | undefined;
  const subs = new Map<string, Subscription>();
  const cursorOf = (seq: number) => `${ctx.epoch}.${seq}`;

  const release = (slow: boolean) => {
    if (released) return;
    released = true;
    clearTimeout(helloTimer);
    clearTimeout(expiryTimer);
    clearInterval(opsTimer);
    subs.clear();
    ctx.released(connection, slow);
  };
  const close = (code: number, reason: string, slow = false) => {
    release(slow);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
  };

  // Every send goes through here: a client that does not read is dropped, never queued for.
  const sendText = (text: string): boolean => {
    if (released || socket.readyState !== socket.OPEN) return false;
    const unsent = socket.bufferedAmount;
    if (unsent > ctx.maxBufferedBytes) {
      ctx.log.warn({ user: principal?.id, unsent }, 'live: dropping a client that does not read');
      close(closeCodes.tooSlow, `too slow: ${unsent} bytes unsent; reconnect with since=<last cursor you saw>`, true);
      return false;
    }
    socket.send(text);
    return true;
  };
  const send = (message: ServerMessage) => sendText(JSON.stringify(message));
  const sendError = (error: string, message: string, details: unknown = null) => send({ type: 'error', error, message, details });
  const rejectMessage = (error: string, message: string, details: unknown) => {
    sendError(error, message, details);
    if (++invalidCount >= maxInvalidMessages) close(closeCodes.invalid, `${invalidCount} invalid messages`);
  };

  const helloTimer = setTimeout(() => close(closeCodes.helloTimeout, `no hello within ${ctx.helloTimeoutMs} ms`), ctx.helloTimeoutMs);

  const armExpiry = (at: number) => {
    expiryTimer = setTimeout(
      () => (Date.now() < at ? armExpiry(at) : close(closeCodes.unauthenticated, 'token expired')),
      Math.min(Math.max(at - Date.now(), 0), maxTimerMs),
    );
  };

  const signOut = (refused: DomainError, reason: string) => {
    sendError(refused.code, refused.message);
    close(closeCodes.unauthenticated, reason);
  };

  const hello = async (said: string) => {
    token = said;
    const verified = await ctx.verifyToken(said);
    if (released) return;
    if (isDomainError(verified)) {
      ctx.log.info({ error: verified.code }, 'live: hello refused');
      return signOut(verified, 'unauthenticated');
    }
    principal = verified;
    clearTimeout(helloTimer);
    const expiresAt = ctx.tokenExpiresAt(token);
    if (expiresAt !== undefined) armExpiry(expiresAt);
    ctx.log.info({ user: verified.id, role: verified.role, tenantId: verified.tenantId }, 'live: hello');
    const { id, name, role, tenantId } = verified;
    send({ type: 'welcome', user: { id, name, role, tenantId }, cursor: cursorOf(ctx.buffer.lastSeq()) });
    for (const data of waiting.splice(0)) onMessage(data);
  };

  const recheck = async () => {
    if (!principal || !token || checking || released) return;
    checking = true;
    try {
      const now = await ctx.verifyToken(token);
      if (isDomainError(now) && !released) {
        ctx.log.info({ user: principal.id, error: now.code }, 'live: access revoked, signing out');
        signOut(now, `signed out: ${now.code}`);
      }
    } catch (err) {
      // The directory cannot answer now: keep the socket; the next recheck asks again.
      ctx.log.warn({ err, user: principal.id }, 'live: access recheck failed');
    } finally {
      checking = false;
    }
  };

  const matches = (sub: Subscription, entry: Sequenced) =>
    channelCollections[sub.channel].includes(entry.item.collection) &&
    principal !== undefined &&
    canSeeTenant(principal, entry.item.tenantId) &&
    (sub.tenantId === null || sub.tenantId === entry.item.tenantId);
  const anySub = (test: (s: Subscription) => boolean) => {
    for (const s of subs.values()) if (test(s)) return true;
    return false;
  };
  const delivered = (entry: Sequenced, channel: Channel) => anySub((s) => s.channel === channel && entry.seq > s.fromSeq && matches(s, entry));

  const sendOps = () => send({ type: 'ops', projections: ctx.opsStatus() });

  const replay = (sub: Subscription, since: string) => {
    const [epoch, seqText] = since.split('.');
    const seq = Number(seqText);
    const entries = epoch === ctx.epoch ? ctx.buffer.after(seq) : undefined;
    if (!entries) {
      const reason = epoch !== ctx.epoch ? 'the server restarted since that cursor' : seq > ctx.buffer.lastSeq() ? 'unknown cursor' : 'changes after that cursor are no longer buffered';
      return send({ type: 'refetch', channel: sub.channel, tenantId: sub.tenantId, reason });
    }
    for (const entry of entries) {
      if (matches(sub, entry) && !delivered(entry, sub.channel) && !sendText(ctx.encodeChange(entry, sub.channel))) return;
    }
    sub.fromSeq = Math.min(sub.fromSeq, seq);
  };

  const subscribe = (p: Principal, m: Subscribe) => {
    if (m.channel === 'ops' && !isAgency(p)) return sendError('channel.forbidden', 'The ops channel is for agency users');
    const tenantId = m.channel === 'ops' ? null : tenantScope(p, m.tenantId);
    if (tenantId === undefined) return sendError('tenant.not_found', `There is no tenant ${m.tenantId}`, { tenantId: m.tenantId });
    const key = `${m.channel}|${tenantId ?? '*'}`;
    if (m.type === 'unsubscribe') {
      if (m.channel === 'ops') clearInterval(opsTimer);
      subs.delete(key);
      return send({ type: 'unsubscribed', channel: m.channel, tenantId });
    }
    const existing = subs.get(key);
    if (!existing && subs.size >= ctx.limits.maxSubscriptions) {
      return sendError('subscriptions.too_many', `A connection may hold ${ctx.limits.maxSubscriptions} subscriptions; unsubscribe from one first`, { max: ctx.limits.maxSubscriptions });
    }
    const sub = existing ?? { channel: m.channel, tenantId, fromSeq: ctx.buffer.lastSeq() };
    if (!send({ type: 'subscribed', channel: m.channel, tenantId, cursor: cursorOf(ctx.buffer.lastSeq()) })) return;
    if (m.channel === 'ops') {
      if (!existing) {
        opsTimer = setInterval(guarded(sendOps), ctx.opsIntervalMs);
        sendOps();
      }
    } else if (m.since !== undefined) replay(sub, m.since);
    if (!released) subs.set(key, sub);
  };

  function onMessage(data: RawData): void {
    if (released) return;
    if (token !== undefined && !principal) return void waiting.push(data);
    if (!withinRate()) {
      sendError('rate.limited', `More than ${ctx.limits.messagesPerSecond} messages a second; this one was dropped`, { messagesPerSecond: ctx.limits.messagesPerSecond });
      if (++limitedCount >= ctx.limits.burst) close(closeCodes.flooding, `${limitedCount} messages over the rate`);
      return;
    }
    const parsed = parseMessage(data);
    if (!parsed.success) return rejectMessage('message.invalid', 'Not a message of this protocol', parsed.issues);
    const message = parsed.data;
    if (!principal) {
      if (message.type === 'hello') return void hello(message.token).catch(fail);
      return rejectMessage('hello.required', 'Send hello with your token first', null);
    }
    if (message.type === 'hello') return void sendError('hello.repeated', 'This connection has already said hello');
    if (message.type === 'ping') return void send({ type: 'pong' });
    subscribe(principal, message);
  }

  function fail(err: unknown): void {
    ctx.log.error({ err, user: principal?.id }, 'live: connection failed');
    close(1011, 'internal error');
  }

  // A throw inside a socket or timer callback would take the whole process down.
  function guarded<A extends unknown[]>(fn: (...args: A) => void) {
    return (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        fail(err);
      }
    };
  }

  socket.on('message', guarded(onMessage));
  socket.on('close', (code: number) => {
    ctx.log.debug({ user: principal?.id, code }, 'live: closed');
    release(false);
  });

  const connection: Connection = {
    deliver(entry, channels) {
      if (released || !principal) return;
      for (const channel of channels) {
        if (anySub((s) => s.channel === channel && matches(s, entry)) && !sendText(ctx.encodeChange(entry, channel))) return;
      }
    },
    subscriptions: () => subs.size,
    recheck: () => void recheck(),
    close: (code, reason) => close(code, reason),
  };
  return connection;
}
