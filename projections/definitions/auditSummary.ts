// One line of plain English per event, for the audit timeline. Written from the event
// alone (no other documents), so a rebuild always says the same thing; names appear where
// the event carries them, ids where it does not.
import type { StreamName } from '../../domain/streams.ts';
import { executionSummary } from './executionSummary.ts';
import { amount, fieldWords, money, words } from './text.ts';
import type { ProjectedEvent as TypedEvent } from './projection.ts';

const percent = (n: number): string => `${n}%`;
const launchApproval = { always: 'every launch', first_launch: 'the first launch only', never: 'no launch' } as const;

// `plan winter v2`, `launch winter v2`, `tenant acme`: what the event is about.
export function subjectOf(e: TypedEvent, stream: StreamName | undefined): string {
  const data: unknown = e.data;
  const version = typeof data === 'object' && data !== null && 'version' in data ? ` v${String(data.version)}` : '';
  switch (stream?.category) {
    case 'tenant':
      return `tenant ${stream.tenantId}`;
    case 'plan':
      return `plan ${stream.planId}${e.type.startsWith('plan.version_') ? version : ''}`;
    case 'launch':
      return `launch ${stream.planId} v${stream.version}`;
    case 'performance':
      return `${words(stream.platform)} account ${stream.accountId}`;
    case 'schedule':
      return `workflow ${stream.workflow}`;
    case 'access':
      return typeof data === 'object' && data !== null && 'userId' in data ? `user ${String(data.userId)}` : `access ${stream.tenantId}`;
    default:
      return `tenant ${e.metadata.tenantId}`;
  }
}

// The parts that are present, comma-separated: optional fields vanish rather than read "undefined".
const list = (...parts: (string | false | undefined)[]): string => parts.filter(Boolean).join(', ');
const ofPlan = (version: number, planId: string): string => `version ${version} of plan ${planId}`;
const saying = (text: string | undefined): string => (text ? `: ${text}` : '');

