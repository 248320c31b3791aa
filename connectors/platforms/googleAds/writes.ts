// The port's single-campaign calls: read, pause/resume/remove, budget. Each write is one
// atomic Mutate that also rewrites the key label's record of what we wrote (lastWritten.ts),
// then the campaign is read back.

import type { Budget, CampaignRef, CampaignState, CampaignStatus, PlatformOutcome } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { resourceName, type Customer } from './client.ts';
import { customerIdOf } from './config.ts';
import { statusValue } from './diff.ts';
import { record } from './lastWritten.ts';
import { mutate } from './mutate.ts';
import { add, budgetAmount, budgetFields, emptyPlan, labelDescription, tempIds, type Plan } from './operations.ts';
import { readCampaigns, type Found } from './readBack.ts';
import { call, type RetryPolicy } from './retry.ts';

const notFound = (ref: CampaignRef) => platformError('platform.not_found', `No google_ads campaign ${ref.campaignId} in account ${ref.accountId}`);

async function readFound(customer: Customer, ref: CampaignRef, policy: RetryPolicy): Promise<PlatformOutcome<Found>> {
  if (!/^\d+$/.test(ref.campaignId)) return failed(notFound(ref));
  const read = await call(`Reading campaign ${ref.campaignId}`, () => readCampaigns(customer, ref.accountId, `campaign.id = ${ref.campaignId}`), policy);
  if (!read.ok) return read;
  const found = read.value[0];
  return found ? ok(found) : failed(notFound(ref));
}

export async function readCampaign(customer: Customer, ref: CampaignRef, policy: RetryPolicy): Promise<PlatformOutcome<CampaignState>> {
  const found = await readFound(customer, ref, policy);
  return found.ok ? ok(found.value.state) : found;
}

// Apply `change` (operations on the found campaign) with the updated record, then read back.
async function write(customer: Customer, ref: CampaignRef, policy: RetryPolicy, what: string, change: (f: Found, plan: Plan) => PlatformOutcome<{ status: CampaignStatus; budgetMicros: number; repeatable: boolean }>) {
  const found = await readFound(customer, ref, policy);
  if (!found.ok) return found;
  const f = found.value;
  const plan = emptyPlan();
  const changed = change(f, plan);
  if (!changed.ok) return changed;
  if (plan.operations.length === 0) return ok(f.state);
  const before = f.keyLabel?.written;
  const written = record(before?.o ?? f.state.objective, changed.value.status, changed.value.budgetMicros, before?.n ?? f.state.name);
  if (f.keyLabel) add(plan, `key label ${f.keyLabel.name}`, { entity: 'label', operation: 'update', resource: { resource_name: resourceName(customerIdOf(ref.accountId), 'labels', f.keyLabel.id), ...labelDescription(written) } });
  const sent = await mutate(customer, plan, what, { repeatable: changed.value.repeatable }, policy);
  if (!sent.ok) return sent;
  return readCampaign(customer, ref, policy);
}

const budgetNow = (f: Found) => f.keyLabel?.written?.b ?? f.state.budget.amountMicros;

export function setStatus(customer: Customer, ref: CampaignRef, status: CampaignStatus, policy: RetryPolicy): Promise<PlatformOutcome<CampaignState>> {
  return write(customer, ref, policy, `Setting campaign ${ref.campaignId} ${status}`, (f, plan) => {
    if (f.state.status === 'removed' && status !== 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed and cannot be ${status}`));
    const campaign = resourceName(customerIdOf(ref.accountId), 'campaigns', ref.campaignId);
    if (f.state.status !== status) {
      if (status === 'removed') add(plan, `campaign ${ref.campaignId}`, { entity: 'campaign', operation: 'remove', resource: campaign });
      else add(plan, `campaign ${ref.campaignId}`, { entity: 'campaign', operation: 'update', resource: { resource_name: campaign, status: statusValue(status) } });
    }
    return ok({ status, budgetMicros: budgetNow(f), repeatable: true });
  });
}

export function setBudget(customer: Customer, ref: CampaignRef, budget: Budget, policy: RetryPolicy): Promise<PlatformOutcome<CampaignState>> {
  return write(customer, ref, policy, `Setting the budget of campaign ${ref.campaignId}`, (f, plan) => {
    if (f.state.status === 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed; its budget cannot change`));
    if (budget.currency !== f.state.budget.currency) return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} is budgeted in ${f.state.budget.currency}, not ${budget.currency}`));
    const customerId = customerIdOf(ref.accountId);
    const samePeriod = budget.period === f.state.budget.period;
    if (!samePeriod) {
      // A budget's period is immutable on Google: a new budget, and the campaign moved onto it.
      const fresh = resourceName(customerId, 'campaignBudgets', tempIds()());
      add(plan, 'campaign budget', { entity: 'campaign_budget', operation: 'create', resource: { resource_name: fresh, ...budgetFields(budget) } });
      add(plan, `campaign ${ref.campaignId}`, { entity: 'campaign', operation: 'update', resource: { resource_name: resourceName(customerId, 'campaigns', ref.campaignId), campaign_budget: fresh } });
    } else if (budget.amountMicros !== f.state.budget.amountMicros) {
      add(plan, 'campaign budget', { entity: 'campaign_budget', operation: 'update', resource: { resource_name: resourceName(customerId, 'campaignBudgets', f.budgetId), ...budgetAmount(budget) } });
    }
    const status = f.keyLabel?.written?.s ?? f.state.status;
    return ok({ status, budgetMicros: budget.amountMicros, repeatable: samePeriod });
  });
}

