// Document ids are part of the API (GET by id) and of the live protocol (the console
// follows a document by id), so their spelling is a contract, written down here.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { approvalItemId, launchDocId, planDocId, planVersionId, tenantDocId } from '../../projections/definitions/ids.ts';

const t = suite('projections: document ids');

t('a tenant is its id; a plan is tenant:plan; a version and its launch are tenant:plan:vN', () => {
  assert.is(tenantDocId('acme'), 'acme');
  assert.is(planDocId('acme', 'q3'), 'acme:q3');
  assert.is(planVersionId('acme', 'q3', 2), 'acme:q3:v2');
  assert.is(launchDocId('acme', 'q3', 2), 'acme:q3:v2');
});

t('a version can wait in the approvals queue twice, once per kind', () => {
  assert.is(approvalItemId('acme', 'q3', 2, 'plan_version'), 'acme:q3:v2:plan_version');
  assert.is(approvalItemId('acme', 'q3', 2, 'launch'), 'acme:q3:v2:launch');
});

t.run();
