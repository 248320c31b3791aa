import { useState } from 'preact/hooks';
import { isNonNegativeInt } from '../../fieldErrors.ts';
import type { TenantDoc } from '../../types.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

// tenant.report_feed_health: a catalog launch needs zero critical errors.
export function FeedHealthForm({ tenant, readOnly }: { readonly tenant: TenantDoc; readonly readOnly: string | undefined }) {
  const [critical, setCritical] = useState(String(tenant.feed.criticalErrors));
  const [warnings, setWarnings] = useState(String(tenant.feed.warnings));
  const invalid: Record<string, string> = {};
  if (!isNonNegativeInt(critical)) invalid.criticalErrors = 'A whole number, 0 or more.';
  if (!isNonNegativeInt(warnings)) invalid.warnings = 'A whole number, 0 or more.';
  const data = Object.keys(invalid).length > 0 ? { invalid } : { criticalErrors: Number(critical), warnings: Number(warnings) };
  return (
    <CommandForm title="Report feed health" testId="feed-form" type="tenant.report_feed_health" tenantId={tenant.id} data={data} submitLabel="Report" readOnly={readOnly}>
      {(errorOf) => (
        <>
          <Field label="Critical errors" error={errorOf('criticalErrors')}>
            <input inputMode="numeric" value={critical} onInput={(e) => setCritical((e.target as HTMLInputElement).value)} data-testid="feed-critical" />
          </Field>
          <Field label="Warnings" error={errorOf('warnings')}>
            <input inputMode="numeric" value={warnings} onInput={(e) => setWarnings((e.target as HTMLInputElement).value)} />
          </Field>
        </>
      )}
    </CommandForm>
  );
}
