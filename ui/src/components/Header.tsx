import { roleLabels } from '../roles.ts';
import { endSession } from '../session.ts';
import type { User } from '../types.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { TenantPicker } from './TenantPicker.tsx';

export function Header({ user }: { readonly user: User }) {
  return (
    <header class="topbar">
      <TenantPicker />
      <div class="topbar-right">
        <ConnectionIndicator />
        <span class="user" data-testid="current-user">
          <span class="user-avatar" aria-hidden="true">
            {(user.name || user.id).slice(0, 1).toUpperCase()}
          </span>
          <span class="user-text">
            <span class="user-name">{user.name || user.id}</span>
            <span class="user-role" data-testid="current-role" data-role={user.role}>
              {roleLabels[user.role]}
            </span>
          </span>
        </span>
        <button type="button" class="button button-quiet" onClick={() => endSession('signed_out')} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </header>
  );
}
