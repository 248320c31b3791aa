import { useState } from 'preact/hooks';
import { microsToUnits, platformName, unitsToMicros, words } from '../format.ts';
import type { LineItem, PlanDoc } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';

const platforms = ['google_ads', 'meta', 'tiktok', 'dv360'] as const;
const objectives = ['awareness', 'traffic', 'leads', 'sales', 'catalog_sales', 'app_installs'] as const;

const value = (e: Event): string => (e.target as HTMLInputElement).value;

// A line item id that reads like its name and is not taken yet in this plan.
function newLineItemId(name: string, taken: readonly LineItem[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'item';
  const ids = new Set(taken.map((li) => li.lineItemId));
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}-${n}`)) return `${base}-${n}`;
}

type Props = {
  readonly plan: PlanDoc;
  readonly item?: LineItem; // absent: a new line item
  readonly onClose: () => void;
  readonly onDone: () => void;
};

// Adds a line item to the draft, or edits one (sending only the fields that changed).
// Money is typed in currency units and sent as integer micros.
export function LineItemDialog({ plan, item, onClose, onDone }: Props) {
  const [name, setName] = useState(item?.name ?? '');
  const [platform, setPlatform] = useState<string>(item?.platform ?? 'google_ads');
  const [objective, setObjective] = useState<string>(item?.objective ?? 'sales');
  const [budget, setBudget] = useState(item ? microsToUnits(item.budgetMicros) : '');
  const [flightStart, setFlightStart] = useState(item?.flightStart ?? plan.periodStart);
  const [flightEnd, setFlightEnd] = useState(item?.flightEnd ?? plan.periodEnd);
  const [tried, setTried] = useState(false);
  const { run, busy, error } = useCommand();

  const budgetMicros = unitsToMicros(budget);
  const others = plan.lineItems.filter((li) => li.lineItemId !== item?.lineItemId).reduce((sum, li) => sum + li.budgetMicros, 0);
  const problems = {
    name: name.trim() ? undefined : 'Give the line item a name.',
    budget: budgetMicros === undefined ? 'An amount such as 25000 or 25000.50.' : undefined,
    flightStart: !flightStart ? 'Pick a start date.' : flightStart < plan.periodStart ? 'Starts before the plan period.' : undefined,
    flightEnd: !flightEnd ? 'Pick an end date.' : flightEnd < flightStart ? 'Ends before it starts.' : flightEnd > plan.periodEnd ? 'Ends after the plan period.' : undefined,
  };
  const overBudget = budgetMicros !== undefined && others + budgetMicros > plan.budgetMicros;
  const valid = Object.values(problems).every((p) => p === undefined);
  const show = (key: keyof typeof problems) => (tried ? problems[key] : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!valid || budgetMicros === undefined) return;
    const fields = { name: name.trim(), platform, objective, budgetMicros, flightStart, flightEnd };
    let result;
    if (item) {
      const changed = Object.fromEntries(Object.entries(fields).filter(([key, v]) => item[key as keyof LineItem] !== v));
      if (Object.keys(changed).length === 0) return onClose();
      result = await run('plan.update_line_item', plan.tenantId, { planId: plan.planId, lineItemId: item.lineItemId, ...changed });
    } else {
      const lineItemId = newLineItemId(fields.name, plan.lineItems);
      result = await run('plan.add_line_item', plan.tenantId, { planId: plan.planId, lineItemId, currency: plan.currency, ...fields });
    }
    if (result) onDone();
  };

  return (
    <Dialog
      title={item ? `Edit ${item.name}` : 'Add a line item'}
      onClose={onClose}
      testId="line-item-dialog"
      footer={
        <>
          <button type="button" class="button" onClick={onClose} data-testid="dialog-cancel">
            Cancel
          </button>
          <button type="submit" form="line-item-form" class="button button-primary" disabled={busy} data-testid="dialog-confirm">
            {busy ? 'Saving…' : item ? 'Save line item' : 'Add line item'}
          </button>
        </>
      }
    >
      <form id="line-item-form" class="form-grid" onSubmit={submit} noValidate>
        <Field label="Name" error={show('name')} wide>
          <input value={name} onInput={(e) => setName(value(e))} maxLength={200} data-autofocus data-testid="line-item-name" placeholder="Search — brand terms" />
        </Field>
        <Field label="Platform">
          <select value={platform} onChange={(e) => setPlatform(value(e))} data-testid="line-item-platform">
            {platforms.map((p) => (
              <option key={p} value={p}>
                {platformName(p)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Objective">
          <select value={objective} onChange={(e) => setObjective(value(e))} data-testid="line-item-objective">
            {objectives.map((o) => (
              <option key={o} value={o}>
                {words(o)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={`Budget (${plan.currency})`}
          error={show('budget')}
          hint={overBudget ? 'Together with the other line items this is more than the plan budget.' : 'In currency units, e.g. 25000'}
        >
          <input inputMode="decimal" value={budget} onInput={(e) => setBudget(value(e))} placeholder="25000" data-testid="line-item-budget" />
        </Field>
        <Field label="Currency" hint="Every line item uses the plan currency.">
          <input value={plan.currency} readOnly />
        </Field>
        <Field label="Flight start" error={show('flightStart')}>
          <input type="date" value={flightStart} min={plan.periodStart} max={plan.periodEnd} onInput={(e) => setFlightStart(value(e))} />
        </Field>
        <Field label="Flight end" error={show('flightEnd')}>
          <input type="date" value={flightEnd} min={plan.periodStart} max={plan.periodEnd} onInput={(e) => setFlightEnd(value(e))} />
        </Field>
        {error ? (
          <div class="field-wide">
            <ErrorMessage error={error} testId="dialog-error" />
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
