import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commandRoles } from '../../commands/commandRoles.ts';
import type { PerformanceAlert } from '../../domain/tenant/alerts.ts';
import { given } from './given.ts';
import { tenantCreated } from './fixtures.ts';

const analysis = { type: 'agent', id: 'performance-analysis', role: 'system' } as const;
const alert: PerformanceAlert = {
  alertId: 'anomaly:roas_drop:all:2026-11-23', kind: 'anomaly', severity: 'high', rule: 'roas_drop',
  from: '2026-11-17', to: '2026-11-23', current: 2.4, baseline: 3.2, changePct: -25, message: 'ROAS fell 25% to 2.40 (was 3.20)',
};
const raise = (data: PerformanceAlert = alert) => ({ type: 'tenant.raise_performance_alert', data, actor: analysis }) as const;
const acknowledge = (alertId = alert.alertId) => ({ type: 'tenant.acknowledge_performance_alert', data: { alertId, note: 'Looked at it: feed fixed' } }) as const;
const raised = { type: 'tenant.performance_alert_raised', data: alert } as const;

const t = suite('tenant: performance alerts');

t('given a tenant, when the analysis raises a finding, then it is recorded as given', () =>
  given(tenantCreated).when(raise()).then(raised));

t('given the finding was raised, when it is raised again (the weekly run repeated), then nothing new is recorded', () =>
  given(tenantCreated, raised).when(raise()).then());

t('given the finding was raised and acknowledged, when it is found again, then it stays acknowledged: nothing is recorded', () =>
  given(tenantCreated, raised, { type: 'tenant.performance_alert_acknowledged', data: { alertId: alert.alertId, note: 'seen' } }).when(raise()).then());

t('given an open alert, when a person acknowledges it, then it is closed with their note', () =>
  given(tenantCreated, raised)
    .when(acknowledge())
    .then({ type: 'tenant.performance_alert_acknowledged', data: { alertId: alert.alertId, note: 'Looked at it: feed fixed' } }));

t('given no such alert, when acknowledged, then it is not found', () =>
  given(tenantCreated).when(acknowledge('overspend:daily:123:2026-11-20')).thenRefused('tenant.alert_not_found', 'not_found', /no alert overspend:daily:123/));

t('given an acknowledged alert, when acknowledged again, then it is a conflict', () =>
  given(tenantCreated, raised, { type: 'tenant.performance_alert_acknowledged', data: { alertId: alert.alertId, note: 'seen' } })
    .when(acknowledge())
    .thenRefused('tenant.alert_already_acknowledged', 'conflict'));

t('an alert id names what it is about; free text is refused', () =>
  given(tenantCreated).when(raise({ ...alert, alertId: 'look at this!' })).thenRefused('command.invalid', 'invalid'));

t('only the system raises alerts; the agency acknowledges them', () => {
  assert.equal(commandRoles['tenant.raise_performance_alert'], ['system']);
  assert.ok(commandRoles['tenant.acknowledge_performance_alert'].includes('agency-user'));
  assert.not.ok(commandRoles['tenant.acknowledge_performance_alert'].includes('client-viewer' as never));
});

t.run();
