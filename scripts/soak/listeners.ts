// Websocket listeners connected for the whole soak, as consoles would be: each says hello,
// subscribes to every channel for every tenant, and only counts what it receives (it keeps
// no messages, so a long soak does not grow this process).
import WebSocket from 'ws';
import { channels, type ServerMessage } from '../../api/ws/protocol.ts';

export interface ListenerFigures {
  readonly listeners: number;
  readonly changes: number; // change messages, all listeners together
  readonly byChannel: Record<string, number>;
  readonly refetches: number;
  readonly errors: number; // protocol error messages
  readonly unexpectedCloses: readonly string[]; // closes before the soak ended them
}

export interface Listeners {
  figures(): ListenerFigures;
  close(): Promise<void>;
}

export async function connectListeners(baseUrl: string, token: string, count: number): Promise<Listeners> {
  const byChannel: Record<string, number> = {};
  let changes = 0;
  let refetches = 0;
  let errors = 0;
  const unexpectedCloses: string[] = [];
  let closing = false;
  const sockets = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const subscribed = new Promise<void>((resolve, reject) => {
        let pending = channels.length;
        const timer = setTimeout(() => reject(new Error(`listener ${i}: not subscribed to every channel within 10 s`)), 10_000);
        socket.on('message', (raw) => {
          const message = JSON.parse(String(raw)) as ServerMessage;
          if (message.type === 'welcome') for (const channel of channels) socket.send(JSON.stringify({ type: 'subscribe', channel }));
          else if (message.type === 'subscribed' && --pending === 0) {
            clearTimeout(timer);
            resolve();
          } else if (message.type === 'change') {
            changes++;
            byChannel[message.channel] = (byChannel[message.channel] ?? 0) + 1;
          } else if (message.type === 'refetch') refetches++;
          else if (message.type === 'error') errors++;
        });
      });
      socket.on('close', (code, reason) => {
        if (!closing) unexpectedCloses.push(`listener ${i}: ${code} ${String(reason)}`);
      });
      socket.send(JSON.stringify({ type: 'hello', token }));
      await subscribed;
      return socket;
    }),
  );
  return {
    figures: () => ({ listeners: count, changes, byChannel: { ...byChannel }, refetches, errors, unexpectedCloses: [...unexpectedCloses] }),
    async close() {
      closing = true;
      await Promise.all(
        sockets.map((socket) =>
          socket.readyState === WebSocket.CLOSED
            ? undefined
            : new Promise<void>((resolve) => {
                socket.once('close', () => resolve());
                socket.close();
              }),
        ),
      );
    },
  };
}
