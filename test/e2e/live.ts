// A console's websocket, for end-to-end tests: says hello with a token, records every
// message, and waits (bounded) for the one a test expects.
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../api/ws/protocol.ts';

export interface LiveClient {
  readonly messages: ServerMessage[];
  send(message: ClientMessage): void;
  next<T extends ServerMessage>(what: string, match: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  next(what: string, match: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  close(): Promise<void>;
}

export async function connectLive(baseUrl: string, token: string): Promise<LiveClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`);
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)) as ServerMessage);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client: LiveClient = {
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next(what: string, match: (m: ServerMessage) => boolean, timeoutMs = 3000) {
      let seen = 0;
      return new Promise<ServerMessage>((resolve, reject) => {
        const check = () => {
          for (; seen < messages.length; seen++) {
            const m = messages[seen]!;
            if (match(m)) {
              messages.splice(seen, 1); // consumed: a later wait for the same kind gets the next one
              done();
              return resolve(m);
            }
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 600)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  } as LiveClient;
  client.send({ type: 'hello', token });
  await client.next('welcome', (m) => m.type === 'welcome');
  return client;
}
