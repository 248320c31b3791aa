import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentHash } from '../../domain/plan/index.ts';
import { given } from './given.ts';
import { approved, content, item, itemAdded, M, planCreated, rejected, submitted } from './fixtures.ts';

const noFourEyes = { policy: { fourEyes: false } };

const submit = suite('plan: submit version');

submit('submitting freezes the draft as version 1 with line items in id order', () => {
  const frozen = content(item('a'), item('b'));
  given(planCreated, itemAdded('b'), itemAdded('a'))
    .when({ type: 'plan.submit_version', data: {} })
    .then({ type: 'plan.version_submitted', data: { planId: 'q3', version: 1, contentHash: contentHash(frozen), content: frozen } });
  assert.equal(frozen.lineItems.map((li) => li.lineItemId), ['a', 'b']);
});

submit('the content hash is sha256 of canonical JSON: key order does not matter', () => {
  const c = content(item('a'));
  assert.match(contentHash(c), /^[0-9a-f]{64}$/);
  const reordered = Object.fromEntries(Object.entries(c).reverse()) as typeof c;
  assert.is(contentHash(reordered), contentHash(c));
  assert.is.not(contentHash(content(item('a', { budgetMicros: 1 }))), contentHash(c));
});

submit('the submitter and status are recorded', () =>
  given(planCreated, itemAdded('a'))
    .when({ type: 'plan.submit_version', data: {}, actor: 'ana' })
    .thenState((p) => {
      assert.is(p.status, 'submitted');
      assert.is(p.versions[0]?.submittedBy, 'ana');
    }));

submit('a plan without line items cannot be submitted', () =>
  given(planCreated).when({ type: 'plan.submit_version', data: {} }).thenRefused('plan.empty', 'refused'));

submit('submitting an unchanged draft is refused', () =>
  given(planCreated, itemAdded('a'), submitted(1, content(item('a'))))
    .when({ type: 'plan.submit_version', data: {} })
    .thenRefused('plan.no_changes', 'refused', /version 1/));

submit('submitting the content of an older version again is a change from the latest', () =>
  given(
    planCreated,
    itemAdded('a'),
    submitted(1, content(item('a'))),
    { type: 'plan.line_item_updated', data: { lineItemId: 'a', budgetMicros: 10 * M } },
    submitted(2, content(item('a', { budgetMicros: 10 * M }))),
    { type: 'plan.line_item_updated', data: { lineItemId: 'a', budgetMicros: 30 * M } },
  )
    .when({ type: 'plan.submit_version', data: {} })
    .thenState((p) => assert.equal(p.versions.map((v) => v.version), [1, 2, 3])));

submit('a new submission supersedes the undecided one, but not an approved one', () => {
  given(planCreated, itemAdded('a'), submitted(1, content(item('a'))), itemAdded('b'))
    .when({ type: 'plan.submit_version', data: {} })
    .thenState((p) => assert.equal(p.versions.map((v) => v.status), ['superseded', 'submitted']));
  given(planCreated, itemAdded('a'), submitted(1, content(item('a'))), approved(1), itemAdded('b'))
    .when({ type: 'plan.submit_version', data: {} })
    .thenState((p) => assert.equal(p.versions.map((v) => v.status), ['approved', 'submitted']));
});

submit('submit takes no fields: the draft is what gets submitted', () =>
  given(planCreated, itemAdded('a')).when({ type: 'plan.submit_version', data: JSON.parse('{"version": 3}') as Record<string, never> }).thenRefused('command.invalid'));

submit.run();

const decide = suite('plan: approve and reject');
const v1 = [planCreated, itemAdded('a'), submitted(1, content(item('a')), 'ana')] as const;
const v2 = [...v1, itemAdded('b'), submitted(2, content(item('a'), item('b')), 'ana')] as const;

decide('approving the latest version records who and why', () =>
  given(...v1)
    .when({ type: 'plan.approve_version', data: { version: 1, comment: 'ok for Q3' }, actor: 'ben' })
    .then({ type: 'plan.version_approved', data: { planId: 'q3', version: 1, comment: 'ok for Q3' } }));

decide('approval moves the plan and version to approved', () =>
  given(...v1)
    .when({ type: 'plan.approve_version', data: { version: 1 }, actor: 'ben' })
    .thenState((p) => {
      assert.is(p.status, 'approved');
      assert.is(p.versions[0]?.decidedBy, 'ben');
    }));

decide('rejecting needs a reason, which is kept trimmed', () => {
  given(...v1)
    .when({ type: 'plan.reject_version', data: { version: 1, reason: '  Too much on search  ' }, actor: 'ben' })
    .then({ type: 'plan.version_rejected', data: { planId: 'q3', version: 1, reason: 'Too much on search' } });
  given(...v1).when({ type: 'plan.reject_version', data: { version: 1, reason: '  no ' }, actor: 'ben' }).thenRefused('command.invalid', 'invalid');
});

decide('rejection moves the plan to rejected', () =>
  given(...v1)
    .when({ type: 'plan.reject_version', data: { version: 1, reason: 'Wrong period' }, actor: 'ben' })
    .thenState((p) => {
      assert.is(p.status, 'rejected');
      assert.is(p.versions[0]?.reason, 'Wrong period');
    }));

decide('four-eyes: the submitter cannot approve or reject', () => {
  given(...v1).when({ type: 'plan.approve_version', data: { version: 1 }, actor: 'ana' }).thenRefused('plan.four_eyes', 'refused', /submitter cannot approve/);
  given(...v1).when({ type: 'plan.reject_version', data: { version: 1, reason: 'Changed my mind' }, actor: 'ana' }).thenRefused('plan.four_eyes');
});

decide('without four-eyes the submitter may approve their own version', () =>
  given(...v1)
    .when({ type: 'plan.approve_version', data: { version: 1 }, actor: 'ana' }, noFourEyes)
    .then({ type: 'plan.version_approved', data: { planId: 'q3', version: 1 } }));

decide('an older version is stale once a newer one is submitted', () =>
  given(...v2).when({ type: 'plan.approve_version', data: { version: 1 }, actor: 'ben' }).thenRefused('plan.stale_version', 'conflict', 'Version 1 was superseded by 2'));

decide('an unknown version is not found', () =>
  given(...v1).when({ type: 'plan.approve_version', data: { version: 7 }, actor: 'ben' }).thenRefused('plan.version_not_found', 'not_found'));

decide('a version is decided once', () => {
  given(...v1, approved(1)).when({ type: 'plan.reject_version', data: { version: 1, reason: 'On second thought' }, actor: 'cem' }).thenRefused('plan.version_already_decided', 'conflict');
  given(...v1, rejected(1)).when({ type: 'plan.approve_version', data: { version: 1 }, actor: 'cem' }).thenRefused('plan.version_already_decided');
});

decide('the version number must be a positive integer', () =>
  given(...v1).when({ type: 'plan.approve_version', data: { version: 0 }, actor: 'ben' }).thenRefused('command.invalid'));

decide.run();
