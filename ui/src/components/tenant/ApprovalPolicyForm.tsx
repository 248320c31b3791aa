import { useState } from 'preact/hooks';
import { isNonNegativeNumber } from '../../fieldErrors.ts';
import type { TenantDoc } from '../../types.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

// tenant.set_approval_policy: when a launch needs its own approval, four eyes, spend threshold.
export function ApprovalPolicyForm({ tenant, readOnly }: { readonly tenant: TenantDoc; readonly readOnly: string | undefined }) {
  const [launchApproval, setLaunchApproval] = useState<string>(tenant.policy.launchApproval);
  const [fourEyes, setFourEyes] = useState(tenant.policy.fourEyes);
  const [threshold, setThreshold] = useState(String(tenant.policy.spendChangeThresholdPct));
  const data = isNonNegativeNumber(threshold)
    ? { launchApproval, fourEyes, spendChangeThresholdPct: Number(threshold) }
    : { invalid: { spendChangeThresholdPct: 'A percentage, 0 or more.' } };
  return (
    <CommandForm title="Approval policy" testId="approval-policy-form" type="tenant.set_approval_policy" tenantId={tenant.id} data={data} submitLabel="Save policy" readOnly={readOnly}>
      {(errorOf) => (
        <>
          <Field label="Launch approval" error={errorOf('launchApproval')}>
            <select value={launchApproval} onChange={(e) => setLaunchApproval((e.target as HTMLSelectElement).value)}>
              <option value="always">Every launch</option>
              <option value="first_launch">First launch only</option>
              <option value="never">Never</option>
            </select>
          </Field>
          <label class="checkbox">
            <input type="checkbox" checked={fourEyes} onChange={(e) => setFourEyes((e.target as HTMLInputElement).checked)} /> Four eyes: the approver must differ from the submitter
          </label>
          <Field label="Spend change threshold (%)" error={errorOf('spendChangeThresholdPct')}>
            <input inputMode="decimal" value={threshold} onInput={(e) => setThreshold((e.target as HTMLInputElement).value)} data-testid="policy-threshold" />
          </Field>
        </>
      )}
    </CommandForm>
  );
}
