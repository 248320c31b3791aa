// The soak's HTTP side: every request timed and counted by operation and by route, and every
// command the server acknowledged (201) remembered with the events it said it appended.
import { newCommandId } from '../../commands/eventIds.ts';
import type { Recorder } from './stats.ts';

export type Auth = Record<string, string>;

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

// A command the server answered 201: what the log must hold for its commandId.
export interface Acknowledged {
  readonly commandId: string;
  readonly type: string;
  readonly stream: string;
  readonly eventIds: readonly string[];
}

export interface SoakClient {
  readonly baseUrl: string;
  readonly acknowledged: Acknowledged[];
  // `route` is the route's pattern (what 5xx are counted by), `operation` what p50/p99 are for.
  get<T>(operation: string, route: string, path: string, auth: Auth): Promise<Answer<T> | undefined>;
  post<T>(operation: string, route: string, path: string, body: unknown, auth: Auth): Promise<Answer<T> | undefined>;
  command(auth: Auth, type: string, tenantId: string, data: Record<string, unknown>): Promise<Answer<CommandAnswer> | undefined>;
}

export type CommandAnswer = { stream?: string; position?: string; events?: { eventId: string }[]; error?: string; message?: string };

const TIMEOUT_MS = 30_000;

export function soakClient(baseUrl: string, stats: Recorder): SoakClient {
  const acknowledged: Acknowledged[] = [];
  async function send<T>(operation: string, route: string, path: string, init: RequestInit): Promise<Answer<T> | undefined> {
    const started = performance.now();
    try {
      const res = await fetch(baseUrl + path, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const text = await res.text();
      stats.record(operation, route, res.status, performance.now() - started);
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    } catch (error) {
      // No answer (a reset, a timeout): counted, never taken as an acknowledgement.
      stats.failed(operation, route, error);
      return undefined;
    }
  }
  const client: SoakClient = {
    baseUrl,
    acknowledged,
    get: (operation, route, path, auth) => send(operation, `GET ${route}`, path, { headers: auth }),
    post: (operation, route, path, body, auth) =>
      send(operation, `POST ${route}`, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...auth } }),
    async command(auth, type, tenantId, data) {
      const commandId = newCommandId();
      const answer = await client.post<CommandAnswer>(`command ${type}`, `/api/commands/${type}`, `/api/commands/${type}`, { tenantId, commandId, data }, auth);
      if (answer?.status === 201) acknowledged.push({ commandId, type, stream: answer.body.stream ?? '', eventIds: (answer.body.events ?? []).map((e) => e.eventId) });
      return answer;
    },
  };
  return client;
}
