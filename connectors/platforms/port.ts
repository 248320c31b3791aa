// The ad platform port: what the launch saga and the performance sync ask of Google Ads,
// Meta and the sandbox, in words that belong to none of them. Every operation resolves to
// its result or to a PlatformError value; a platform's refusal or outage is never thrown.
import type { DomainError } from '../../domain/shared/errors.ts';
import type { Objective, Platform } from '../../domain/shared/values.ts';

// DESIGN §3: execution is idempotent per (tenant, plan version, platform, logical campaign).
export interface IdempotencyKey {
  readonly tenantId: string;
  readonly planId: string;
  readonly version: number;
  readonly platform: Platform;
  readonly logicalCampaignKey: string;
}

export interface AccountRef {
  readonly platform: Platform;
  readonly accountId: string;
}

// What QC must read rather than assume: Google's auto-tagging is an account setting.
export interface AccountState extends AccountRef {
  readonly currency?: string; // absent while the account has no billing set up (the sandbox's new accounts)
  readonly autoTagging?: boolean; // Google Ads only; absent where the platform has no such setting
}

export interface CampaignRef extends AccountRef {
  readonly campaignId: string;
}

// 'total' is spread over the flight; platforms judge minimums per day either way.
export interface Budget {
  readonly amountMicros: number;
  readonly currency: string;
  readonly period: 'daily' | 'total';
}

export interface Flight {
  readonly startDate: string; // YYYY-MM-DD, inclusive
  readonly endDate: string; // YYYY-MM-DD, inclusive
}

export type TrackingMode = 'auto_tagging' | 'utm';

// Google: auto-tagging, no utm_*, CRM ids as custom parameters kcid/kpv.
// Meta: utm_* in the creative's url_tags, utm_campaign = the platform campaign id (a macro).
export type AdTracking =
  | { readonly mode: 'auto_tagging'; readonly finalUrlSuffix?: string; readonly customParameters: Readonly<Record<string, string>> }
  | { readonly mode: 'utm'; readonly urlTags: string };

export interface AdSpec {
  readonly key: string; // stable within its ad group, so a re-run updates instead of adding
  readonly name: string;
  readonly finalUrl: string;
  readonly tracking: AdTracking;
  readonly creativeAssetId?: string; // the asset library's id of what the ad shows
}

// An ad group on Google, an ad set on Meta.
export interface AdGroupSpec {
  readonly key: string; // stable within its campaign
  readonly name: string;
  readonly ads: readonly AdSpec[];
}

export interface CampaignSpec {
  readonly key: IdempotencyKey;
  readonly accountId: string;
  readonly name: string; // kobi_{tenant}_{platform}_{objective}_v{version} (domain/launch/manifest.ts)
  readonly objective: Objective;
  readonly budget: Budget;
  readonly flight: Flight;
  readonly adGroups: readonly AdGroupSpec[];
}

export type CampaignStatus = 'enabled' | 'paused' | 'removed';

export interface AdState extends AdSpec {
  readonly id: string;
}

export interface AdGroupState {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly ads: readonly AdState[];
}

// A campaign as read back from the platform.
export interface CampaignState extends CampaignRef {
  readonly name: string;
  readonly labels: readonly string[];
  readonly objective: Objective;
  readonly status: CampaignStatus;
  readonly budget: Budget;
  readonly flight: Flight;
  readonly trackingMode: TrackingMode;
  readonly adGroups: readonly AdGroupState[];
}

// A field someone changed on the platform since our last write to it.
export interface Drift {
  readonly field: 'name' | 'status' | 'budget';
  readonly lastWritten: string | number;
  readonly found: string | number;
}

// The platform's ids for our keys, which the manifest records.
export interface AdGroupIds {
  readonly key: string;
  readonly id: string;
  readonly ads: readonly { readonly key: string; readonly id: string }[];
}

export interface EnsureResult {
  readonly campaignId: string;
  readonly adGroups: readonly AdGroupIds[];
  readonly outcome: 'created' | 'updated' | 'unchanged';
  readonly drift: readonly Drift[];
  readonly trackingMode: TrackingMode;
  readonly status: CampaignStatus;
}

// What ensureCampaign would do, decided without changing anything.
export interface ValidateResult {
  readonly wouldBe: 'created' | 'updated' | 'unchanged';
  readonly campaignId?: string;
}

// One ad on one day, as the platform reports it (Step 6 normalises these).
export interface DailyPerformanceRow {
  readonly platform: Platform;
  readonly accountId: string;
  readonly campaignId: string;
  readonly campaignName: string;
  readonly adGroupId: string;
  readonly adGroupName: string;
  readonly adId: string;
  readonly adName: string;
  readonly date: string;
  readonly impressions: number;
  readonly reach: number;
  readonly clicks: number;
  readonly costMicros: number;
  readonly conversions: number;
  readonly conversionValueMicros: number;
  readonly currency: string;
  // As the platform gave them: the conversion window and the date conversions are booked on.
  readonly attribution: { readonly window: string; readonly reportTime: string };
}

export const platformErrorCodes = [
  'platform.rate_limited',
  'platform.unavailable',
  'platform.budget_rejected',
  'platform.payer_problem',
  'platform.policy_disapproved',
  'platform.invalid',
  'platform.not_found',
] as const;
export type PlatformErrorCode = (typeof platformErrorCodes)[number];

// A DomainError, so the saga and the API can treat it like any other refusal.
export interface PlatformError extends DomainError {
  readonly code: PlatformErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly platformMessage?: string; // the platform's own words, kept for people
}

export type PlatformOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PlatformError };

export interface PlatformPort {
  readonly name: string;
  readonly platforms: readonly Platform[];
  readAccount(account: AccountRef): Promise<PlatformOutcome<AccountState>>;
  // Before creating, finds an object carrying the key (connectors/platforms/idempotencyLabel.ts),
  // so a crash between the platform's create and our record never makes a second campaign.
  ensureCampaign(spec: CampaignSpec): Promise<PlatformOutcome<EnsureResult>>;
  validate(spec: CampaignSpec): Promise<PlatformOutcome<ValidateResult>>;
  pause(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>>;
  resume(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>>;
  remove(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>>;
  setBudget(ref: CampaignRef, budget: Budget): Promise<PlatformOutcome<CampaignState>>;
  readCampaign(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>>;
  listCampaigns(account: AccountRef, namePrefix: string): Promise<PlatformOutcome<readonly CampaignState[]>>;
  fetchDailyPerformance(account: AccountRef, fromDate: string, toDate: string): Promise<PlatformOutcome<readonly DailyPerformanceRow[]>>;
  close(): Promise<void>;
}

const retryableCodes: ReadonlySet<PlatformErrorCode> = new Set(['platform.rate_limited', 'platform.unavailable']);
const kindOf = (code: PlatformErrorCode): DomainError['kind'] =>
  retryableCodes.has(code) ? 'unavailable' : code === 'platform.invalid' ? 'invalid' : code === 'platform.not_found' ? 'not_found' : 'refused';

// The one way adapters build an error, so `retryable` and `kind` follow from the code.
export function platformError(
  code: PlatformErrorCode,
  message: string,
  extra: { readonly retryAfterMs?: number; readonly platformMessage?: string; readonly details?: unknown } = {},
): PlatformError {
  return { kind: kindOf(code), code, retryable: retryableCodes.has(code), message, ...extra };
}

export const ok = <T>(value: T): PlatformOutcome<T> => ({ ok: true, value });
export const failed = <T>(error: PlatformError): PlatformOutcome<T> => ({ ok: false, error });
