// One platform call for one requested mutation, turned into the outcome the launch records.
// QC runs before every ensure; the rate limiter is asked before every call; nothing a
// platform answers (or fails to answer) escapes as a throw.
import type { RateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import type { CampaignRef, CampaignSpec, CampaignState, EnsureResult, PlatformOutcome, PlatformPort } from '../../connectors/platforms/port.ts';
import type { Mutation } from '../../domain/launch/execution.ts';
import { executionCommandSchemas } from '../../domain/launch/executionCommands.ts';
import { qcCampaign, qcInputOf } from '../../domain/launch/qc.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { budgetVerdict } from './launchSpec.ts';

export type MutationResult =
  | {
      readonly ok: true;
      readonly platformCampaignId: string;
      readonly platformStatus: 'enabled' | 'paused' | 'removed';
      readonly outcome?: 'created' | 'updated' | 'unchanged';
      readonly trackingMode?: 'auto_tagging' | 'utm';
      readonly adGroups?: EnsureResult['adGroups'];
      readonly drift?: EnsureResult['drift'];
    }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly retryable: boolean; readonly retryAfterMs?: number; readonly platformMessage?: string; readonly reasons?: { code: string; message: string }[] };

// Whose account a call is for: a tenant with its own credentials stored (version) is reached
// with them, read from the vault with an audit event by whoever serves platformFor.
export interface TenantAccount {
  readonly tenantId: string;
  readonly accountId: string;
  readonly credentialVersion?: number;
  // Why the tenant's credentials would be read, for their audit (default: a launch).
  readonly purpose?: 'launch' | 'performance_sync';
}

export interface PlatformAccess {
  platformFor(platform: Platform, account: TenantAccount): PlatformPort | undefined | Promise<PlatformPort | DomainError | undefined>;
  readonly limiter: RateLimiter;
  // Account settings read within the last minute, so a launch of many campaigns reads
  // Google's auto-tagging once rather than once per campaign (each read is a quota operation).
  readonly accountReads?: Map<string, { readonly at: number; readonly autoTagging: boolean | undefined }>;
  readonly callTimeoutMs?: number;
}

const ACCOUNT_READ_TTL_MS = 60_000;
const CALL_TIMEOUT_MS = 60_000;

// A platform that never answers must not hold a launch forever: the call counts as failed
// (retryable), and the retry finds by its key whatever the lost call may have created.
class NoAnswer extends Error {}
function answered<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

export interface MutationTarget {
  readonly tenantId: string;
  readonly platform: Platform;
  readonly accountId: string;
  readonly platformCampaignId?: string;
  readonly credentialVersion?: number;
  readonly spec?: CampaignSpec; // for ensure; absent when the creatives are missing
}

const refused = (code: string, message: string, retryable = false): MutationResult => ({ ok: false, code, message, retryable });

// What an adapter handed back must be a result the launch can record; anything else (an
// adapter misreading a platform's garbage) is a failed call that may pass, not a stuck launch.
const recordable = executionCommandSchemas['launch.record_mutation_outcome'].shape.result;

export async function performMutation(access: PlatformAccess, mutation: Mutation, t: MutationTarget): Promise<MutationResult> {
  const result = await callPlatform(access, mutation, t);
  const checked = recordable.safeParse(result);
  if (checked.success) return result;
  const where = checked.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
  return refused('platform.unavailable', `${t.platform} answered something that is not a result (${where}); the call will be tried again`, true);
}

