import { useState } from 'preact/hooks';
import { isNonNegativeNumber } from '../../fieldErrors.ts';
import { microsToUnits, unitsToMicros } from '../../format.ts';
import type { TenantDoc } from '../../types.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

// tenant.set_guardrails: what an optimisation may change by itself; the cap in currency units.
export function GuardrailsForm({ tenant, readOnly }: { readonly tenant: TenantDoc; readonly readOnly: string | undefined }) {
  const g = tenant.guardrails;
  const [budget, setBudget] = useState(g ? String(g.maxBudgetChangePctPerDay) : '');
  const [bid, setBid] = useState(g ? String(g.maxBidChangePct) : '');
  const [cap, setCap] = useState(g ? microsToUnits(g.hardDailyCapMicros) : '');
  const capMicros = unitsToMicros(cap);
  const invalid: Record<string, string> = {};
  if (!isNonNegativeNumber(budget)) invalid.maxBudgetChangePctPerDay = 'A percentage, 0 or more.';
  if (!isNonNegativeNumber(bid)) invalid.maxBidChangePct = 'A percentage, 0 or more.';
  if (capMicros === undefined) invalid.hardDailyCapMicros = 'An amount such as 500 or 499.99.';
  const data = Object.keys(invalid).length > 0 ? { invalid } : { maxBudgetChangePctPerDay: Number(budget), maxBidChangePct: Number(bid), hardDailyCapMicros: capMicros };
  const touched = budget !== '' || bid !== '' || cap !== '';
  return (
    <CommandForm title="Guardrails" testId="guardrails-form" type="tenant.set_guardrails" tenantId={tenant.id} data={data} submitLabel="Save guardrails" readOnly={readOnly}>
      {(errorOf) => (
        <>
          <Field label="Max budget change per day (%)" error={touched ? errorOf('maxBudgetChangePctPerDay') : undefined}>
            <input inputMode="decimal" value={budget} onInput={(e) => setBudget((e.target as HTMLInputElement).value)} data-testid="guardrail-budget" />
          </Field>
          <Field label="Max bid change (%)" error={touched ? errorOf('maxBidChangePct') : undefined}>
            <input inputMode="decimal" value={bid} onInput={(e) => setBid((e.target as HTMLInputElement).value)} />
          </Field>
          <Field label={`Hard daily cap (${tenant.currency})`} error={touched ? errorOf('hardDailyCapMicros') : undefined}>
            <input inputMode="decimal" value={cap} onInput={(e) => setCap((e.target as HTMLInputElement).value)} />
          </Field>
        </>
      )}
    </CommandForm>
  );
}
