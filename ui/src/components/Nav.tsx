import { canAdministerUsers, isAgency } from '../roles.ts';
import type { User } from '../types.ts';
import { Icon } from './Icon.tsx';
import { Link } from './Link.tsx';

const items = [
  { href: '/approvals', label: 'Approvals', icon: 'approvals', agencyOnly: false, adminsOnly: false },
  { href: '/tenants', label: 'Tenants', icon: 'tenants', agencyOnly: false, adminsOnly: false },
  { href: '/plans', label: 'Plans', icon: 'plans', agencyOnly: false, adminsOnly: false },
  { href: '/launches', label: 'Launches', icon: 'launches', agencyOnly: false, adminsOnly: false },
  { href: '/performance', label: 'Performance', icon: 'performance', agencyOnly: false, adminsOnly: false },
  { href: '/audit', label: 'Audit', icon: 'audit', agencyOnly: false, adminsOnly: false },
  { href: '/users', label: 'Users', icon: 'users', agencyOnly: false, adminsOnly: true },
  { href: '/ops', label: 'Ops', icon: 'ops', agencyOnly: true, adminsOnly: false },
] as const;

export function Nav({ path, user }: { readonly path: string; readonly user: User }) {
  return (
    <nav class="nav" aria-label="Main">
      <Link href="/approvals" class="brand">
        <span class="brand-mark" aria-hidden="true" />
        <span class="brand-name">adledger</span>
      </Link>
      <ul>
        {items
          .filter((item) => (!item.agencyOnly || isAgency(user)) && (!item.adminsOnly || canAdministerUsers(user)))
          .map((item) => {
            const active = path === item.href || path.startsWith(`${item.href}/`) || (path === '/' && item.href === '/approvals');
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  class={active ? 'nav-link active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                  title={item.label}
                  data-testid={`nav-${item.label.toLowerCase()}`}
                >
                  <Icon name={item.icon} />
                  <span class="nav-label">{item.label}</span>
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