async function callPlatform(access: PlatformAccess, mutation: Mutation, t: MutationTarget): Promise<MutationResult> {
  const version = t.credentialVersion === undefined ? {} : { credentialVersion: t.credentialVersion };
  const port = await access.platformFor(t.platform, { tenantId: t.tenantId, accountId: t.accountId, ...version });
  // The tenant's credentials could not be read (removed, the vault unreadable): nothing is sent.
  if (isDomainError(port)) return refused(port.code, port.message, port.kind === 'unavailable');
  if (!port) return refused('platform.not_connected', `No ${t.platform} connector is configured, so nothing was sent to ${t.platform}`);
  const timed = withTimeouts(port, access.callTimeoutMs ?? CALL_TIMEOUT_MS);
  try {
    if (mutation.action === 'ensure') return await ensure(access, timed, t);
    if (!t.platformCampaignId) return refused('launch.campaign_not_created', `There is no ${t.platform} campaign to ${mutation.action}`);
    const ref: CampaignRef = { platform: t.platform, accountId: t.accountId, campaignId: t.platformCampaignId };
    await access.limiter.acquire(t.tenantId, t.platform);
    const call = mutation.action === 'pause' ? timed.pause(ref) : mutation.action === 'resume' ? timed.resume(ref) : timed.remove(ref);
    return fromState(access, t, await call);
  } catch (error) {
    if (error instanceof NoAnswer) return refused('platform.unavailable', `${t.platform} gave ${error.message}`, true);
    // An adapter must not throw; one that does is treated as a platform that failed to answer.
    return refused('platform.unavailable', `The ${t.platform} connector failed: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

type CallsMade = Pick<PlatformPort, 'readAccount' | 'ensureCampaign' | 'pause' | 'resume' | 'remove'>;

function withTimeouts(port: PlatformPort, ms: number): CallsMade {
  return {
    readAccount: (a) => answered(port.readAccount(a), ms),
    ensureCampaign: (spec) => answered(port.ensureCampaign(spec), ms),
    pause: (ref) => answered(port.pause(ref), ms),
    resume: (ref) => answered(port.resume(ref), ms),
    remove: (ref) => answered(port.remove(ref), ms),
  };
}

async function ensure(access: PlatformAccess, port: CallsMade, t: MutationTarget): Promise<MutationResult> {
  const spec = t.spec;
  if (!spec) return refused('launch.creative_missing', 'A line item of this campaign has no creative or landing page');
  let autoTagging: boolean | undefined;
  if (t.platform === 'google_ads') {
    const cacheKey = `${t.platform}/${t.accountId}`;
    const cached = access.accountReads?.get(cacheKey);
    if (cached && Date.now() - cached.at < ACCOUNT_READ_TTL_MS) autoTagging = cached.autoTagging;
    else {
      await access.limiter.acquire(t.tenantId, t.platform);
      const account = await port.readAccount({ platform: t.platform, accountId: t.accountId });
      if (!account.ok) return failure(access, t, account.error);
      autoTagging = account.value.autoTagging;
      access.accountReads?.set(cacheKey, { at: Date.now(), autoTagging });
    }
  }
  const reasons = qcCampaign(qcInputOf(spec, { ...(autoTagging === undefined ? {} : { autoTagging }), ...(t.platformCampaignId ? { platformCampaignId: t.platformCampaignId } : {}) }));
  if (reasons.length > 0) {
    const list = reasons.map(({ code, message }) => ({ code, message }));
    return { ok: false, code: 'qc.failed', message: `QC stopped the ${t.platform} campaign before any call: ${list.map((r) => r.message).join('; ')}`, retryable: false, reasons: list };
  }
  await access.limiter.acquire(t.tenantId, t.platform);
  const ensured = await port.ensureCampaign(spec);
  if (!ensured.ok) {
    if (ensured.error.code !== 'platform.budget_rejected') return failure(access, t, ensured.error);
    return failure(access, t, { ...ensured.error, message: budgetVerdict(spec, ensured.error.platformMessage ?? ensured.error.message) });
  }
  const r = ensured.value;
  return { ok: true, platformCampaignId: r.campaignId, platformStatus: r.status, outcome: r.outcome, trackingMode: r.trackingMode, adGroups: r.adGroups, drift: r.drift };
}

function fromState(access: PlatformAccess, t: MutationTarget, outcome: PlatformOutcome<CampaignState>): MutationResult {
  if (!outcome.ok) return failure(access, t, outcome.error);
  return { ok: true, platformCampaignId: outcome.value.campaignId, platformStatus: outcome.value.status };
}

// A platform's retry-after slows every call of this tenant on it, not only this one.
function failure(access: PlatformAccess, t: MutationTarget, e: { code: string; message: string; retryable: boolean; retryAfterMs?: number; platformMessage?: string }): MutationResult {
  if (e.code === 'platform.rate_limited' && e.retryAfterMs) access.limiter.pause(t.platform, e.retryAfterMs, t.tenantId);
  return {
    ok: false,
    code: e.code,
    message: e.message,
    retryable: e.retryable,
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    ...(e.platformMessage === undefined ? {} : { platformMessage: e.platformMessage.slice(0, 4000) }),
  };
}
