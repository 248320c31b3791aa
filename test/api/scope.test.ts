// One rule for "may this caller see tenant X", asked by HTTP queries and websocket
// subscriptions alike.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tenantScope, type Principal } from '../../api/auth/principal.ts';
import { tenantFilter } from '../../api/http/scope.ts';

const t = suite('tenant scope');
const agency: Principal = { id: 'ada', name: 'Ada', role: 'agency-user', tenantId: null };
const client: Principal = { id: 'ben', name: 'Ben', role: 'client-admin', tenantId: 'acme' };

t('an agency role sees the tenant it names, or every tenant when it names none', () => {
  assert.is(tenantScope(agency, 'acme'), 'acme');
  assert.is(tenantScope(agency, undefined), null);
});

t('a client role sees its own tenant, named or not, and nothing else', () => {
  assert.is(tenantScope(client, 'acme'), 'acme');
  assert.is(tenantScope(client, undefined), 'acme');
  assert.is(tenantScope(client, 'globex'), undefined);
});

t('a client role bound to no tenant sees nothing, rather than everything', () => {
  assert.is(tenantScope({ ...client, tenantId: null }, undefined), undefined);
});

t('as an HTTP filter: every tenant is no filter, and out of scope is tenant.not_found', () => {
  assert.equal(tenantFilter(agency, undefined), {});
  assert.equal(tenantFilter(client, undefined), { tenantId: 'acme' });
  assert.equal(tenantFilter(client, 'globex'), { kind: 'not_found', code: 'tenant.not_found', message: 'There is no tenant globex' });
});

t.run();
