import { useEffect, useState } from 'preact/hooks';
import { microsToUnits, unitsToMicros } from '../format.ts';
import type { PlanDoc } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';

const value = (e: Event): string => (e.target as HTMLInputElement).value;

// The draft's own fields. Saving sends only what changed (plan.update_draft); the currency
// is fixed when the plan is created.
export function PlanFieldsForm({ plan, editable }: { readonly plan: PlanDoc; readonly editable: boolean }) {
  const fromPlan = () => ({ name: plan.name, budget: microsToUnits(plan.budgetMicros), periodStart: plan.periodStart, periodEnd: plan.periodEnd });
  const [form, setForm] = useState(fromPlan);
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useCommand();

  // Someone else's edit (live) replaces the form when the user has nothing unsaved.
  const [base, setBase] = useState(fromPlan);
  useEffect(() => {
    const next = fromPlan();
    if (JSON.stringify(form) === JSON.stringify(base)) setForm(next);
    setBase(next);
  }, [plan.name, plan.budgetMicros, plan.periodStart, plan.periodEnd]);

  const budgetMicros = unitsToMicros(form.budget);
  const changes: Record<string, unknown> = {};
  if (form.name.trim() !== plan.name) changes.name = form.name.trim();
  if (budgetMicros !== undefined && budgetMicros !== plan.budgetMicros) changes.budgetMicros = budgetMicros;
  if (form.periodStart !== plan.periodStart) changes.periodStart = form.periodStart;
  if (form.periodEnd !== plan.periodEnd) changes.periodEnd = form.periodEnd;
  const problems = {
    name: form.name.trim() ? undefined : 'The plan needs a name.',
    budget: budgetMicros === undefined ? 'An amount such as 60000 or 60000.50.' : undefined,
    periodEnd: form.periodEnd < form.periodStart ? 'The period ends before it starts.' : undefined,
  };
  const valid = Object.values(problems).every((p) => p === undefined);
  const dirty = Object.keys(changes).length > 0;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!valid || !dirty) return;
    const result = await run('plan.update_draft', plan.tenantId, { planId: plan.planId, ...changes });
    if (result) {
      setSaved(true);
      setTimeout(() => setSaved(false), 2500);
    }
  };

  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: value(e) });

  return (
    <form class="form-grid form-grid-4" onSubmit={save} noValidate data-testid="plan-fields-form">
      <Field label="Name" error={problems.name} wide>
        <input value={form.name} onInput={set('name')} readOnly={!editable} maxLength={200} data-testid="plan-name" />
      </Field>
      <Field label={`Budget (${plan.currency})`} error={problems.budget}>
        <input inputMode="decimal" value={form.budget} onInput={set('budget')} readOnly={!editable} data-testid="plan-budget" />
      </Field>
      <Field label="Currency">
        <input value={plan.currency} readOnly />
      </Field>
      <Field label="Period start">
        <input type="date" value={form.periodStart} onInput={set('periodStart')} readOnly={!editable} />
      </Field>
      <Field label="Period end" error={problems.periodEnd}>
        <input type="date" value={form.periodEnd} onInput={set('periodEnd')} readOnly={!editable} />
      </Field>
      {editable ? (
        <div class="form-actions field-wide">
          <button type="submit" class="button button-primary" disabled={!dirty || !valid || busy} data-testid="save-draft-button">
            {busy ? 'Saving…' : 'Save changes'}
          </button>
          {dirty ? (
            <button type="button" class="button button-quiet" onClick={() => setForm(fromPlan())}>
              Discard
            </button>
          ) : null}
          {saved ? (
            <span class="saved" role="status">
              Saved
            </span>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <div class="field-wide">
          <ErrorMessage error={error} />
        </div>
      ) : null}
    </form>
  );
}
