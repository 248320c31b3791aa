import { useScope } from '../scope.tsx';

// Agency roles look at one tenant or all of them; client roles see their own, by name.
export function TenantPicker() {
  const scope = useScope();
  if (!scope.canPickTenant) {
    return scope.tenantId ? (
      <span class="tenant-fixed" data-testid="tenant-name">
        {scope.tenantName(scope.tenantId)}
      </span>
    ) : null;
  }
  return (
    <label class="tenant-picker">
      <span class="visually-hidden">Tenant</span>
      <select
        data-testid="tenant-picker"
        value={scope.tenantId ?? ''}
        onChange={(e) => scope.setTenantId((e.target as HTMLSelectElement).value || null)}
      >
        <option value="">All tenants</option>
        {(scope.tenants ?? []).map((t) => (
          <option value={t.id} key={t.id}>
            {t.name}
          </option>
        ))}
        {scope.tenantId && !scope.tenants?.some((t) => t.id === scope.tenantId) ? <option value={scope.tenantId}>{scope.tenantId}</option> : null}
      </select>
    </label>
  );
}
