// Helpers for the access suites: people in the directory of an `openApi({ directory: true })`
// server, their tokens, and a raw websocket that reports how it was closed.
import WebSocket from 'ws';
import type { LightMyRequestResponse } from 'fastify';
import * as assert from 'uvu/assert';
import type { NewUser } from '../../api/auth/users.ts';
import type { ServerMessage } from '../../api/ws/protocol.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { testSigner, type Api } from './http.ts';

export const ada: NewUser = { id: 'ada', name: 'Ada Agency', role: 'agency-admin', tenantId: null };
export const ben: NewUser = { id: 'ben.client', name: 'Ben Client', role: 'client-admin', tenantId: 'acme' };
export const vic: NewUser = { id: 'vic', name: 'Vic Viewer', role: 'client-viewer', tenantId: 'acme' };
export const cat: NewUser = { id: 'cat', name: 'Cat Beta', role: 'client-admin', tenantId: 'beta' };

// A token for the user as the directory has them now (what a login would sign), or as it
// was `versionsAgo` changes back.
export async function tokenOf(api: Api, id: string, versionsAgo = 0): Promise<string> {
  const user = await api.users.get(id);
  if (!user) throw new Error(`no user ${id}`);
  return testSigner.sign({ id: user.id, name: user.name, role: user.role, tenantId: user.tenantId }, undefined, user.tokenVersion - versionsAgo).token;
}

export const as = (token: string) => ({ authorization: `Bearer ${token}` });

export async function call(api: Api, token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> {
  return api.app.inject({ method, url, headers: as(token), ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}) });
}

// A login link's code, as the directory issues it (bypassing the audited route, for set-up).
export async function codeFor(api: Api, id: string): Promise<string> {
  const issued = await api.users.issueLoginCode(id, 60_000);
  if (isDomainError(issued)) throw new Error(issued.message);
  return issued.code;
}

export const login = (api: Api, code: string) => api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { code } });
export const codeOfLink = (res: LightMyRequestResponse): string => /#code=([A-Za-z0-9_-]+)$/.exec((res.json() as { link: string }).link)![1]!;

export interface RawSocket {
  readonly messages: ServerMessage[];
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string; at: number }>;
  close(): void;
}

// Says hello and waits for the welcome.
export async function openSocket(base: string, token: string): Promise<RawSocket> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/live`);
  const messages: ServerMessage[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse(String(raw)) as ServerMessage));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', token }));
  await waitFor('welcome', () => messages.some((m) => m.type === 'welcome'));
  return { messages, send: (m) => socket.send(JSON.stringify(m)), closed, close: () => socket.close() };
}

export async function waitFor(what: string, done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.unreachable(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
