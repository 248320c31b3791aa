// Helpers for the HTTP end-to-end suites: a real server (buildServer) on a temp SQLite
// file, driven through app.inject(), and the assertions every refusal shares.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../api/server.ts';
import { tokenSigner } from '../../api/auth/tokens.ts';
import { openSqliteUserDirectory } from '../../api/auth/sqliteUsers.ts';
import type { Sessions } from '../../api/auth/sessions.ts';
import type { UserDirectory } from '../../api/auth/users.ts';
import type { UserRole } from '../../domain/shared/roles.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { liveFeed, type LiveFeed } from '../../projections/runtime/liveFeed.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import type { DeclaredRoute } from '../../api/http/route.ts';
import type { RateLimiterStatus } from '../../connectors/platforms/rateLimiter.ts';
import type { PlatformAccess } from '../../commands/processes/performMutation.ts';
import { admin, approver, lineItem, M, planner } from '../support/harness.ts';
import type { CredentialVault } from '../../connectors/credentials/port.ts';
import { openVault } from '../../api/openVault.ts';
import { openAudit } from '../../api/openAudit.ts';
import { loadConfig } from '../../api/config.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';

export interface Api {
  readonly dir: string;
  readonly store: EventStore;
  readonly app: FastifyInstance;
  readonly routes: readonly DeclaredRoute[];
  readonly feed?: LiveFeed; // with the read side
  readonly vault?: CredentialVault; // with the platform-credentials routes
  readonly users: UserDirectory;
  get(actor: Actor | undefined, url: string, tenantId?: string): Promise<LightMyRequestResponse>;
  command(actor: Actor | undefined, type: string, body: unknown): Promise<LightMyRequestResponse>;
  head(): Promise<bigint>;
  listen(): Promise<string>; // a real port, for websocket clients
  stopProjections(): Promise<void>;
  close(): Promise<void>;
}

// One key for every test server in this process: a token minted here is valid on each.
export const testSigner = tokenSigner(randomBytes(32));

// Most suites sign tokens for actors who are in no directory (the same id in several tenants,
// even): their servers take a valid signature as the user's current access. The access
// suites open the server with `directory: true`, where every request asks the directory.
const signatureOnly: Sessions = { authenticate: async (token) => testSigner.verify(token), forget: () => {} };

// A signed token for a test actor: agency roles see every tenant, client roles one (`acme`
// unless told otherwise).
export function tokenFor(actor: Actor, tenantId = 'acme'): string {
  if (actor.role === 'system') throw new Error('system actors do not sign in');
  const role: UserRole = actor.role;
  return testSigner.sign({ id: actor.id, name: actor.id, role, tenantId: role.startsWith('client-') ? tenantId : null }).token;
}

export const actorHeaders = (actor: Actor | undefined, tenantId?: string): Record<string, string> =>
  actor ? { authorization: `Bearer ${tokenFor(actor, tenantId)}` } : {};

