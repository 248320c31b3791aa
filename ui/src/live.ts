// The live connection (`/api/live`, protocol in api/ws/protocol.ts): one websocket for the
// whole console, shared by every page. Pages subscribe to a channel (optionally one tenant);
// the client says hello with the token, resubscribes after a reconnect with the last cursor
// it saw for each subscription (`since`), and hands pages every change, refetch and ops
// message that concerns them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { endSession, getToken, updateUser } from './session.ts';
import type { ChangeMessage } from './liveDocs.ts';
import type { Channel, ClientMessage, ProjectionStatus, ServerMessage } from './types.ts';

export type { ChangeMessage } from './liveDocs.ts';
export type LiveState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type LiveHandler = {
  readonly onChange?: (message: ChangeMessage) => void;
  readonly onRefetch?: (reason: string) => void;
  readonly onOps?: (projections: readonly ProjectionStatus[]) => void;
};

type Subscription = {
  readonly channel: Channel;
  readonly tenantId: string | null;
  cursor: string | undefined; // the last cursor delivered to this subscription
  readonly handlers: Set<LiveHandler>;
};

const UNAUTHENTICATED = 4401;
const OFFLINE_AFTER_FAILURES = 3;
const PING_EVERY_MS = 25_000;

const subscriptions = new Map<string, Subscription>();
const stateListeners = new Set<(state: LiveState) => void>();
let socket: WebSocket | null = null;
let state: LiveState = 'offline';
let running = false;
let failures = 0;
let lastCursor: string | undefined; // the newest cursor this client has seen on any channel
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let pingTimer: ReturnType<typeof setInterval> | undefined;

const keyOf = (channel: Channel, tenantId: string | null): string => `${channel}:${tenantId ?? '*'}`;

// Cursors are `${epoch}.${seq}`; only cursors of one epoch compare.
function isAfter(cursor: string, than: string | undefined): boolean {
  if (!than) return true;
  const [epochA, seqA] = cursor.split('.');
  const [epochB, seqB] = than.split('.');
  return epochA !== epochB || Number(seqA) > Number(seqB);
}

function setState(next: LiveState): void {
  if (state === next) return;
  state = next;
  stateListeners.forEach((listener) => listener(next));
}

function send(message: ClientMessage): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function sendSubscribe(sub: Subscription): void {
  send({ type: 'subscribe', channel: sub.channel, ...(sub.tenantId ? { tenantId: sub.tenantId } : {}), ...(sub.cursor ? { since: sub.cursor } : {}) });
}

