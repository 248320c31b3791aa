import { useState } from 'preact/hooks';
import type { TenantDoc } from '../../types.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

// tenant.set_execution_policy: atomic launches (a failure takes back what went live) and
// whether a rollback pauses or removes.
export function ExecutionPolicyForm({ tenant, readOnly }: { readonly tenant: TenantDoc; readonly readOnly: string | undefined }) {
  const [atomicLaunch, setAtomic] = useState(tenant.execution.atomicLaunch);
  const [rollbackAction, setRollbackAction] = useState<string>(tenant.execution.rollbackAction);
  return (
    <CommandForm title="Execution policy" testId="execution-policy-form" type="tenant.set_execution_policy" tenantId={tenant.id} data={{ atomicLaunch, rollbackAction }} submitLabel="Save policy" readOnly={readOnly}>
      {(errorOf) => (
        <>
          <label class="checkbox">
            <input type="checkbox" checked={atomicLaunch} onChange={(e) => setAtomic((e.target as HTMLInputElement).checked)} data-testid="atomic-launch" /> Atomic launch: if one platform fails, take back the others
          </label>
          <Field label="A rollback…" error={errorOf('rollbackAction')}>
            <select value={rollbackAction} onChange={(e) => setRollbackAction((e.target as HTMLSelectElement).value)} data-testid="rollback-action">
              <option value="pause">pauses the campaigns</option>
              <option value="remove">removes the campaigns</option>
            </select>
          </Field>
        </>
      )}
    </CommandForm>
  );
}
