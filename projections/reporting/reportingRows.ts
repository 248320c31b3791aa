// The reporting projection (DESIGN §6): one stored event in, the rows it makes in the four
// warehouse tables out. Every event becomes a `ledger_events` row; performance days become
// `ads_daily_performance` rows, approvals and platform mutations their own tables. Rows are
// keyed (readmodels/warehouse/tables.ts), so applying an event twice writes the same rows.
//
// What an event does not carry itself (the time a version was submitted, an account's name)
// is read from the log as of that event, never from a clock or a read model: a rebuild
// writes exactly the rows the live run wrote.
import { canonicalJson } from '../../domain/shared/canonicalJson.ts';
import type { DecodedEvent } from '../../domain/decodeEvent.ts';
import type { PerformanceRow } from '../../domain/performance/syncEvents.ts';
import { normaliseRow } from '../../domain/performance/metrics.ts';
import { launchStream, planStream, tenantStream } from '../../domain/streams.ts';
import type { Row } from '../../readmodels/warehouse/port.ts';
import type { TableName } from '../../readmodels/warehouse/tables.ts';

export type TableRows = Partial<Record<TableName, Row[]>>;

// The events of a stream recorded before a position, decoded, oldest first.
export interface LogAsOf {
  before(stream: string, position: bigint): Promise<readonly DecodedEvent[]>;
}

const APPROVAL_REQUIRED = 'launch.approval_required';
export const reportedEventTypes = [
  'performance.synced', 'performance.restated',
  'plan.version_submitted', 'plan.version_approved', 'plan.version_rejected', 'launch.blocked', 'launch.approval_granted',
  'mutation.requested', 'mutation.succeeded', 'mutation.failed',
] as const;

export async function reportingRowsOf(event: DecodedEvent, log: LogAsOf): Promise<TableRows> {
  const rows: TableRows = { ledger_events: [ledgerRow(event)] };
  switch (event.type) {
    case 'performance.synced':
    case 'performance.restated':
      rows.ads_daily_performance = await performanceRows(event, log);
      break;
    case 'plan.version_submitted':
    case 'plan.version_approved':
    case 'plan.version_rejected':
    case 'launch.blocked':
    case 'launch.approval_granted': {
      const approval = await approvalRow(event, log);
      if (approval) rows.approvals = [approval];
      break;
    }
    case 'mutation.requested':
    case 'mutation.succeeded':
    case 'mutation.failed':
      rows.campaign_changes = [await changeRow(event, log)];
      break;
    default:
      break;
  }
  return rows;
}

const dayOf = (iso: string): string => iso.slice(0, 10);

export function ledgerRow(event: DecodedEvent): Row {
  const m = event.metadata;
  return {
    event_id: event.eventId, tenant_id: m.tenantId, stream: event.streamId, revision: Number(event.revision), position: Number(event.position),
    type: event.type, recorded_at: m.recordedAt, recorded_date: dayOf(m.recordedAt),
    actor_type: m.actor.type, actor_id: m.actor.id, actor_role: m.actor.role,
    command_id: m.commandId, correlation_id: m.correlationId, causation_id: m.causationId, schema_version: m.schemaVersion,
    data: canonicalJson(event.data),
  };
}

type PerformanceDay = Extract<DecodedEvent, { type: 'performance.synced' | 'performance.restated' }>;

async function performanceRows(event: PerformanceDay, log: LogAsOf): Promise<Row[]> {
  const d = event.data;
  const tenantId = event.metadata.tenantId;
  const accountName = await accountNameAsOf(log, tenantId, d.platform, d.accountId, event.position);
  // The spec's normaliser (domain/performance/metrics.ts), its camelCase named as the columns.
  const context = { tenantId, accountName: accountName ?? '', syncedAt: event.metadata.recordedAt };
  return [...d.rows, ...(await vanishedAds(event, log))].map((r) => {
    const n = normaliseRow({ ...r, platform: d.platform, accountId: d.accountId, date: d.date, currency: d.currency, attribution: d.attribution }, context);
    return {
      tenant_id: n.tenantId, platform: n.platform, account_id: n.accountId, account_name: accountName,
      campaign_id: n.campaignId, campaign_name: n.campaignName, ad_group_id: n.adGroupId, ad_group_name: n.adGroupName, ad_id: n.adId, ad_name: n.adName,
      date: n.date, impressions: n.impressions, reach: n.reach, clicks: n.clicks, spend_micros: n.spendMicros,
      conversions: n.conversions, revenue_micros: n.revenueMicros, cpc: n.cpc, cpm: n.cpm, ctr: n.ctr, cpa: n.cpa, roas: n.roas,
      currency: n.currency, attribution: `${n.attribution.window}; ${n.attribution.reportTime}`, synced_at: n.syncedAt,
      // A restated day is marked by the warehouse itself when a figure changed (tables.ts `restated`).
      restated: false,
    };
  });
}

// A restated day replaces the whole day: an ad the platform no longer reports for it (its
// numbers moved to another ad, or were voided) is written as zeros, so sums over the table
// equal the latest figures and no row of the earlier day lingers.
async function vanishedAds(event: PerformanceDay, log: LogAsOf): Promise<PerformanceRow[]> {
  if (event.type !== 'performance.restated') return [];
  const before = (await log.before(event.streamId, event.position)).filter(
    (e): e is PerformanceDay => (e.type === 'performance.synced' || e.type === 'performance.restated') && e.data.date === event.data.date,
  );
  const previous = before[before.length - 1];
  if (!previous) return [];
  const key = (r: PerformanceRow) => `${r.campaignId}/${r.adGroupId}/${r.adId}`;
  const now = new Set(event.data.rows.map(key));
  return previous.data.rows
    .filter((r) => !now.has(key(r)))
    .map((r) => ({ ...r, impressions: 0, reach: 0, clicks: 0, costMicros: 0, conversions: 0, conversionValueMicros: 0 }));
}

