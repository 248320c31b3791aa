import type { DomainEvent } from '../shared/envelope.ts';
import type { Platform } from '../shared/values.ts';
import type { StoredCredentials } from './credentials.ts';
import { evolveCredentials } from './decideCredentials.ts';
import { evolveAlerts } from './decideAlerts.ts';
import type { TenantAlerts } from './alerts.ts';
import type { TenantEvent } from './events.ts';
import type { ApprovalPolicy, Consent, ExecutionPolicy, Guardrails, KpiTargets, TrackingStatus } from './values.ts';

export interface LinkedAccount {
  readonly accountId: string;
  readonly accountName: string;
}

export interface TenantState {
  readonly exists: boolean;
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly timezone: string;
  readonly accounts: Readonly<Partial<Record<Platform, LinkedAccount>>>;
  readonly tracking: { readonly status: TrackingStatus; readonly detail?: string };
  readonly feed: { readonly criticalErrors: number; readonly warnings: number };
  readonly policy: ApprovalPolicy;
  readonly execution: ExecutionPolicy;
  // Undefined until set: without guardrails, no optimisation can apply by itself.
  readonly guardrails: Guardrails | undefined;
  readonly kpi: KpiTargets;
  readonly consent: Consent;
  // `${planId}:${version}` of every accepted launch.
  readonly launches: readonly string[];
  // Metadata of each platform's stored credentials (the secrets are in the vault).
  readonly credentials: Readonly<Partial<Record<Platform, StoredCredentials>>>;
  readonly alerts: TenantAlerts;
  readonly summaries: readonly string[]; // ids of the performance summaries issued
}

// Defaults are the cautious ones: nothing spends before tracking is verified green, every
// launch needs a second person, and consent is strict until someone chooses otherwise.
export const initialState: TenantState = {
  exists: false,
  id: '',
  name: '',
  currency: '',
  timezone: '',
  accounts: {},
  tracking: { status: 'red' },
  feed: { criticalErrors: 0, warnings: 0 },
  policy: { launchApproval: 'always', fourEyes: true, spendChangeThresholdPct: 20 },
  // A partial launch stays partial (with an alert) and a rollback pauses: nothing is undone
  // or deleted on a platform unless the tenant asked for it.
  execution: { atomicLaunch: false, rollbackAction: 'pause' },
  guardrails: undefined,
  kpi: {},
  consent: { profile: 'strict', regions: [] },
  launches: [],
  credentials: {},
  alerts: { raised: [], open: [] },
  summaries: [],
};

export const launchKey = (planId: string, version: number): string => `${planId}:${version}`;

export function evolve(state: TenantState, event: DomainEvent<TenantEvent>): TenantState {
  switch (event.type) {
    case 'tenant.created': {
      const { tenantId, name, currency, timezone } = event.data;
      return { ...state, exists: true, id: tenantId, name, currency, timezone };
    }
    case 'tenant.platform_account_linked': {
      const { platform, accountId, accountName } = event.data;
      return { ...state, accounts: { ...state.accounts, [platform]: { accountId, accountName } } };
    }
    case 'tenant.platform_account_unlinked': {
      const { [event.data.platform]: _removed, ...accounts } = state.accounts;
      return { ...state, accounts };
    }
    case 'tenant.tracking_health_reported': {
      const { status, detail } = event.data;
      return { ...state, tracking: detail === undefined ? { status } : { status, detail } };
    }
    case 'tenant.feed_health_reported':
      return { ...state, feed: { ...event.data } };
    case 'tenant.approval_policy_set':
      return { ...state, policy: { ...event.data } };
    case 'tenant.execution_policy_set':
      return { ...state, execution: { ...event.data } };
    case 'tenant.guardrails_set':
      return { ...state, guardrails: { ...event.data } };
    case 'tenant.kpi_targets_set':
      return { ...state, kpi: { ...event.data } };
    case 'tenant.consent_profile_set':
      return { ...state, consent: { profile: event.data.profile, regions: event.data.regions ?? [] } };
    case 'tenant.launch_recorded':
      return { ...state, launches: [...state.launches, launchKey(event.data.planId, event.data.version)] };
    case 'tenant.platform_credentials_stored':
    case 'tenant.platform_credentials_rotated':
    case 'tenant.platform_credentials_removed':
    case 'tenant.platform_credentials_accessed':
      return evolveCredentials(state, event);
    case 'tenant.performance_alert_raised':
    case 'tenant.performance_alert_acknowledged':
      return { ...state, alerts: evolveAlerts(state.alerts, event) };
    case 'tenant.performance_summary_issued':
      return { ...state, summaries: [...state.summaries, event.data.summaryId] };
  }
}
