// One line of plain English per event, for the audit timeline. Written from the event
// alone (no other documents), so a rebuild always says the same thing; names appear where
// the event carries them, ids where it does not.
import type { StreamName } from '../../domain/streams.ts';
import { amount, fieldWords, money, words } from './text.ts';
import type { TypedEvent } from './typedEvent.ts';

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
    default:
      return `tenant ${e.metadata.tenantId}`;
  }
}

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
      return `${who} reported GA4 tracking ${e.data.status}${e.data.detail ? `: ${e.data.detail}` : ''}`;
    case 'tenant.feed_health_reported':
      return `${who} reported the product feed with ${e.data.criticalErrors} critical error(s) and ${e.data.warnings} warning(s)`;
    case 'tenant.approval_policy_set':
      return `${who} set the approval policy: approval for ${launchApproval[e.data.launchApproval]}, four-eyes ${e.data.fourEyes ? 'on' : 'off'}, spend-change threshold ${percent(e.data.spendChangeThresholdPct)}`;
    case 'tenant.guardrails_set':
      return `${who} set guardrails: budget change up to ${percent(e.data.maxBudgetChangePctPerDay)} a day, bid change up to ${percent(e.data.maxBidChangePct)}, hard daily cap ${amount(e.data.hardDailyCapMicros)}`;
    case 'tenant.kpi_targets_set': {
      const { targetCpaMicros: cpa, targetRoas: roas, targetCtrPct: ctr } = e.data;
      const targets = [cpa === undefined ? '' : `CPA ${amount(cpa)}`, roas === undefined ? '' : `ROAS ${roas}`, ctr === undefined ? '' : `CTR ${percent(ctr)}`].filter(Boolean);
      return targets.length ? `${who} set KPI targets: ${targets.join(', ')}` : `${who} cleared the KPI targets`;
    }
    case 'tenant.consent_profile_set':
      return `${who} set the consent profile to ${e.data.profile}${e.data.regions?.length ? ` for ${e.data.regions.join(', ')}` : ''}`;
    case 'tenant.launch_recorded':
      return `${who} recorded the launch of version ${e.data.version} of plan ${e.data.planId}`;
    case 'plan.created':
      return `${who} created plan ${e.data.name} (${money(e.data.budgetMicros, e.data.currency)}, ${e.data.periodStart} to ${e.data.periodEnd})`;
    case 'plan.draft_updated': {
      const { name, budgetMicros, periodStart, periodEnd } = e.data;
      const what = [name && `name ${name}`, budgetMicros !== undefined && `budget ${amount(budgetMicros)}`, periodStart && `start ${periodStart}`, periodEnd && `end ${periodEnd}`];
      return `${who} changed the draft of plan ${planId}: ${what.filter(Boolean).join(', ')}`;
    }
    // Line items are in the plan's currency by rule, and v1 events never said it: the
    // summary leaves it out, so an upcast v1 event reads exactly like a v2 one.
    case 'plan.line_item_added':
      return `${who} added line item ${e.data.name} (${words(e.data.platform)}, ${words(e.data.objective)}, ${amount(e.data.budgetMicros)}, ${e.data.flightStart} to ${e.data.flightEnd}) to plan ${planId}`;
    case 'plan.line_item_updated': {
      const { lineItemId, budgetMicros, ...rest } = e.data;
      const fields = Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => `${fieldWords(k)} ${words(String(v))}`);
      const what = [...fields, ...(budgetMicros === undefined ? [] : [`budget ${amount(budgetMicros)}`])];
      return `${who} changed line item ${lineItemId} of plan ${planId}: ${what.join(', ')}`;
    }
    case 'plan.line_item_removed':
      return `${who} removed line item ${e.data.lineItemId} from plan ${planId}`;
    case 'plan.version_submitted':
      return `${who} submitted version ${e.data.version} of plan ${e.data.content.name} (${money(e.data.content.budgetMicros, e.data.content.currency)})`;
    case 'plan.version_approved':
      return `${who} approved version ${e.data.version} of plan ${e.data.planId}${e.data.comment ? `: ${e.data.comment}` : ''}`;
    case 'plan.version_rejected':
      return `${who} rejected version ${e.data.version} of plan ${e.data.planId}: ${e.data.reason}`;
    case 'launch.approval_granted':
      return `${who} approved the launch of version ${e.data.version} of plan ${e.data.planId}${e.data.comment ? `: ${e.data.comment}` : ''}`;
    case 'launch.requested': {
      const total = e.data.campaigns.reduce((sum, c) => sum + c.budgetMicros, 0);
      return `${who} launched version ${e.data.version} of plan ${e.data.planId}: ${e.data.campaigns.length} campaign(s) on ${e.data.platforms.map(words).join(', ')} (${money(total, e.data.currency)})`;
    }
    case 'launch.blocked':
      return `The launch of version ${e.data.version} of plan ${e.data.planId} requested by ${who} was blocked: ${e.data.reasons.map((r) => words(r.code)).join(', ')}`;
    case 'launch.rollback_requested':
      return `${who} requested a rollback of version ${e.data.version} of plan ${e.data.planId}: ${e.data.reason}`;
  }
}
