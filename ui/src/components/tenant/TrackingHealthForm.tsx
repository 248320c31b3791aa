import { useState } from 'preact/hooks';
import type { TenantDoc } from '../../types.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

// tenant.report_tracking_health (GA4): green lets launches through; amber or red blocks them.
export function TrackingHealthForm({ tenant, readOnly }: { readonly tenant: TenantDoc; readonly readOnly: string | undefined }) {
  const [status, setStatus] = useState<string>(tenant.tracking.status);
  const [detail, setDetail] = useState(tenant.tracking.detail ?? '');
  const invalid: Record<string, string> = detail.length > 2000 ? { detail: 'At most 2000 characters.' } : {};
  const data = Object.keys(invalid).length > 0 ? { invalid } : { status, source: 'ga4', ...(detail.trim() ? { detail: detail.trim() } : {}) };
  return (
    <CommandForm title="Report tracking health" testId="tracking-form" type="tenant.report_tracking_health" tenantId={tenant.id} data={data} submitLabel="Report" readOnly={readOnly}>
      {(errorOf) => (
        <>
          <Field label="GA4 tracking" error={errorOf('status')}>
            <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)} data-testid="tracking-status">
              <option value="green">Green</option>
              <option value="amber">Amber</option>
              <option value="red">Red</option>
            </select>
          </Field>
          <Field label="Detail (optional)" error={errorOf('detail')}>
            <input value={detail} maxLength={2000} onInput={(e) => setDetail((e.target as HTMLInputElement).value)} />
          </Field>
        </>
      )}
    </CommandForm>
  );
}
