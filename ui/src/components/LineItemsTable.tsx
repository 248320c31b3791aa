import { useState } from 'preact/hooks';
import { formatDate, formatMoney, platformName, words } from '../format.ts';
import type { LineItem, PlanDoc } from '../types.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { LineItemDialog } from './LineItemDialog.tsx';
import { ProgressBar } from './ProgressBar.tsx';

// The draft's line items, with add / edit / remove for those who may edit plans.
export function LineItemsTable({ plan, editable }: { readonly plan: PlanDoc; readonly editable: boolean }) {
  const [editing, setEditing] = useState<LineItem | 'new' | null>(null);
  const [removing, setRemoving] = useState<LineItem | null>(null);
  const unallocated = plan.budgetMicros - plan.allocatedMicros;

  return (
    <div class="stack">
      <div class="allocation" data-testid="plan-allocation">
        <div class="allocation-text">
          <span>
            <strong>{formatMoney(plan.allocatedMicros, plan.currency)}</strong> of {formatMoney(plan.budgetMicros, plan.currency)} allocated
          </span>
          <span class={unallocated < 0 ? 'text-danger' : 'muted'}>
            {unallocated < 0 ? `${formatMoney(-unallocated, plan.currency)} over budget` : `${formatMoney(unallocated, plan.currency)} left`}
          </span>
        </div>
        <ProgressBar value={plan.allocatedMicros} max={plan.budgetMicros} label="Budget allocated to line items" />
      </div>
      <div class="table-wrap">
        <table class="table" data-testid="line-items-table">
          <thead>
            <tr>
              <th scope="col">Line item</th>
              <th scope="col">Platform</th>
              <th scope="col">Objective</th>
              <th scope="col" class="num">Budget</th>
              <th scope="col">Flight</th>
              {editable ? (
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {plan.lineItems.length === 0 ? (
              <tr>
                <td colSpan={editable ? 6 : 5} class="muted empty-row">
                  No line items yet.{editable ? ' Add one to allocate the budget.' : ''}
                </td>
              </tr>
            ) : null}
            {plan.lineItems.map((li) => (
              <tr key={li.lineItemId} data-testid="line-item-row" data-id={li.lineItemId}>
                <td>
                  <strong>{li.name}</strong>
                  <div class="muted small">{li.lineItemId}</div>
                </td>
                <td>{platformName(li.platform)}</td>
                <td>{words(li.objective)}</td>
                <td class="num">{formatMoney(li.budgetMicros, li.currency || plan.currency)}</td>
                <td>
                  <span class="nowrap">{formatDate(li.flightStart)} –</span> <span class="nowrap">{formatDate(li.flightEnd)}</span>
                </td>
                {editable ? (
                  <td class="actions-col">
                    <button type="button" class="button button-small" onClick={() => setEditing(li)} aria-label={`Edit ${li.name}`} data-testid="edit-line-item">
                      Edit
                    </button>
                    <button type="button" class="button button-small button-danger-quiet" onClick={() => setRemoving(li)} aria-label={`Remove ${li.name}`} data-testid="remove-line-item">
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div>
          <button type="button" class="button" onClick={() => setEditing('new')} data-testid="add-line-item-button">
            + Add line item
          </button>
        </div>
      ) : null}
      {editing ? (
        <LineItemDialog plan={plan} {...(editing === 'new' ? {} : { item: editing })} onClose={() => setEditing(null)} onDone={() => setEditing(null)} />
      ) : null}
      {removing ? (
        <ActionDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          tone="danger"
          command={() => ({ type: 'plan.remove_line_item', tenantId: plan.tenantId, data: { planId: plan.planId, lineItemId: removing.lineItemId } })}
          onDone={() => setRemoving(null)}
          onClose={() => setRemoving(null)}
        >
          <p>
            The line item leaves the draft. Submitted versions keep it; the next version will not have it.
          </p>
        </ActionDialog>
      ) : null}
    </div>
  );
}
