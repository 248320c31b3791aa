// What changed between two submitted versions of a plan, shaped for a side-by-side view:
// an approver sees which plan fields moved, which line items came, went or changed (field
// by field), and how the allocated budget moved. Pure; the plan_versions projection stores it.
import type { LineItem, PlanContent } from '../../domain/plan/events.ts';

export type Value = string | number | null;
export type FieldChange = { readonly field: string; readonly from: Value; readonly to: Value };
export type LineItemChange = { readonly lineItemId: string; readonly name: string; readonly changes: readonly FieldChange[] };

export type PlanDiff = {
  readonly fields: readonly FieldChange[]; // plan-level: name, currency, period, budget
  readonly lineItems: {
    readonly added: readonly LineItem[];
    readonly removed: readonly LineItem[];
    readonly changed: readonly LineItemChange[];
    readonly unchanged: readonly string[]; // ids, so a view can collapse them
  };
  // Sum of line-item budgets before and after; 0 before the first version.
  readonly totals: { readonly lineItemBudgetMicros: { readonly from: number; readonly to: number } };
};

const planFields = ['name', 'currency', 'periodStart', 'periodEnd', 'budgetMicros'] as const;
const itemFields = ['name', 'platform', 'objective', 'budgetMicros', 'currency', 'flightStart', 'flightEnd'] as const;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sum = (items: readonly LineItem[]): number => items.reduce((total, li) => total + li.budgetMicros, 0);

function changes<T extends object, K extends keyof T & string>(fields: readonly K[], from: T | undefined, to: T): FieldChange[] {
  return fields
    .filter((field) => from?.[field] !== to[field])
    .map((field) => ({ field, from: valueOf(from?.[field]), to: valueOf(to[field]) }));
}

// Content fields are strings and numbers; anything absent compares and renders as null.
const valueOf = (v: unknown): Value => (typeof v === 'string' || typeof v === 'number' ? v : null);

// `prev` undefined: the first version, so every field and line item counts as added.
export function diffPlanContent(prev: PlanContent | undefined, next: PlanContent): PlanDiff {
  const before = new Map((prev?.lineItems ?? []).map((li) => [li.lineItemId, li]));
  const after = new Map(next.lineItems.map((li) => [li.lineItemId, li]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byId);

  const added: LineItem[] = [];
  const removed: LineItem[] = [];
  const changed: LineItemChange[] = [];
  const unchanged: string[] = [];
  for (const id of ids) {
    const [was, is] = [before.get(id), after.get(id)];
    if (!was && is) added.push(is);
    else if (was && !is) removed.push(was);
    else if (was && is) {
      const itemChanges = changes(itemFields, was, is);
      if (itemChanges.length === 0) unchanged.push(id);
      else changed.push({ lineItemId: id, name: is.name, changes: itemChanges });
    }
  }
  return {
    fields: changes(planFields, prev, next),
    lineItems: { added, removed, changed, unchanged },
    totals: { lineItemBudgetMicros: { from: sum(prev?.lineItems ?? []), to: sum(next.lineItems) } },
  };
}