async function accountNameAsOf(log: LogAsOf, tenantId: string, platform: string, accountId: string, position: bigint): Promise<string | null> {
  let name: string | null = null;
  for (const e of await log.before(tenantStream(tenantId), position)) {
    if (e.type === 'tenant.platform_account_linked' && e.data.platform === platform && e.data.accountId === accountId) name = e.data.accountName;
  }
  return name;
}

interface Submission {
  readonly by: string;
  readonly at: string;
}

// A plan version waits from its submission; a launch from its first block for want of an approval.
async function approvalRow(event: DecodedEvent, log: LogAsOf): Promise<Row | undefined> {
  const tenantId = event.metadata.tenantId;
  const by = event.metadata.actor.id;
  const at = event.metadata.recordedAt;
  const row = (planId: string, version: number, kind: 'plan_version' | 'launch', submitted: Submission, decision?: { decision: string; reason: string | null }): Row => ({
    tenant_id: tenantId, plan_id: planId, version, kind, submitted_by: submitted.by, submitted_at: submitted.at, submitted_date: dayOf(submitted.at),
    decided_by: decision ? by : null, decided_at: decision ? at : null, decision: decision?.decision ?? null, reason: decision?.reason ?? null,
    latency_seconds: decision ? Math.max(0, Math.round((Date.parse(at) - Date.parse(submitted.at)) / 1000)) : null,
  });
  switch (event.type) {
    case 'plan.version_submitted':
      return row(event.data.planId, event.data.version, 'plan_version', { by, at });
    case 'plan.version_approved':
    case 'plan.version_rejected': {
      const { planId, version } = event.data;
      const submitted = await planSubmission(log, tenantId, planId, version, event.position);
      const reason = event.type === 'plan.version_rejected' ? event.data.reason : (event.data.comment ?? null);
      return row(planId, version, 'plan_version', submitted ?? { by, at }, { decision: event.type === 'plan.version_approved' ? 'approved' : 'rejected', reason });
    }
    case 'launch.blocked': {
      if (!event.data.reasons.some((r) => r.code === APPROVAL_REQUIRED)) return undefined;
      const { planId, version } = event.data;
      // A repeated block keeps the first as the start of the wait (as the approvals queue does).
      return row(planId, version, 'launch', (await launchWaitStart(log, tenantId, planId, version, event.position)) ?? { by, at });
    }
    case 'launch.approval_granted': {
      const { planId, version } = event.data;
      const submitted = await launchWaitStart(log, tenantId, planId, version, event.position);
      return row(planId, version, 'launch', submitted ?? { by, at }, { decision: 'approved', reason: event.data.comment ?? null });
    }
    default:
      return undefined;
  }
}

async function planSubmission(log: LogAsOf, tenantId: string, planId: string, version: number, position: bigint): Promise<Submission | undefined> {
  const found = (await log.before(planStream(tenantId, planId), position)).find((e) => e.type === 'plan.version_submitted' && e.data.version === version);
  return found && { by: found.metadata.actor.id, at: found.metadata.recordedAt };
}

async function launchWaitStart(log: LogAsOf, tenantId: string, planId: string, version: number, position: bigint): Promise<Submission | undefined> {
  const found = (await log.before(launchStream(tenantId, planId, version), position)).find(
    (e) => e.type === 'launch.blocked' && e.data.reasons.some((r) => r.code === APPROVAL_REQUIRED),
  );
  return found && { by: found.metadata.actor.id, at: found.metadata.recordedAt };
}

type Mutation = Extract<DecodedEvent, { type: 'mutation.requested' | 'mutation.succeeded' | 'mutation.failed' }>;

// An outcome names the reason of its request (launch, rollback…), read from the launch's stream.
async function changeRow(event: Mutation, log: LogAsOf): Promise<Row> {
  const d = event.data;
  const m = event.metadata;
  const reasonOfRequest = async () => {
    const requested = [...(await log.before(launchStream(m.tenantId, d.planId, d.version), event.position))].reverse().find(
      (e) => e.type === 'mutation.requested' && e.data.mutationId === d.mutationId,
    );
    return requested?.type === 'mutation.requested' ? requested.data.reason : null;
  };
  const common = {
    tenant_id: m.tenantId, event_id: event.eventId, recorded_at: m.recordedAt, recorded_date: dayOf(m.recordedAt),
    platform: d.platform, plan_id: d.planId, version: d.version, logical_campaign_key: d.logicalCampaignKey,
    mutation_id: d.mutationId, action: d.action,
  };
  switch (event.type) {
    case 'mutation.requested':
      return { ...common, reason: event.data.reason, outcome: 'requested', platform_campaign_id: event.data.platformCampaignId ?? null, platform_status: null, error_code: null };
    case 'mutation.succeeded':
      return { ...common, reason: await reasonOfRequest(), outcome: 'succeeded', platform_campaign_id: event.data.platformCampaignId, platform_status: event.data.platformStatus, error_code: null };
    case 'mutation.failed':
      return { ...common, reason: await reasonOfRequest(), outcome: event.data.final ? 'failed' : 'failed_retrying', platform_campaign_id: null, platform_status: null, error_code: event.data.code };
  }
}
