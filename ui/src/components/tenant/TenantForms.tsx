import { useState } from 'preact/hooks';
import { isAgency, canApprove } from '../../roles.ts';
import { platformName } from '../../format.ts';
import { useSession } from '../../session.ts';
import type { TenantDoc } from '../../types.ts';
import { ActionDialog } from '../ActionDialog.tsx';
import { ApprovalPolicyForm } from './ApprovalPolicyForm.tsx';
import { ExecutionPolicyForm } from './ExecutionPolicyForm.tsx';
import { FeedHealthForm } from './FeedHealthForm.tsx';
import { GuardrailsForm } from './GuardrailsForm.tsx';
import { LinkAccountForm } from './LinkAccountForm.tsx';
import { TrackingHealthForm } from './TrackingHealthForm.tsx';

// Onboarding a tenant: each setting's form, open to the roles the command registry allows
// (commands/commandRoles.ts) and read only, with the reason, for everyone else.
export function TenantForms({ tenant }: { readonly tenant: TenantDoc }) {
  const user = useSession()?.user;
  const [unlinking, setUnlinking] = useState<string | null>(null);
  const agencyOnly = isAgency(user) ? undefined : 'Only agency staff can change this.';
  const approversOnly = canApprove(user) ? undefined : 'Only an agency admin or the client admin can change this.';
  return (
    <section class="panel" aria-labelledby="settings-title" data-testid="tenant-forms">
      <h2 id="settings-title" class="panel-title">Change settings</h2>
      <div class="grid-2">
        <div class="stack">
          <LinkAccountForm tenantId={tenant.id} readOnly={agencyOnly} />
          {!agencyOnly && Object.keys(tenant.accounts).length > 0 ? (
            <ul class="plain-list">
              {Object.entries(tenant.accounts).map(([platform, account]) => (
                <li key={platform}>
                  {platformName(platform)} <code>{account?.accountId}</code>{' '}
                  <button type="button" class="button button-danger" onClick={() => setUnlinking(platform)} data-testid="unlink-account" data-platform={platform}>Unlink…</button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <TrackingHealthForm tenant={tenant} readOnly={agencyOnly} />
        <FeedHealthForm tenant={tenant} readOnly={agencyOnly} />
        <ApprovalPolicyForm tenant={tenant} readOnly={approversOnly} />
        <ExecutionPolicyForm tenant={tenant} readOnly={approversOnly} />
        <GuardrailsForm tenant={tenant} readOnly={approversOnly} />
      </div>
      {unlinking ? (
        <ActionDialog
          title={`Unlink the ${platformName(unlinking)} account?`}
          confirmLabel="Unlink"
          tone="danger"
          command={() => ({ type: 'tenant.unlink_platform_account', tenantId: tenant.id, data: { platform: unlinking } })}
          onDone={() => setUnlinking(null)}
          onClose={() => setUnlinking(null)}
        >
          <p>Nothing can launch on {platformName(unlinking)} for this tenant until an account is linked again. The history stays.</p>
        </ActionDialog>
      ) : null}
    </section>
  );
}
