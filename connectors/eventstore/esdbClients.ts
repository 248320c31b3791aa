// Which EventStoreDB connections the adapter holds, and which servers it accepts.
//
// Leader: v6.2.1 takes `requiresLeader` per call, but a call that lands on a follower fails
// with NotLeader and moves the whole client to the leader, so one client cannot serve both
// "read on the preferred node" and "read what I just wrote". When the connection string
// prefers another node, writes and the reads that decide on them (stream reads, the head)
// get a client of their own that prefers the leader; $all reads and subscriptions keep the
// configured preference.
//
// Positions: servers before 22.6 leave the $all position out of stream reads (the client
// then shows u64::MAX), so a loaded stream would carry no position to answer with; such a
// server is refused at start-up rather than answering -1 on every command.
import { EventStoreDBClient } from '@eventstore/db-client';

export interface EsdbClients {
  readonly leader: EventStoreDBClient; // appends, stream reads, head reads
  readonly preferred: EventStoreDBClient; // $all reads and subscriptions (may be `leader`)
  dispose(): Promise<void>;
}

const MIN_VERSION = [22, 6] as const;

// The connection string with its node preference turned to the leader, or undefined when it
// already goes to the leader (no preference given means leader in v6.2.1).
export function leaderConnectionString(connectionString: string): string | undefined {
  const query = connectionString.indexOf('?');
  if (query < 0) return undefined;
  const params = connectionString.slice(query + 1).split('&');
  const preferences = params.filter((p) => /^\s*nodepreference\s*=/i.test(p));
  if (preferences.every((p) => /=\s*leader\s*$/i.test(p))) return undefined;
  const leader = params.map((p) => (preferences.includes(p) ? 'nodePreference=leader' : p));
  return `${connectionString.slice(0, query + 1)}${leader.join('&')}`;
}

// The sentence start-up fails with, or undefined for a server that reports stream-read
// positions. "unknown" is what the client reports for servers before 21.10, which have no
// server-features call at all.
export function serverVersionProblem(version: string): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  const [needMajor, needMinor] = MIN_VERSION;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `EventStoreDB ${version} is too old: adledger needs ${needMajor}.${needMinor} or newer, which gives the $all position of events read from a stream (ESDB_URL)`;
}

// The client keeps the server's features behind a protected getter; its version is the
// only way to tell an old server before a command would show it.
const serverVersion = async (client: EventStoreDBClient): Promise<string> =>
  (await (client as unknown as { readonly capabilities: Promise<{ readonly serverVersion: string }> }).capabilities).serverVersion;

export async function openEsdbClients(connectionString: string): Promise<EsdbClients> {
  const preferred = EventStoreDBClient.connectionString(connectionString);
  const leaderString = leaderConnectionString(connectionString);
  const leader = leaderString === undefined ? preferred : EventStoreDBClient.connectionString(leaderString);
  const clients: EsdbClients = {
    leader,
    preferred,
    dispose: async () => {
      await Promise.all([...new Set([leader, preferred])].map((c) => c.dispose()));
    },
  };
  try {
    const problem = serverVersionProblem(await serverVersion(leader));
    if (problem) throw new Error(problem);
  } catch (error) {
    await clients.dispose();
    throw error;
  }
  return clients;
}
