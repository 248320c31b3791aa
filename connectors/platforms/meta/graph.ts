// The Graph API as the adapter uses it: the SDK's FacebookAdsApi for transport (its base URL,
// version, access token, error class and header exposure), plus usage-header throttling,
// retries and error values. Nothing here logs or keeps a URL: the SDK puts the token in it.
import { createHmac } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import type { PlatformError, PlatformOutcome } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { graphError, thrownError, type GraphErrorBody } from './errors.ts';
import { usageGate, type Headers, type Usage } from './usage.ts';

export type Json = Record<string, unknown>;

export interface GraphOptions {
  readonly accessToken: string;
  readonly appSecret?: string;
  readonly retryDelaysMs: readonly number[]; // one retry per entry
  readonly usageThresholdPercent: number;
  readonly slowdownMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

// One operation of a batch request (developers.facebook.com/docs/graph-api/batch-requests).
export interface BatchOp {
  readonly method: 'POST';
  readonly relative_url: string;
  readonly name: string;
  readonly body: string; // form-encoded; may hold {result=<name>:$.id} references
  readonly omit_response_on_success: false;
}

export interface Graph {
  get(path: readonly string[], params?: Json): Promise<PlatformOutcome<Json>>;
  all(path: readonly string[], params?: Json): Promise<PlatformOutcome<Json[]>>;
  // An update is idempotent (the same fields again), so any retryable failure is retried.
  update(path: readonly string[], params: Json): Promise<PlatformOutcome<Json>>;
  // A create is retried only when Meta refused it for rate; a lost answer may mean it was done.
  create(path: readonly string[], params: Json): Promise<PlatformOutcome<Json>>;
  batch(ops: readonly BatchOp[]): Promise<PlatformOutcome<readonly PlatformOutcome<Json>[]>>;
  usage(): Usage | undefined;
}

type Kind = 'read' | 'update' | 'create';

export const defaultSleep = (ms: number): Promise<void> => sleepFor(ms).then(() => undefined);

export function openGraph(options: GraphOptions): Graph {
  // crash_log=false: the default installs a process-wide handler that posts crash reports to Meta.
  const api = new FacebookAdsApi(options.accessToken, 'en_US', false).setShowHeader(true);
  const gate = usageGate({ thresholdPercent: options.usageThresholdPercent, slowdownMs: options.slowdownMs, now: options.now });
  const proof = options.appSecret ? { appsecret_proof: createHmac('sha256', options.appSecret).update(options.accessToken).digest('hex') } : {};
  const maxDelay = Math.max(0, ...options.retryDelaysMs);

  async function once(method: 'GET' | 'POST', path: readonly string[] | string, params: Json): Promise<PlatformOutcome<Json>> {
    const gated = gate.before();
    if ('blockedMs' in gated) return failed(platformError('platform.rate_limited', 'Meta said access returns later; not calling before then', { retryAfterMs: gated.blockedMs }));
    if (gated.waitMs > 0) await options.sleep(gated.waitMs);
    try {
      const answer = (await api.call(method, path, typeof path === 'string' ? {} : { ...params, ...proof })) as Json | Json[];
      const { headers, ...rest } = answer as Json;
      gate.after(headers as Headers | undefined);
      return ok(Array.isArray(answer) ? ({ items: answer } as Json) : rest);
    } catch (error) {
      gate.after((error as { headers?: Headers } | null)?.headers ?? undefined);
      return failed(thrownError(error));
    }
  }

  async function call(kind: Kind, method: 'GET' | 'POST', path: readonly string[] | string, params: Json = {}): Promise<PlatformOutcome<Json>> {
    let outcome = await once(method, path, params);
    for (const delay of options.retryDelaysMs) {
      if (outcome.ok || !retryable(kind, outcome.error, maxDelay)) return outcome;
      await options.sleep(Math.max(delay, outcome.error.retryAfterMs ?? 0));
      outcome = await once(method, path, params);
    }
    return outcome;
  }

  return {
    get: (path, params) => call('read', 'GET', path, params),
    update: (path, params) => call('update', 'POST', path, params),
    create: (path, params) => call('create', 'POST', path, params),
    async all(path, params) {
      const rows: Json[] = [];
      let page = await call('read', 'GET', path, params);
      for (;;) {
        if (!page.ok) return page;
        rows.push(...((page.value.data as Json[] | undefined) ?? []));
        const next = (page.value.paging as { next?: unknown } | undefined)?.next;
        if (typeof next !== 'string') return ok(rows);
        page = await call('read', 'GET', next); // Meta's absolute URL, followed as given
      }
    },
    async batch(ops) {
      const answer = await call('create', 'POST', [''], { batch: JSON.stringify(ops), include_headers: false });
      if (!answer.ok) return answer;
      const items = (answer.value.items as ({ code?: number; body?: string } | null)[] | undefined) ?? [];
      return ok(ops.map((_, i) => batchItem(items[i] ?? null)));
    },
    usage: () => gate.last(),
  };
}

function retryable(kind: Kind, error: PlatformError, maxDelay: number): boolean {
  if (!error.retryable) return false;
  if (error.code === 'platform.rate_limited') return (error.retryAfterMs ?? 0) <= maxDelay; // longer waits go back to the caller's limiter
  return kind !== 'create';
}

function batchItem(item: { code?: number; body?: string } | null): PlatformOutcome<Json> {
  if (item === null) return failed(platformError('platform.unavailable', 'Meta did not run this part of the batch (a part it depends on failed or timed out)'));
  let body: { error?: GraphErrorBody } & Json;
  try {
    body = JSON.parse(item.body ?? 'null') as typeof body;
  } catch {
    return failed(platformError('platform.unavailable', 'Meta answered a batch part with something that is not JSON'));
  }
  if ((item.code ?? 500) < 300 && body && !body.error) return ok(body);
  return failed(body?.error ? graphError(body.error, undefined, item.code ?? null) : platformError('platform.unavailable', `Meta answered a batch part with HTTP ${item.code}`));
}