// The API alone, or (`readSide`) with every projection running live into a SQLite document
// store and the websocket hub on the live feed, as `npm start` runs it. `vault` opens the
// credential vault in the temp DATA_DIR (key file and all), as `npm start` does; `log`
// receives every line the server's pino logger writes (at trace level); `rateLimits` serves
// GET /api/rate-limits from that limiter status; `warehouse` serves the reporting reads
// (GET …/performance/…) from it, loaded by the test.
export async function openApi(options: { readSide?: boolean; vault?: boolean; audit?: boolean; log?: (line: string) => void; rateLimits?: () => RateLimiterStatus; platforms?: PlatformAccess; warehouse?: WarehouseReader; directory?: boolean } = {}): Promise<Api> {
  const dir = mkdtempSync(join(tmpdir(), 'adledger-e2e-api-'));
  const store = openSqliteEventStore(join(dir, 'events.db'));
  const users = openSqliteUserDirectory(join(dir, 'auth.db'));
  const docs = options.readSide ? await openSqliteDocumentStore(join(dir, 'readmodels.db')) : undefined;
  const feed = docs ? liveFeed() : undefined;
  const daemon = docs ? projectionDaemon({ events: store, docs, projections: allProjections, feed, holder: 'e2e' }) : undefined;
  const readSide = docs && daemon && feed ? { docs, daemon, feed, collections: allProjections.map((p) => p.name) } : undefined;
  const vault = options.vault ? (await openVault(loadConfig({ DATA_DIR: dir }))).vault : undefined;
  const audit = options.audit ? await openAudit(loadConfig({ DATA_DIR: dir }), store) : undefined; // keys and anchors in the temp DATA_DIR, as npm start
  const log = options.log;
  const logger = log ? { level: 'trace', stream: { write: (line: string) => log(line) } } : undefined;
  const { app, routes } = buildServer({ store, auth: { signer: testSigner, users, ...(options.directory ? {} : { sessions: signatureOnly }) }, ...(readSide ? { readSide } : {}), ...(vault ? { vault } : {}), ...(audit ? { audit } : {}), ...(logger ? { logger } : {}), ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}), ...(options.platforms ? { platforms: options.platforms } : {}), ...(options.warehouse ? { warehouse: options.warehouse } : {}) });
  await daemon?.start();
  await app.ready();
  return {
    dir,
    store,
    app,
    routes,
    users,
    ...(feed ? { feed } : {}),
    ...(vault ? { vault } : {}),
    command: (actor, type, body) =>
      app.inject({ method: 'POST', url: `/api/commands/${type}`, headers: actorHeaders(actor), payload: body as object }),
    get: (actor, url, tenantId) => app.inject({ method: 'GET', url, headers: actorHeaders(actor, tenantId) }),
    head: () => store.headPosition(),
    listen: () => app.listen({ port: 0, host: '127.0.0.1' }),
    stopProjections: async () => daemon?.stop(),
    async close() {
      await app.close();
      await daemon?.stop();
      await docs?.close();
      await vault?.close();
      await audit?.anchors.close();
      await users.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Step = readonly [Actor, string, Record<string, unknown>];

// Tenant `acme` with google_ads linked and tracking green; plan `winter` with one line item.
export const tenantSteps: readonly Step[] = [
  [admin, 'tenant.create', { name: 'Acme', currency: 'EUR', timezone: 'Europe/Istanbul' }],
  [admin, 'tenant.link_platform_account', { platform: 'google_ads', accountId: '111-222-3333', accountName: 'Acme Google' }],
  [admin, 'tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
];
export const planSteps: readonly Step[] = [
  [planner, 'plan.create', { planId: 'winter', name: 'Winter', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 10_000 * M }],
  [planner, 'plan.add_line_item', { planId: 'winter', ...lineItem('search') }],
  [planner, 'plan.submit_version', { planId: 'winter' }],
];
export const approveStep: Step = [approver, 'plan.approve_version', { planId: 'winter', version: 1, comment: 'ok for Q4' }];

// Sends each step and insists on a 201, so a broken seed fails loudly where it breaks.
export async function send(api: Api, steps: readonly Step[], tenantId = 'acme'): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [actor, type, data] of steps) {
    const res = await api.command(actor, type, { tenantId, data });
    assert.is(res.statusCode, 201, `${type}: ${res.body}`);
    out.push(res.json());
  }
  return out;
}

// Every refusal: the status, the {error, message, details} shape, the code.
export function assertError(res: LightMyRequestResponse, status: number, code?: string): { error: string; message: string; details: unknown } {
  assert.is(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const body = res.json() as { error: string; message: string; details: unknown };
  assert.equal(Object.keys(body).sort(), ['details', 'error', 'message']);
  assert.type(body.error, 'string');
  assert.ok(body.message.length > 0, 'message is a sentence for a person');
  if (code !== undefined) assert.is(body.error, code);
  return body;
}

// Runs `act` and asserts the log did not grow while it ran.
export async function withoutAppending<T>(api: Api, act: () => Promise<T>): Promise<T> {
  const before = await api.head();
  const result = await act();
  assert.is(await api.head(), before, 'the log grew');
  return result;
}
