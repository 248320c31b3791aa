// Helpers for the storage-fault suites: a signed-in admin on a real `npm start` process,
// commands sent with their status and headers, and the checks that no acknowledged command
// was lost or doubled.
import * as assert from 'uvu/assert';
import type { Product } from './processes.ts';

export interface Sent {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { error?: string; message?: string; details?: unknown; stream?: string; commandId?: string };
  readonly text: string;
  readonly ms: number;
}

export async function signIn(product: Product): Promise<Record<string, string>> {
  // Printed once the first admin is in the directory, which may be just after /health answers
  // (a MongoDB user directory with MONGO_URL).
  const linkIn = () => /\/login#code=([A-Za-z0-9_-]+)/.exec(product.stdout())?.[1];
  for (let waited = 0; !linkIn() && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  const code = linkIn();
  assert.ok(code, 'the first start printed a login link');
  const login = await product.post<{ token: string }>('/api/auth/login', { code });
  assert.is(login.status, 200, JSON.stringify(login.body));
  return { authorization: `Bearer ${login.body.token}` };
}

export async function command(product: Product, auth: Record<string, string>, type: string, body: unknown, timeoutMs = 10_000): Promise<Sent> {
  const started = performance.now();
  const res = await fetch(`${product.url}/api/commands/${type}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...auth },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: JSON.parse(text) as Sent['body'], text, ms: performance.now() - started };
}

export const createTenant = (product: Product, auth: Record<string, string>, tenantId: string, commandId: string) =>
  command(product, auth, 'tenant.create', { tenantId, commandId, data: { name: `Tenant ${tenantId}`, currency: 'EUR', timezone: 'Europe/Istanbul' } });

// A 503 as callers must see it: store.unavailable naming the port, Retry-After, no driver text.
export function assertUnavailable(sent: Sent, port: string): void {
  assert.is(sent.status, 503, sent.text);
  assert.is(sent.body.error, 'store.unavailable', sent.text);
  assert.ok(sent.retryAfter !== null && Number(sent.retryAfter) > 0, `Retry-After: ${sent.retryAfter}`);
  assert.equal(sent.body.details, { port });
  assert.not.match(sent.text, /SQLITE|sqlite|disk I\/O|database is|no space/i, 'no driver text in the body');
}

export async function timed(product: Product, path: string): Promise<{ status: number; ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(product.url + path, { signal: AbortSignal.timeout(10_000) });
  const body: unknown = await res.json();
  return { status: res.status, ms: performance.now() - started, body };
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type History = { events: { type: string; revision: string; metadata: { commandId?: string } }[] };

// Every acknowledged command is in its stream exactly once, revisions run 0..n-1, and the
// hash chains verify.
export async function assertLogIntact(product: Product, auth: Record<string, string>, acknowledged: ReadonlyMap<string, string>): Promise<void> {
  for (const [commandId, stream] of acknowledged) {
    const { status, body } = await product.get<History>(`/api/streams/${stream}/history?limit=1000`, auth);
    assert.is(status, 200, `${stream}: ${JSON.stringify(body)}`);
    assert.equal(body.events.map((e) => e.revision), body.events.map((_, i) => String(i)), `${stream}: contiguous revisions`);
    assert.is(body.events.filter((e) => e.metadata.commandId === commandId).length, 1, `${commandId} is in ${stream} exactly once`);
  }
  const verify = await product.get<{ ok: boolean; breaks: unknown[] }>('/api/audit/verify', auth);
  assert.is(verify.status, 200);
  assert.ok(verify.body.ok, `hash chains: ${JSON.stringify(verify.body.breaks)}`);
}
