// The live hub behind `GET /api/live`: numbers every read-model change from the projections'
// feed, keeps the last ones for reconnects, and fans each out to the sockets allowed to see it.
// The protocol is api/ws/protocol.ts; one socket's life is api/ws/connection.ts.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { DomainError } from '../../domain/shared/errors.ts';
import type { LiveFeed } from '../../projections/runtime/liveFeed.ts';
import type { Principal } from '../auth/principal.ts';
import { openConnection, type Connection } from './connection.ts';
import { channelCollections, channels, closeCodes, type Channel, type ServerMessage } from './protocol.ts';
import { replayBuffer, type Sequenced } from './replayBuffer.ts';
import { defaultSocketLimits, type SocketLimits } from './limits.ts';

export interface HubOptions {
  feed: LiveFeed;
  // The token and the user's current access (DomainError kind 'unauthenticated'): asked at
  // hello, and again for every open socket each recheckMs, so a revoked user is signed out.
  verifyToken(token: string): Principal | DomainError | Promise<Principal | DomainError>;
  recheckMs?: number; // default 250
  limits?: SocketLimits; // default api/ws/limits.ts
  tokenExpiresAt?(token: string): number | undefined; // epoch ms; the socket is closed (4401) then
  opsStatus(): readonly unknown[]; // projection status for the ops channel
  replayBufferSize?: number; // changes kept for reconnects, default 10 000
  maxBufferedBytes?: number; // unsent bytes per socket before it is dropped as too slow, default 1 MiB
  helloTimeoutMs?: number; // default 5000
  opsIntervalMs?: number; // default 1000
}

export interface HubStats {
  connections: number;
  subscriptions: number;
  bufferSize: number;
  cursor: string;
  dropped: number; // slow clients dropped since start
}

export const maxMessageBytes = 64 * 1024;

// Which channels carry each collection, so a change is matched without scanning the table.
const channelsOf = new Map<string, Channel[]>();
for (const channel of channels) {
  for (const collection of channelCollections[channel]) channelsOf.set(collection, [...(channelsOf.get(collection) ?? []), channel]);
}

export interface Hub {
  stats(): HubStats;
  recheck(): void; // every open socket asks again now (after an access change in this process)
  close(): void;
}

export function websocketRoutes(app: FastifyInstance, options: HubOptions): Hub {
  const epoch = randomBytes(5).toString('hex');
  const buffer = replayBuffer(options.replayBufferSize ?? 10_000);
  const connections = new Set<Connection>();
  let dropped = 0;
  let closed = false;

  // A change goes to many sockets: serialize it once per channel, not once per socket.
  let encoded: { seq: number; byChannel: Map<Channel, string> } = { seq: -1, byChannel: new Map() };
  const encodeChange = (entry: Sequenced, channel: Channel): string => {
    if (encoded.seq !== entry.seq) encoded = { seq: entry.seq, byChannel: new Map() };
    const cached = encoded.byChannel.get(channel);
    if (cached !== undefined) return cached;
    const { item } = entry;
    const message: ServerMessage = {
      type: 'change',
      channel,
      cursor: `${epoch}.${entry.seq}`,
      position: item.position,
      collection: item.collection,
      id: item.id,
      tenantId: item.tenantId ?? null,
      doc: item.doc ?? null,
    };
    const text = JSON.stringify(message);
    encoded.byChannel.set(channel, text);
    return text;
  };

  const feed = options.feed.changes$.subscribe({
    next(item) {
      const entry = buffer.push(item);
      const wanted = channelsOf.get(item.collection);
      if (wanted) for (const connection of connections) connection.deliver(entry, wanted);
    },
    error(err: unknown) {
      app.log.error({ err }, 'live: the feed failed; no more changes will be pushed');
    },
  });

  const recheck = () => {
    for (const connection of connections) connection.recheck();
  };
  // Another instance may have revoked someone: each socket asks again (sessions cache ≤ 1 s).
  const recheckTimer = setInterval(recheck, options.recheckMs ?? 250);
  recheckTimer.unref();

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(recheckTimer);
    feed.unsubscribe();
    for (const connection of connections) connection.close(closeCodes.goingAway, 'server shutting down');
    app.log.info({ dropped }, 'live: hub closed');
  };
  // preClose, not only onClose: @fastify/websocket's own preClose closes every socket without
  // a code. Ours runs first only when the plugin is registered after it, as below; an app that
  // registers the plugin itself should do so with `preClose` that closes this hub.
  app.addHook('preClose', async () => close());
  app.addHook('onClose', async () => close());

  if (!app.hasDecorator('websocketServer')) app.register(fastifyWebsocket, { options: { maxPayload: maxMessageBytes } });
  app.register(async (scope) => {
    scope.get('/api/live', { websocket: true }, (socket, request) => {
      if (closed) return socket.close(closeCodes.goingAway, 'server shutting down');
      const connection = openConnection(socket, {
        verifyToken: (token) => options.verifyToken(token),
        limits: options.limits ?? defaultSocketLimits,
        tokenExpiresAt: (token) => options.tokenExpiresAt?.(token),
        opsStatus: () => options.opsStatus(),
        maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
        helloTimeoutMs: options.helloTimeoutMs ?? 5000,
        opsIntervalMs: options.opsIntervalMs ?? 1000,
        epoch,
        buffer,
        log: request.log,
        encodeChange,
        released(released, slow) {
          connections.delete(released);
          if (slow) dropped++;
        },
      });
      connections.add(connection);
    });
  });

  return {
    stats: () => ({
      connections: connections.size,
      subscriptions: [...connections].reduce((n, c) => n + c.subscriptions(), 0),
      bufferSize: buffer.size(),
      cursor: `${epoch}.${buffer.lastSeq()}`,
      dropped,
    }),
    recheck,
    close,
  };
}
