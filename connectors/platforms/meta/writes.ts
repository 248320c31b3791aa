// Pausing, resuming, removing and re-budgeting one campaign, each recorded on the campaign
// as our own write (mapping.ts Written) so ensureCampaign can tell it from a person's edit.
import type { Budget, CampaignRef, CampaignState, CampaignStatus, PlatformOutcome } from '../port.ts';
import { failed, platformError } from '../port.ts';
import type { Graph } from './graph.ts';
import { budgetParams, labelsWith, metaStatus, minorOf, splitMinor, writtenFrom } from './mapping.ts';

export function campaignWrites(deps: {
  readonly graph: Graph;
  readCampaign(ref: CampaignRef): Promise<PlatformOutcome<CampaignState>>;
}) {
  const { graph, readCampaign } = deps;
  async function setStatus(ref: CampaignRef, status: CampaignStatus): Promise<PlatformOutcome<CampaignState>> {
    const current = await readCampaign(ref);
    if (!current.ok) return current;
    if (current.value.status === 'removed' && status !== 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed and cannot be ${status}`));
    const budgetMicros = writtenFrom(current.value.labels)?.budgetMicros ?? current.value.budget.amountMicros;
    const done = await graph.update([ref.campaignId], { status: metaStatus[status], adlabels: labelsWith(current.value.labels, { status, budgetMicros }) });
    if (!done.ok) return failed(done.error);
    return readCampaign(ref);
  }

  async function setBudget(ref: CampaignRef, budget: Budget): Promise<PlatformOutcome<CampaignState>> {
    const current = await readCampaign(ref);
    if (!current.ok) return current;
    const state = current.value;
    if (state.status === 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed; its budget cannot change`));
    if (budget.currency !== state.budget.currency) return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} is budgeted in ${state.budget.currency}, not ${budget.currency}`));
    const total = minorOf(budget.amountMicros, budget.currency);
    if (total === undefined || total <= 0) return failed(platformError('platform.invalid', `Meta budgets are whole minor units of ${budget.currency}; ${budget.amountMicros} micros is not`));
    const shares = splitMinor(total, Math.max(1, state.adGroups.length));
    // Every ad set is checked before any changes, so a refused budget changes nothing.
    for (const validateOnly of [true, false])
      for (const [i, group] of state.adGroups.entries()) {
        const done = await graph.update([group.id], { ...budgetParams(budget, shares[i]!), ...(validateOnly ? { execution_options: ['validate_only'] } : {}) });
        if (!done.ok) return failed(done.error);
      }
    const status = writtenFrom(state.labels)?.status ?? state.status;
    const noted = await graph.update([ref.campaignId], { adlabels: labelsWith(state.labels, { status, budgetMicros: budget.amountMicros }) });
    if (!noted.ok) return failed(noted.error);
    return readCampaign(ref);
  }

  return { setStatus, setBudget };
}
