// The console's HTTP client: bearer token, JSON errors as ApiError, commands with their own
// commandId, and read-your-writes (`?after=` the position of the last command sent).
import { endSession, getToken } from './session.ts';
import type {
  ApprovalItemDoc,
  CampaignDoc,
  AuditEntryDoc,
  CommandResult,
  DiffResult,
  LaunchDoc,
  LoginResult,
  OpsStatus,
  Page,
  PlanDoc,
  PlanVersionDoc,
  StreamState,
  TenantDoc,
  User,
} from './types.ts';
import type { Aggregated, AnomaliesAnswer, CampaignsAnswer, FunnelAnswer, KpiAnswer, PacingAnswer, TenantSummary } from './performance.ts';

// Thrown for every answer that is not a 2xx, and when the server cannot be reached (status 0).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

// The position of the newest command this tab sent and has not yet read past.
let pendingWrite: bigint | undefined;

function rememberWrite(position: unknown): void {
  if (typeof position !== 'string' && typeof position !== 'number') return;
  try {
    const value = BigInt(position);
    if (pendingWrite === undefined || value > pendingWrite) pendingWrite = value;
  } catch {
    // not a position: nothing to wait for
  }
}

export const lastWritePosition = (): string | undefined => (pendingWrite === undefined ? undefined : String(pendingWrite));

type Query = Record<string, string | number | undefined | null>;
type Options = { readonly method?: 'GET' | 'POST' | 'DELETE'; readonly query?: Query; readonly body?: unknown; readonly readModel?: boolean; readonly signal?: AbortSignal; readonly text?: boolean };

export async function request<T>(path: string, options: Options = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  // Read models wait (bounded) for our own last write, so a page never shows the world
  // from before the user's click.
  const after = options.readModel ? pendingWrite : undefined;
  if (after !== undefined && !params.has('after')) params.set('after', String(after));
  const url = params.size > 0 ? `${path}?${params}` : path;

  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The adledger server cannot be reached. Check your connection, or that the server is running.');
  }

  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const e = (body ?? {}) as { error?: unknown; message?: unknown; details?: unknown };
    const code = typeof e.error === 'string' ? e.error : `http.${response.status}`;
    const message = typeof e.message === 'string' ? e.message : `The server answered ${response.status} ${response.statusText}`.trim();
    if (response.status === 401 && token) endSession(code === 'auth.token_revoked' ? 'revoked' : 'expired');
    throw new ApiError(response.status, code, message, e.details ?? null);
  }
  // Once a read has passed our write, every later read has too.
  if (after !== undefined && pendingWrite === after) pendingWrite = undefined;
  return (options.text ? text : body) as T; // text: answers that are not one JSON document (JSON lines)
}

// --- auth
export const login = (code: string) => request<LoginResult>('/api/auth/login', { method: 'POST', body: { code } });
export const me = () => request<User>('/api/auth/me');

// --- users (agency admins: everyone; client admins: their own tenant's people)
export type DirectoryUser = { readonly id: string; readonly name: string; readonly role: User['role']; readonly tenantId: string | null; readonly disabled: boolean; readonly createdAt: string };
export type IssuedLink = { readonly userId: string; readonly link: string; readonly expiresAt: string };
const userPath = (id: string, action = '') => `/api/users/${encodeURIComponent(id)}${action}`;
export const fetchUsers = () => request<{ users: DirectoryUser[] }>('/api/users');
export const addUser = (user: { id: string; name: string; role: User['role']; tenantId?: string | null }) => request<{ user: DirectoryUser }>('/api/users', { method: 'POST', body: user });
export const issueLink = (id: string) => request<IssuedLink>(userPath(id, '/login-link'), { method: 'POST', body: {} });
export const setUserDisabled = (id: string, disabled: boolean) => request<DirectoryUser>(userPath(id, disabled ? '/disable' : '/enable'), { method: 'POST', body: {} });
export const changeUserRole = (id: string, role: User['role']) => request<DirectoryUser>(userPath(id, '/role'), { method: 'POST', body: { role } });
export const removeUser = (id: string) => request<{ removed: string }>(userPath(id), { method: 'DELETE' });

// --- commands
// One commandId per user action: a retry of the same action sends the same id, and the
// server answers it once.
export const newCommandId = (): string =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export async function sendCommand(type: string, tenantId: string, data: Record<string, unknown>, commandId: string): Promise<CommandResult> {
  try {
    const result = await request<CommandResult>(`/api/commands/${encodeURIComponent(type)}`, { method: 'POST', body: { tenantId, commandId, data } });
    rememberWrite(result.position);
    return result;
  } catch (error) {
    // A blocked launch is still an event in the log: read past it too.
    if (isApiError(error) && error.details && typeof error.details === 'object') rememberWrite((error.details as { position?: unknown }).position);
    throw error;
  }
}

