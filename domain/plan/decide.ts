import type { Actor } from '../shared/envelope.ts';
import type { DomainError } from '../shared/errors.ts';
import { conflict, isDomainError, notFound, refuse } from '../shared/errors.ts';
import type { PlanCommand } from './commands.ts';
import { contentHash, freeze } from './contentHash.ts';
import type { LineItem, PlanEvent } from './events.ts';
import { checkDraft } from './rules.ts';
import type { DraftEvent, PlanState, PlanVersion } from './state.ts';
import { evolveDraft, latestVersion } from './state.ts';

// The pipeline passes the tenant's approval policy; the plan does not own it.
export interface PlanContext {
  readonly policy: { readonly fourEyes: boolean };
}

export function decide(command: PlanCommand, plan: PlanState, context: PlanContext): readonly PlanEvent[] | DomainError {
  if (command.type === 'plan.create') {
    if (plan.exists) return conflict('plan.already_exists', `Plan ${plan.planId} already exists`);
    const { planId: _planId, ...content } = command.data;
    return checkDraft({ ...content, lineItems: [] }) ?? [{ type: 'plan.created', data: command.data }];
  }
  if (!plan.exists) return notFound('plan.not_found', `This plan does not exist in tenant ${command.tenantId}; create it first`);

  switch (command.type) {
    case 'plan.update_draft':
      return editDraft(plan, { type: 'plan.draft_updated', data: command.data });
    case 'plan.add_line_item': {
      const { lineItemId } = command.data;
      if (findItem(plan, lineItemId)) return conflict('plan.line_item_exists', `Line item ${lineItemId} already exists in plan ${plan.planId}`);
      return editDraft(plan, { type: 'plan.line_item_added', data: command.data });
    }
    case 'plan.update_line_item':
    case 'plan.remove_line_item': {
      const { lineItemId } = command.data;
      if (!findItem(plan, lineItemId)) return refuse('plan.line_item_not_found', `Plan ${plan.planId} has no line item ${lineItemId}`);
      const event: DraftEvent =
        command.type === 'plan.update_line_item'
          ? { type: 'plan.line_item_updated', data: command.data }
          : { type: 'plan.line_item_removed', data: command.data };
      return editDraft(plan, event);
    }
    case 'plan.submit_version': {
      if (plan.draft.lineItems.length === 0) return refuse('plan.empty', `Plan ${plan.planId} has no line items to submit`);
      const content = freeze(plan.draft);
      const hash = contentHash(content);
      const latest = latestVersion(plan);
      if (latest?.contentHash === hash) {
        return refuse('plan.no_changes', `The draft of plan ${plan.planId} is unchanged since version ${latest.version}`);
      }
      const version = (latest?.version ?? 0) + 1;
      return [{ type: 'plan.version_submitted', data: { planId: plan.planId, version, contentHash: hash, content } }];
    }
    case 'plan.approve_version':
    case 'plan.reject_version': {
      const verb = command.type === 'plan.approve_version' ? 'approve' : 'reject';
      const decidable = checkDecidable(plan, command.data.version, command.actor, context, verb);
      if (isDomainError(decidable)) return decidable;
      const { planId } = plan;
      if (command.type === 'plan.reject_version') return [{ type: 'plan.version_rejected', data: { planId, ...command.data } }];
      return [{ type: 'plan.version_approved', data: { planId, ...command.data } }];
    }
  }
}

const findItem = (plan: PlanState, lineItemId: string): LineItem | undefined =>
  plan.draft.lineItems.find((li) => li.lineItemId === lineItemId);

function editDraft(plan: PlanState, event: DraftEvent): readonly PlanEvent[] | DomainError {
  return checkDraft(evolveDraft(plan.draft, event)) ?? [event];
}

function checkDecidable(plan: PlanState, version: number, actor: Actor, context: PlanContext, verb: string): PlanVersion | DomainError {
  const target = plan.versions.find((v) => v.version === version);
  if (!target) return notFound('plan.version_not_found', `Plan ${plan.planId} has no version ${version}`);
  const latest = latestVersion(plan);
  if (latest && latest.version !== version) {
    return conflict('plan.stale_version', `Version ${version} was superseded by ${latest.version}`);
  }
  if (target.status !== 'submitted') {
    return conflict('plan.version_already_decided', `Version ${version} of plan ${plan.planId} was already ${target.status}`);
  }
  if (context.policy.fourEyes && target.submittedBy === actor.id) {
    return refuse('plan.four_eyes', `The submitter cannot ${verb} their own version: ${actor.id} submitted version ${version}`);
  }
  return target;
}
