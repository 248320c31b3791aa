import { useState } from 'preact/hooks';
import { unitsToMicros } from '../format.ts';
import { useScope } from '../scope.tsx';
import type { CommandResult } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

const value = (e: Event): string => (e.target as HTMLInputElement).value;

// A new media plan: its frame (name, currency, period, budget); line items come after.
export function CreatePlanDialog({ onClose, onCreated }: { readonly onClose: () => void; readonly onCreated: (tenantId: string, planId: string, result: CommandResult) => void }) {
  const scope = useScope();
  const [tenantId, setTenantId] = useState(scope.tenantId ?? scope.tenants?.[0]?.id ?? '');
  const tenant = scope.tenants?.find((t) => t.id === tenantId);
  const [name, setName] = useState('');
  const [planId, setPlanId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [currency, setCurrency] = useState(tenant?.currency ?? 'EUR');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [budget, setBudget] = useState('');
  const [tried, setTried] = useState(false);
  const { run, busy, error } = useCommand();

  const id = idTouched ? planId : slug(name);
  const budgetMicros = unitsToMicros(budget);
  const problems = {
    tenant: tenantId ? undefined : 'Pick a tenant.',
    name: name.trim() ? undefined : 'Give the plan a name.',
    id: /^[a-z0-9][a-z0-9_-]{0,62}$/.test(id) ? undefined : 'Use a-z, 0-9, - or _ (at most 63).',
    currency: /^[A-Z]{3}$/.test(currency) ? undefined : 'A three-letter currency code, such as EUR.',
    periodStart: periodStart ? undefined : 'Pick a start date.',
    periodEnd: !periodEnd ? 'Pick an end date.' : periodStart && periodEnd < periodStart ? 'The period ends before it starts.' : undefined,
    budget: budgetMicros === undefined ? 'An amount such as 25000 or 25000.50.' : undefined,
  };
  const valid = Object.values(problems).every((p) => p === undefined);
  const show = (key: keyof typeof problems) => (tried ? problems[key] : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!valid || budgetMicros === undefined) return;
    const result = await run('plan.create', tenantId, { planId: id, name: name.trim(), currency, periodStart, periodEnd, budgetMicros });
    if (result) onCreated(tenantId, id, result);
  };

  return (
    <Dialog
      title="New media plan"
      onClose={onClose}
      testId="create-plan-dialog"
      footer={
        <>
          <button type="button" class="button" onClick={onClose} data-testid="dialog-cancel">
            Cancel
          </button>
          <button type="submit" form="create-plan-form" class="button button-primary" disabled={busy} data-testid="dialog-confirm">
            {busy ? 'Creating…' : 'Create plan'}
          </button>
        </>
      }
    >
      <form id="create-plan-form" class="form-grid" onSubmit={submit} noValidate>
        {scope.canPickTenant ? (
          <Field label="Tenant" error={show('tenant')} wide>
            <select
              value={tenantId}
              onChange={(e) => {
                const next = value(e);
                setTenantId(next);
                const c = scope.tenants?.find((t) => t.id === next)?.currency;
                if (c) setCurrency(c);
              }}
            >
              <option value="">Pick a tenant</option>
              {(scope.tenants ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label="Name" error={show('name')} wide>
          <input value={name} onInput={(e) => setName(value(e))} maxLength={200} data-autofocus placeholder="Spring 2027" />
        </Field>
        <Field label="Plan id" hint="Part of the plan's address; it cannot change later." error={show('id')}>
          <input
            value={id}
            onInput={(e) => {
              setIdTouched(true);
              setPlanId(value(e));
            }}
            maxLength={63}
          />
        </Field>
        <Field label="Currency" error={show('currency')}>
          <input value={currency} onInput={(e) => setCurrency(value(e).toUpperCase())} maxLength={3} />
        </Field>
        <Field label="Period start" error={show('periodStart')}>
          <input type="date" value={periodStart} onInput={(e) => setPeriodStart(value(e))} />
        </Field>
        <Field label="Period end" error={show('periodEnd')}>
          <input type="date" value={periodEnd} onInput={(e) => setPeriodEnd(value(e))} />
        </Field>
        <Field label={`Budget (${currency || 'currency'})`} error={show('budget')} hint="In currency units, e.g. 60000">
          <input inputMode="decimal" value={budget} onInput={(e) => setBudget(value(e))} placeholder="60000" />
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
