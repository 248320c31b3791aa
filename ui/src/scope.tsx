// Which tenant the console looks at: one tenant, or every tenant (agency roles only). Client
// roles are bound to their own tenant. The tenants themselves are loaded once and kept live,
// for the picker and for names.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { fetchTenants } from './api.ts';
import { useLiveList } from './data.ts';
import { isAgency } from './roles.ts';
import { useSession } from './session.ts';
import type { TenantDoc } from './types.ts';

const SCOPE_KEY = 'adledger.tenantScope';

export type Scope = {
  readonly tenantId: string | null; // null: all tenants
  readonly setTenantId: (tenantId: string | null) => void;
  readonly tenants: readonly TenantDoc[] | undefined;
  readonly tenantName: (tenantId: string) => string;
  readonly canPickTenant: boolean;
};

const ScopeContext = createContext<Scope>({
  tenantId: null,
  setTenantId: () => undefined,
  tenants: undefined,
  tenantName: (id) => id,
  canPickTenant: false,
});

export function ScopeProvider({ children }: { readonly children: ComponentChildren }) {
  const session = useSession();
  const user = session?.user;
  const agency = isAgency(user);
  const [picked, setPicked] = useState<string | null>(() => localStorage.getItem(SCOPE_KEY) || null);
  const tenants = useLiveList<TenantDoc>({
    channel: 'tenants',
    collection: 'tenants',
    tenantId: agency ? null : (user?.tenantId ?? null),
    load: (cursor) => fetchTenants(cursor ? { cursor } : {}),
    deps: [session?.token],
  });

  // A tenant that vanished from the list (or was never visible) falls back to all tenants.
  useEffect(() => {
    if (picked && tenants.docs && !tenants.docs.some((t) => t.id === picked)) setPicked(null);
  }, [tenants.docs, picked]);

  const value = useMemo<Scope>(() => {
    const byId = new Map((tenants.docs ?? []).map((t) => [t.id, t.name]));
    return {
      tenantId: agency ? picked : (user?.tenantId ?? null),
      setTenantId: (tenantId) => {
        if (tenantId) localStorage.setItem(SCOPE_KEY, tenantId);
        else localStorage.removeItem(SCOPE_KEY);
        setPicked(tenantId);
      },
      tenants: tenants.docs,
      tenantName: (id) => byId.get(id) ?? id,
      canPickTenant: agency,
    };
  }, [agency, picked, user?.tenantId, tenants.docs]);

  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export const useScope = (): Scope => useContext(ScopeContext);
