import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idSchema, launchStream, parseStreamName, planStream, scheduleStream, tenantStream } from '../../domain/streams.ts';

const t = suite('streams: names');

t('stream names follow the category-first convention', () => {
  assert.is(tenantStream('acme'), 'tenant-acme');
  assert.is(planStream('acme', 'q3'), 'plan-acme.q3');
  assert.is(launchStream('acme', 'q3', 2), 'launch-acme.q3.v2');
});

t('stream names parse back to their parts, even with dashes in ids', () => {
  assert.equal(parseStreamName(tenantStream('acme-eu')), { category: 'tenant', tenantId: 'acme-eu' });
  assert.equal(parseStreamName(planStream('acme', 'q3-push')), { category: 'plan', tenantId: 'acme', planId: 'q3-push' });
  assert.equal(parseStreamName(launchStream('acme', 'q3', 12)), { category: 'launch', tenantId: 'acme', planId: 'q3', version: 12 });
});

t('a scheduled workflow has one agency-scoped stream, and only the agency scope parses', () => {
  assert.is(scheduleStream('daily-sync-all-tenants'), 'schedule-agency.daily-sync-all-tenants');
  assert.equal(parseStreamName(scheduleStream('daily-sync-all-tenants')), { category: 'schedule', tenantId: 'agency', workflow: 'daily-sync-all-tenants' });
  for (const name of ['schedule-acme.daily', 'schedule-agency', 'schedule-agency.daily.x']) assert.is(parseStreamName(name), undefined, name);
});

t('anything else is not one of our streams', () => {
  for (const name of ['acme', 'tenant-', 'tenant-acme.q3', 'plan-acme', 'plan-acme.q3.v1', 'launch-acme.q3', 'launch-acme.q3.v0', 'launch-acme.q3.1', 'launch-acme.q3.v1.x', 'proposal-acme.p1', 'tenant-Acme']) {
    assert.is(parseStreamName(name), undefined, name);
  }
});

t('ids are lower-case slugs without dots', () => {
  for (const ok of ['acme', 'q3', 'a_b-c', '0x']) assert.ok(idSchema.safeParse(ok).success, ok);
  for (const bad of ['', 'Acme', 'a.b', '-a', '_a', 'a b', 'x'.repeat(64)]) assert.not.ok(idSchema.safeParse(bad).success, bad);
});

t.run();
