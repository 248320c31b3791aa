import type { DomainError } from '../shared/errors.ts';
import { refuse } from '../shared/errors.ts';
import { formatMicros } from '../shared/values.ts';
import type { PlanContent } from './events.ts';

// Every draft edit is decided by applying it and checking the whole draft, so an edit to
// the plan (shrinking its budget or period) is held to the same rules as an edit to an item.
export function checkDraft(draft: PlanContent): DomainError | undefined {
  const { periodStart, periodEnd, currency, budgetMicros } = draft;
  if (periodEnd < periodStart) {
    return refuse('plan.period_invalid', `The plan period ends (${periodEnd}) before it starts (${periodStart})`);
  }
  for (const item of draft.lineItems) {
    const { lineItemId: id, flightStart, flightEnd } = item;
    if (item.currency !== currency) {
      return refuse('plan.currency_mismatch', `Line item ${id} is in ${item.currency} but the plan is in ${currency}`);
    }
    if (flightEnd < flightStart) {
      return refuse('plan.flight_invalid', `Line item ${id} ends (${flightEnd}) before it starts (${flightStart})`);
    }
    if (flightStart < periodStart || flightEnd > periodEnd) {
      return refuse(
        'plan.flight_outside_period',
        `Line item ${id} runs ${flightStart} to ${flightEnd}, outside the plan period ${periodStart} to ${periodEnd}`,
      );
    }
  }
  const total = draft.lineItems.reduce((sum, item) => sum + item.budgetMicros, 0);
  if (total > budgetMicros) {
    const over = total - budgetMicros;
    return refuse(
      'plan.budget_exceeded',
      `Line-item budgets would total ${formatMicros(total, currency)}, ${formatMicros(over, currency)} over the plan budget of ${formatMicros(budgetMicros, currency)}`,
      { totalMicros: total, budgetMicros, overByMicros: over },
    );
  }
  return undefined;
}
