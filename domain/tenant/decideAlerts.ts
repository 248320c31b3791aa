// The rules of performance alerts: a finding is raised once, and acknowledged once by a person.
import type { DomainEvent } from '../shared/envelope.ts';
import { conflict, notFound, type DomainError } from '../shared/errors.ts';
import type { TenantAlerts } from './alerts.ts';
import type { TenantCommand } from './commands.ts';
import type { TenantEvent } from './events.ts';
import type { TenantState } from './state.ts';

type AlertCommand = Extract<TenantCommand, { type: 'tenant.raise_performance_alert' | 'tenant.acknowledge_performance_alert' }>;

export function decideAlerts(command: AlertCommand, tenant: TenantState): readonly TenantEvent[] | DomainError {
  const { alertId } = command.data;
  switch (command.type) {
    case 'tenant.raise_performance_alert':
      // Found again: already in the log, nothing new to say.
      return tenant.alerts.raised.includes(alertId) ? [] : [{ type: 'tenant.performance_alert_raised', data: command.data }];
    case 'tenant.acknowledge_performance_alert':
      if (!tenant.alerts.raised.includes(alertId)) return notFound('tenant.alert_not_found', `Tenant ${tenant.id} has no alert ${alertId}`, { alertId });
      if (!tenant.alerts.open.includes(alertId)) return conflict('tenant.alert_already_acknowledged', `Alert ${alertId} was already acknowledged`, { alertId });
      return [{ type: 'tenant.performance_alert_acknowledged', data: command.data }];
  }
}

type AlertEvent = Extract<TenantEvent, { type: 'tenant.performance_alert_raised' | 'tenant.performance_alert_acknowledged' }>;

export function evolveAlerts(alerts: TenantAlerts, event: DomainEvent<AlertEvent>): TenantAlerts {
  const { alertId } = event.data;
  return event.type === 'tenant.performance_alert_raised'
    ? { raised: [...alerts.raised, alertId], open: [...alerts.open, alertId] }
    : { ...alerts, open: alerts.open.filter((id) => id !== alertId) };
}
