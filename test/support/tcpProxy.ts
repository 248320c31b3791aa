// A TCP proxy a test controls, between the product and a server it depends on (FerretDB, the
// BigQuery emulator): `cut()` drops every open connection and refuses new ones, as a network
// partition or a dead server would look to the client; `restore()` lets connections through
// again.
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  readonly connections: () => number; // open client connections now
  readonly accepted: () => number; // every connection let through so far
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  let isCut = false;
  const server = createServer((client) => {
    // While cut, a new connection is reset at once: the client sees ECONNRESET, never a hang.
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    accepted++;
    const upstream = createConnection(target);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => [...open].length / 2,
    accepted: () => accepted,
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
