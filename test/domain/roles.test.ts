import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { principalSchema } from '../../api/auth/principal.ts';
import { actorSchema } from '../../domain/shared/envelope.ts';
import { actorRoles, agencyRoles, approverRoles, clientRoles, isAgencyRole, isApproverRole, userRoles } from '../../domain/shared/roles.ts';

const t = suite('roles: one table');

t('every person is either agency or client, never both; the platform acts as system', () => {
  assert.equal([...userRoles].sort(), [...agencyRoles, ...clientRoles].sort());
  assert.equal(agencyRoles.filter((r) => (clientRoles as readonly string[]).includes(r)), []);
  assert.equal([...actorRoles], [...userRoles, 'system']);
});

t('approvers are the agency admin and the client admin', () => {
  assert.equal(userRoles.filter(isApproverRole), ['agency-admin', 'client-admin']);
  assert.equal([...approverRoles], ['agency-admin', 'client-admin']);
});

t('only agency roles act for every tenant', () => {
  assert.equal(actorRoles.filter(isAgencyRole), ['agency-admin', 'agency-user']);
});

t('an event may record any actor role; a signed-in principal is never system', () => {
  for (const role of actorRoles) assert.ok(actorSchema.safeParse({ type: 'user', id: 'x', role }).success, role);
  assert.not.ok(actorSchema.safeParse({ type: 'user', id: 'x', role: 'auditor' }).success);
  const principal = (role: string) => principalSchema.safeParse({ id: 'x', name: 'X', role, tenantId: null }).success;
  assert.equal(userRoles.map(principal), userRoles.map(() => true));
  assert.not.ok(principal('system'));
});

t.run();