function url(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/live`;
}

function connect(): void {
  clearTimeout(retryTimer);
  const token = getToken();
  if (!running || !token) return;
  if (failures === 0) setState('connecting');
  let ws: WebSocket;
  try {
    ws = new WebSocket(url());
  } catch {
    scheduleReconnect();
    return;
  }
  socket = ws;
  ws.onopen = () => send({ type: 'hello', token });
  ws.onmessage = (event) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(event.data)) as ServerMessage;
    } catch {
      return;
    }
    receive(message);
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    clearInterval(pingTimer);
    if (event.code === UNAUTHENTICATED) {
      running = false;
      setState('offline');
      // `signed out: auth.token_revoked`: an admin took the access back (api/ws/protocol.ts).
      endSession(event.reason.endsWith('auth.token_revoked') ? 'revoked' : 'expired');
      return;
    }
    scheduleReconnect();
  };
  ws.onerror = () => {
    // onclose follows and decides what to do
  };
}

function receive(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome': {
      failures = 0;
      setState('connected');
      updateUser(message.user);
      if (!lastCursor) lastCursor = message.cursor;
      subscriptions.forEach(sendSubscribe);
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_EVERY_MS);
      return;
    }
    case 'subscribed': {
      const sub = subscriptions.get(keyOf(message.channel, message.tenantId));
      if (sub && !sub.cursor) sub.cursor = message.cursor;
      return;
    }
    case 'change': {
      if (isAfter(message.cursor, lastCursor)) lastCursor = message.cursor;
      subscriptions.forEach((sub) => {
        if (sub.channel !== message.channel) return;
        if (sub.tenantId !== null && sub.tenantId !== message.tenantId) return;
        // The same change may come once per matching subscription; each takes it once.
        if (!isAfter(message.cursor, sub.cursor)) return;
        sub.cursor = message.cursor;
        sub.handlers.forEach((h) => h.onChange?.(message));
      });
      return;
    }
    case 'refetch': {
      subscriptions.forEach((sub) => {
        if (sub.channel !== message.channel) return;
        if (message.tenantId !== null && sub.tenantId !== message.tenantId) return;
        sub.cursor = undefined; // what follows the refetch is what we know
        sub.handlers.forEach((h) => h.onRefetch?.(message.reason));
      });
      return;
    }
    case 'ops': {
      const projections = message.projections as readonly ProjectionStatus[];
      subscriptions.forEach((sub) => sub.channel === 'ops' && sub.handlers.forEach((h) => h.onOps?.(projections)));
      return;
    }
    case 'error':
      console.warn('live:', message.error, message.message);
      return;
    default:
      return;
  }
}

function scheduleReconnect(): void {
  if (!running) return;
  failures++;
  const offline = (typeof navigator !== 'undefined' && navigator.onLine === false) || failures >= OFFLINE_AFTER_FAILURES;
  setState(offline ? 'offline' : 'reconnecting');
  // 0.5 s, 1 s, 2 s, … up to 20 s, with jitter so that many consoles do not come back at once.
  const delay = Math.min(20_000, 500 * 2 ** Math.min(failures - 1, 6)) * (0.75 + Math.random() * 0.5);
  retryTimer = setTimeout(connect, delay);
}

// Starts (or keeps) the connection while someone is signed in.
export function startLive(): void {
  if (running) return;
  running = true;
  failures = 0;
  connect();
}

export function stopLive(): void {
  running = false;
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  const ws = socket;
  socket = null;
  ws?.close(1000, 'signed out');
  subscriptions.forEach((sub) => (sub.cursor = undefined));
  lastCursor = undefined;
  setState('offline');
}

window.addEventListener('online', () => {
  if (running && !socket) {
    failures = 0;
    connect();
  }
});
window.addEventListener('offline', () => {
  if (running) setState('offline');
});

export const liveState = (): LiveState => state;

export function onLiveState(listener: (state: LiveState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

// Subscribes a handler to a channel; returns the unsubscribe. One server subscription per
// (channel, tenant) however many handlers share it. A new subscription asks for what came
// after the newest cursor this client has seen, so nothing between a page's HTTP read and
// its subscription is lost (the read models' `position` guards against applying older news).
export function subscribe(channel: Channel, tenantId: string | null, handler: LiveHandler): () => void {
  const key = keyOf(channel, tenantId);
  let sub = subscriptions.get(key);
  if (!sub) {
    sub = { channel, tenantId, cursor: lastCursor, handlers: new Set() };
    subscriptions.set(key, sub);
    if (state === 'connected') sendSubscribe(sub);
  }
  sub.handlers.add(handler);
  const own = sub;
  return () => {
    own.handlers.delete(handler);
    if (own.handlers.size > 0 || subscriptions.get(key) !== own) return;
    subscriptions.delete(key);
    send({ type: 'unsubscribe', channel, ...(tenantId ? { tenantId } : {}) });
  };
}

export function useLiveState(): LiveState {
  const [current, setCurrent] = useState(state);
  useEffect(() => onLiveState(setCurrent), []);
  return current;
}

// Subscribes for as long as the component is mounted; the latest handler is always used.
export function useLive(channel: Channel | null, tenantId: string | null, handler: LiveHandler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!channel) return undefined;
    return subscribe(channel, tenantId, {
      onChange: (m) => ref.current.onChange?.(m),
      onRefetch: (r) => ref.current.onRefetch?.(r),
      onOps: (p) => ref.current.onOps?.(p),
    });
  }, [channel, tenantId]);
}