// --- queries
const enc = encodeURIComponent;
type ListQuery = { tenantId?: string | null; cursor?: string; limit?: number };
const read = <T>(path: string, query?: Query) => request<T>(path, { readModel: true, ...(query ? { query } : {}) });

export const fetchTenants = (q: ListQuery = {}) => read<Page<TenantDoc>>('/api/tenants', { limit: 500, ...q });
export const fetchTenant = (tenantId: string) => read<TenantDoc>(`/api/tenants/${enc(tenantId)}`);
export const fetchApprovals = (q: ListQuery & { kind?: string } = {}) => read<Page<ApprovalItemDoc>>('/api/approvals', { limit: 500, ...q });
export const fetchPlans = (q: ListQuery & { status?: string } = {}) => read<Page<PlanDoc>>('/api/plans', { limit: 200, ...q });
export const fetchPlan = (tenantId: string, planId: string) => read<PlanDoc>(`/api/plans/${enc(tenantId)}/${enc(planId)}`);
export const fetchVersions = (tenantId: string, planId: string) =>
  read<Page<PlanVersionDoc>>(`/api/plans/${enc(tenantId)}/${enc(planId)}/versions`, { limit: 500 });
export const fetchVersion = (tenantId: string, planId: string, version: number) =>
  read<PlanVersionDoc>(`/api/plans/${enc(tenantId)}/${enc(planId)}/versions/${version}`);
export const fetchDiff = (tenantId: string, planId: string, from: number, to: number) =>
  read<DiffResult>(`/api/plans/${enc(tenantId)}/${enc(planId)}/diff`, { from, to });
export const fetchLaunches = (q: ListQuery & { status?: string } = {}) => read<Page<LaunchDoc>>('/api/launches', { limit: 200, ...q });
export const fetchLaunch = (tenantId: string, planId: string, version: number) =>
  read<LaunchDoc>(`/api/launches/${enc(tenantId)}/${enc(planId)}/${version}`);
export const fetchCampaigns = (tenantId: string, q: { cursor?: string } = {}) =>
  read<Page<CampaignDoc>>(`/api/tenants/${enc(tenantId)}/campaigns`, { limit: 500, ...q });
export const fetchAudit = (q: ListQuery & { actorId?: string; type?: string } = {}) => read<Page<AuditEntryDoc>>('/api/audit/timeline', { limit: 50, ...q });

export const fetchStreamState = (stream: string, asOf?: string) =>
  request<StreamState>(`/api/streams/${enc(stream)}/state`, asOf ? { query: { asOf } } : {});
// A tenant's history as the JSON-lines file `adledger audit verify --file` checks offline.
export const fetchHistoryExport = (tenantId: string) => request<string>('/api/audit/export', { query: { tenantId }, text: true });
export const fetchOps = () => request<OpsStatus>('/api/ops/projections');
export const startRebuild = (name: string) => request<unknown>(`/api/ops/projections/${enc(name)}/rebuild`, { method: 'POST', body: {} });

// --- performance (the reporting warehouse; computed on read, not read models)
const perf = (tenantId: string, what: string) => `/api/tenants/${enc(tenantId)}/performance/${what}`;
type PerfQuery = { from: string; to: string; platform?: string | null };
export const fetchKpis = (tenantId: string, q: PerfQuery) => request<KpiAnswer>(perf(tenantId, 'kpis'), { query: q });
export const fetchAggregated = (tenantId: string, q: PerfQuery) => request<Aggregated>(perf(tenantId, 'aggregated'), { query: q });
export const fetchPerfCampaigns = (tenantId: string, q: PerfQuery & { limit?: number }) => request<CampaignsAnswer>(perf(tenantId, 'campaigns'), { query: q });
export const fetchPacing = (tenantId: string) => request<PacingAnswer>(perf(tenantId, 'pacing'));
export const fetchFunnel = (tenantId: string, q: PerfQuery) => request<FunnelAnswer>(perf(tenantId, 'funnel'), { query: q });
export const fetchAnomalies = (tenantId: string, q: { from: string; to: string; includeUnsettled: boolean }) =>
  request<AnomaliesAnswer>(perf(tenantId, 'anomalies'), { query: { from: q.from, to: q.to, includeUnsettled: String(q.includeUnsettled) } });
export const fetchPerformanceTenants = () => request<{ tenants: readonly TenantSummary[] }>('/api/performance/tenants');
export const syncPerformance = (tenantId: string, range: { from: string; to: string }) =>
  request<{ accounts: readonly { error?: { code: string; message: string }; days?: number; recorded?: number; restated?: number; unchanged?: number }[] }>(perf(tenantId, 'sync'), { method: 'POST', body: range });
export const analysePerformance = (tenantId: string, body: { days?: number } = {}) =>
  request<{ findings: readonly unknown[]; raised: readonly string[] }>(perf(tenantId, 'analyse'), { method: 'POST', body });
