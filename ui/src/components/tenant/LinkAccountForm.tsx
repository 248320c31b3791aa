import { useState } from 'preact/hooks';
import { platformName } from '../../format.ts';
import { Field } from '../Field.tsx';
import { CommandForm } from './CommandForm.tsx';

const platforms = ['google_ads', 'meta', 'tiktok', 'dv360'] as const;

// tenant.link_platform_account: one account per platform (the server refuses a second).
export function LinkAccountForm({ tenantId, readOnly }: { readonly tenantId: string; readonly readOnly: string | undefined }) {
  const [platform, setPlatform] = useState<string>('google_ads');
  const [accountId, setAccountId] = useState('');
  const [accountName, setAccountName] = useState('');
  const invalid: Record<string, string> = {};
  if (!accountId.trim() || accountId.length > 100) invalid.accountId = 'An account id of 1 to 100 characters.';
  if (!accountName.trim() || accountName.trim().length > 200) invalid.accountName = 'A name of 1 to 200 characters.';
  const data = Object.keys(invalid).length > 0 ? { invalid } : { platform, accountId, accountName: accountName.trim() };
  const touched = accountId !== '' || accountName !== '';
  return (
    <CommandForm title="Link a platform account" testId="link-account-form" type="tenant.link_platform_account" tenantId={tenantId} data={data} submitLabel="Link account" readOnly={readOnly} onDone={() => { setAccountId(''); setAccountName(''); }}>
      {(errorOf) => (
        <>
          <Field label="Platform" error={errorOf('platform')}>
            <select value={platform} onChange={(e) => setPlatform((e.target as HTMLSelectElement).value)} data-testid="link-platform">
              {platforms.map((p) => <option key={p} value={p}>{platformName(p)}</option>)}
            </select>
          </Field>
          <Field label="Account id" error={touched ? errorOf('accountId') : undefined}>
            <input value={accountId} maxLength={100} onInput={(e) => setAccountId((e.target as HTMLInputElement).value)} data-testid="link-account-id" />
          </Field>
          <Field label="Account name" error={touched ? errorOf('accountName') : undefined}>
            <input value={accountName} maxLength={200} onInput={(e) => setAccountName((e.target as HTMLInputElement).value)} data-testid="link-account-name" />
          </Field>
        </>
      )}
    </CommandForm>
  );
}
