// The database server's clock, as seen from here: lease expiry must be judged by one clock,
// not by the clocks of the hosts that hold leases. Read from `hello`'s localTime (MongoDB and
// FerretDB both send it) with the round trip halved, kept for a minute; a server that sends
// none leaves this process's own clock, and says so (`source`).
import type { Db } from 'mongodb';

export interface ServerClock {
  now(): Promise<number>; // milliseconds since the epoch, on the server's clock
  readonly source: () => 'server' | 'client' | 'unknown';
}

const REMEASURE_MS = 60_000;

export function serverClock(db: Db, local: () => number = Date.now): ServerClock {
  let offset: number | undefined;
  let measuredAt = -Infinity;
  let source: 'server' | 'client' | 'unknown' = 'unknown';
  const measure = async (): Promise<void> => {
    const sent = local();
    const reply = await db.command({ hello: 1 });
    const received = local();
    const serverTime = reply.localTime instanceof Date ? reply.localTime.getTime() : undefined;
    offset = serverTime === undefined ? 0 : serverTime - (sent + received) / 2;
    source = serverTime === undefined ? 'client' : 'server';
    measuredAt = received;
  };
  return {
    async now() {
      if (offset === undefined || local() - measuredAt > REMEASURE_MS) await measure();
      return local() + offset!;
    },
    source: () => source,
  };
}