export function summaryOf(e: TypedEvent, planId: string): string {
  const who = e.metadata.actor.id;
  switch (e.type) {
    case 'tenant.created':
      return `${who} created tenant ${e.data.name} (${e.data.currency}, ${e.data.timezone})`;
    case 'tenant.platform_account_linked':
      return `${who} linked ${words(e.data.platform)} account ${e.data.accountId} (${e.data.accountName})`;
    case 'tenant.platform_account_unlinked':
      return `${who} unlinked ${words(e.data.platform)} account ${e.data.accountId}`;
    case 'tenant.tracking_health_reported':
      return `${who} reported GA4 tracking ${e.data.status}${saying(e.data.detail)}`;
    case 'tenant.feed_health_reported':
      return `${who} reported the product feed with ${e.data.criticalErrors} critical error(s) and ${e.data.warnings} warning(s)`;
    case 'tenant.approval_policy_set': {
      const { launchApproval: approval, fourEyes, spendChangeThresholdPct: threshold } = e.data;
      const policy = list(`approval for ${launchApproval[approval]}`, `four-eyes ${fourEyes ? 'on' : 'off'}`, `spend-change threshold ${percent(threshold)}`);
      return `${who} set the approval policy: ${policy}`;
    }
    case 'tenant.execution_policy_set':
      return `${who} set the execution policy: ${e.data.atomicLaunch ? 'atomic launches (a partial launch is rolled back)' : 'partial launches stay live with an alert'}, rollback ${e.data.rollbackAction === 'pause' ? 'pauses' : 'removes'} campaigns`;
    case 'tenant.guardrails_set': {
      const { maxBudgetChangePctPerDay: budget, maxBidChangePct: bid, hardDailyCapMicros: cap } = e.data;
      return `${who} set guardrails: ${list(`budget change up to ${percent(budget)} a day`, `bid change up to ${percent(bid)}`, `hard daily cap ${amount(cap)}`)}`;
    }
    case 'tenant.kpi_targets_set': {
      const { targetCpaMicros: cpa, targetRoas: roas, targetCtrPct: ctr } = e.data;
      const targets = list(cpa !== undefined && `CPA ${amount(cpa)}`, roas !== undefined && `ROAS ${roas}`, ctr !== undefined && `CTR ${percent(ctr)}`);
      return targets ? `${who} set KPI targets: ${targets}` : `${who} cleared the KPI targets`;
    }
    case 'tenant.consent_profile_set':
      return `${who} set the consent profile to ${e.data.profile}${e.data.regions?.length ? ` for ${e.data.regions.join(', ')}` : ''}`;
    case 'tenant.launch_recorded':
      return `${who} recorded the launch of ${ofPlan(e.data.version, e.data.planId)}`;
    case 'tenant.platform_credentials_stored':
      return `${who} stored ${words(e.data.platform)} credentials (${words(e.data.kind)}) for account ${e.data.accountId}, version ${e.data.version}`;
    case 'tenant.platform_credentials_rotated':
      return `${who} rotated ${words(e.data.platform)} credentials for account ${e.data.accountId} to version ${e.data.version}`;
    case 'tenant.platform_credentials_removed':
      return `${who} removed ${words(e.data.platform)} credentials for account ${e.data.accountId} (version ${e.data.version})`;
    case 'tenant.platform_credentials_accessed':
      return `${who} read ${words(e.data.platform)} credentials for account ${e.data.accountId} (version ${e.data.version}) for ${words(e.data.purpose)}`;
    case 'plan.created': {
      const { name, budgetMicros, currency, periodStart, periodEnd } = e.data;
      return `${who} created plan ${name} (${money(budgetMicros, currency)}, ${periodStart} to ${periodEnd})`;
    }
    case 'plan.draft_updated': {
      const { name, budgetMicros: budget, periodStart: start, periodEnd: end } = e.data;
      const what = list(name && `name ${name}`, budget !== undefined && `budget ${amount(budget)}`, start && `start ${start}`, end && `end ${end}`);
      return `${who} changed the draft of plan ${planId}: ${what}`;
    }
    // Line items are in the plan's currency by rule, and v1 events never said it: the
    // summary leaves it out, so an upcast v1 event reads exactly like a v2 one.
    case 'plan.line_item_added': {
      const { name, platform, objective, budgetMicros, flightStart, flightEnd } = e.data;
      const what = list(words(platform), words(objective), amount(budgetMicros), `${flightStart} to ${flightEnd}`);
      return `${who} added line item ${name} (${what}) to plan ${planId}`;
    }
    case 'plan.line_item_updated': {
      const { lineItemId, budgetMicros, ...rest } = e.data;
      const fields = Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => `${fieldWords(k)} ${words(String(v))}`);
      return `${who} changed line item ${lineItemId} of plan ${planId}: ${list(...fields, budgetMicros !== undefined && `budget ${amount(budgetMicros)}`)}`;
    }
    case 'plan.line_item_removed':
      return `${who} removed line item ${e.data.lineItemId} from plan ${planId}`;
    case 'plan.version_submitted': {
      const { name, budgetMicros, currency } = e.data.content;
      return `${who} submitted ${ofPlan(e.data.version, name)} (${money(budgetMicros, currency)})`;
    }
    case 'plan.version_approved':
      return `${who} approved ${ofPlan(e.data.version, e.data.planId)}${saying(e.data.comment)}`;
    case 'plan.version_rejected':
      return `${who} rejected ${ofPlan(e.data.version, e.data.planId)}${saying(e.data.reason)}`;
    case 'launch.approval_granted':
      return `${who} approved the launch of ${ofPlan(e.data.version, e.data.planId)}${saying(e.data.comment)}`;
    case 'launch.requested': {
      const { campaigns, platforms, currency } = e.data;
      const total = money(campaigns.reduce((sum, c) => sum + c.budgetMicros, 0), currency);
      return `${who} launched ${ofPlan(e.data.version, e.data.planId)}: ${campaigns.length} campaign(s) on ${platforms.map(words).join(', ')} (${total})`;
    }
    case 'launch.blocked': {
      const reasons = e.data.reasons.map((r) => words(r.code)).join(', ');
      return `The launch of ${ofPlan(e.data.version, e.data.planId)} requested by ${who} was blocked: ${reasons}`;
    }
    case 'launch.rollback_requested':
      return `${who} requested a rollback of ${ofPlan(e.data.version, e.data.planId)}${saying(e.data.reason)}`;
    case 'performance.synced':
    case 'performance.restated': {
      const { date, rows, platform, accountId } = e.data;
      const spend = money(rows.reduce((sum, r) => sum + r.costMicros, 0), e.data.currency);
      const what = e.type === 'performance.synced' ? 'recorded' : 'restated';
      return `${who} ${what} ${date} of ${words(platform)} account ${accountId}: ${rows.length} ad row(s), ${spend} spent`;
    }
    case 'performance.sync_started':
      return `${who} started a sync of ${words(e.data.platform)} account ${e.data.accountId} for ${e.data.from} to ${e.data.to}`;
    case 'performance.sync_completed': {
      const { days, recorded, restated, unchanged } = e.data;
      return `${who} finished a sync of ${words(e.data.platform)} account ${e.data.accountId}: ${days} day(s), ${recorded} new, ${restated} restated, ${unchanged} unchanged`;
    }
    case 'performance.sync_failed':
      return `${who}'s sync of ${words(e.data.platform)} account ${e.data.accountId} failed: ${e.data.message} (${e.data.code})`;
    case 'tenant.performance_alert_raised':
      return `${who} raised a ${e.data.severity} ${words(e.data.kind)} alert: ${e.data.message}`;
    case 'tenant.performance_summary_issued':
      return `${who} issued the ${e.data.summaryId.replace(':', ' summary of ')}: ${e.data.currency ? money(e.data.spendMicros, e.data.currency) : 'nothing'} spent, ROAS ${e.data.roas ?? 'n/a'}`;
    case 'tenant.performance_alert_acknowledged':
      return `${who} acknowledged alert ${e.data.alertId}${saying(e.data.note)}`;
    case 'schedule.slot_claimed':
      return `${who} claimed the ${e.data.workflow} slot of ${e.data.slot} (${e.data.cron}, ${e.data.timezone})`;
    case 'schedule.slot_completed':
      return `${who} completed the ${e.data.workflow} slot of ${e.data.slot}${saying(e.data.summary)}`;
    case 'schedule.slot_failed':
      return `${who}'s ${e.data.workflow} slot of ${e.data.slot} failed: ${e.data.message} (${e.data.code})`;
    // People by id only: their names stay in the user directory.
    case 'user.added':
      return `${who} added user ${e.data.userId} as ${e.data.role}${e.data.tenantId ? ` of tenant ${e.data.tenantId}` : ''}`;
    case 'user.login_link_issued':
      return `${who} issued a login link for ${e.data.userId}, valid until ${e.data.expiresAt}; older links were revoked`;
    case 'user.disabled':
      return `${who} disabled ${e.data.userId}: their sessions were signed out`;
    case 'user.enabled':
      return `${who} enabled ${e.data.userId}`;
    case 'user.role_changed':
      return `${who} changed ${e.data.userId} from ${e.data.previousRole} to ${e.data.role}${e.data.tenantId ? ` of tenant ${e.data.tenantId}` : ''}: their sessions were signed out`;
    case 'user.removed':
      return `${who} removed ${e.data.userId}: their sessions were signed out`;
    default:
      return executionSummary(e);
  }
}
