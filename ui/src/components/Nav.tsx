import { isAgency } from '../roles.ts';
import type { User } from '../types.ts';
import { Icon } from './Icon.tsx';
import { Link } from './Link.tsx';

const items = [
  { href: '/approvals', label: 'Approvals', icon: 'approvals', agencyOnly: false },
  { href: '/tenants', label: 'Tenants', icon: 'tenants', agencyOnly: false },
  { href: '/plans', label: 'Plans', icon: 'plans', agencyOnly: false },
  { href: '/launches', label: 'Launches', icon: 'launches', agencyOnly: false },
  { href: '/performance', label: 'Performance', icon: 'performance', agencyOnly: false },
  { href: '/audit', label: 'Audit', icon: 'audit', agencyOnly: false },
  { href: '/ops', label: 'Ops', icon: 'ops', agencyOnly: true },
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
          .filter((item) => !item.agencyOnly || isAgency(user))
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
