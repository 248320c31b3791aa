// Google judges a budget with its campaign: whole minimum units, and at least a minimum a
// day (a total budget spread over the campaign's days). An error names the budget operation.
import { daysOf, type Model } from './model.ts';
import type { AdsError } from './mutate.ts';

type Loose = Record<string, unknown>;
type Operation = Loose & { operation?: string };
const MIN_UNIT = 10_000;
const MIN_PER_DAY = 1_000_000;

// The local server checks budgets after all operations and fails the whole request on a
// budget error, partial_failure or not (a simplification: the campaign's dates are known then).
export function checkBudgets(model: Model, ops: Operation[], temps: Map<string, string>, errors: AdsError[]): void {
  ops.forEach((op, index) => {
    const body = op.campaign_budget_operation as Loose | undefined;
    const fields = (body?.create ?? body?.update) as Loose | undefined;
    if (!fields) return;
    const name = temps.get(String(fields.resource_name)) ?? String(fields.resource_name);
    const budget = Object.values(model.budgets).find((b) => b.resource_name === name);
    const amount = Number(fields.total_amount_micros ?? fields.amount_micros ?? budget?.amount_micros ?? 0);
    const field = fields.total_amount_micros !== undefined ? 'total_amount_micros' : 'amount_micros';
    const verb = body?.create ? 'create' : 'update';
    const at = { field_path_elements: [{ field_name: 'mutate_operations', index }, { field_name: 'campaign_budget_operation' }, { field_name: verb }, { field_name: field }] };
    const campaign = Object.values(model.campaigns).find((c) => budget && c.campaign_budget === budget.resource_name);
    const days = campaign && field === 'total_amount_micros' ? daysOf(String(campaign.start_date_time).slice(0, 10), String(campaign.end_date_time).slice(0, 10)).length || 1 : 1;
    if (amount % MIN_UNIT !== 0) errors.push({ error_code: { campaign_budget_error: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' }, message: 'The budget amount must be a multiple of the minimum currency unit.', location: at });
    else if (Math.floor(amount / days) < MIN_PER_DAY) errors.push({ error_code: { campaign_budget_error: 'BUDGET_BELOW_PER_DAY_MINIMUM' }, message: 'The budget is below the per-day minimum.', location: at });
  });
}
