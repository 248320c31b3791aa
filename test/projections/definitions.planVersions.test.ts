import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentHash } from '../../domain/plan/contentHash.ts';
import { diffPlanContent } from '../../projections/definitions/planDiff.ts';
import { planVersions } from '../../projections/definitions/planVersions.ts';
import { approved, content, item, itemAdded, M, planCreated, rejected, submitted } from '../domain/fixtures.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: plan_versions');

const v1 = content(item('a'), item('b'));
const v2 = content(item('a'), item('b', { budgetMicros: 40 * M }), item('c', { platform: 'meta' }));
const v3 = content(item('a'));
const history = projected([
  planCreated,
  itemAdded('a'),
  submitted(1, v1, 'maria'),
  submitted(2, v2, 'maria'),
  rejected(2, 'ben'),
  submitted(3, v3, 'maria'),
  approved(3, 'ben'),
]);

t('a document per submitted version: frozen content, hash, fate, and the diff from the version before', async () => {
  const docs = await replayTwice(planVersions, history);
  assert.equal([...docs.keys()], ['acme:q3:v1', 'acme:q3:v2', 'acme:q3:v3']);
  assert.equal(docs.get('acme:q3:v2'), {
    id: 'acme:q3:v2',
    tenantId: 'acme',
    planId: 'q3',
    version: 2,
    contentHash: contentHash(v2),
    content: v2,
    status: 'rejected',
    submittedBy: 'maria',
    submittedAt: '2026-01-01T00:00:04.000Z',
    decidedBy: 'ben',
    decidedAt: '2026-01-01T00:00:05.000Z',
    reason: 'Too much on search',
    diffAgainst: 1,
    diff: diffPlanContent(v1, v2),
    updatedAt: '2026-01-01T00:00:05.000Z',
    position: '5',
  });
});

t('version 1 is diffed against nothing; a newer submission supersedes the one still waiting', async () => {
  const docs = await replay(planVersions, history);
  const first = docs.get('acme:q3:v1');
  assert.is(first?.diffAgainst, null);
  assert.equal(first?.diff, diffPlanContent(undefined, v1));
  assert.equal([first?.status, first?.supersededAt, first?.position], ['superseded', '2026-01-01T00:00:04.000Z', '4']);
  assert.ok(first && !('decidedBy' in first), 'superseding is not a decision');
});

t('the diff an approver reads for version 2: one item changed, one added', async () => {
  const diff = (await replay(planVersions, history)).get('acme:q3:v2')?.diff as ReturnType<typeof diffPlanContent>;
  assert.equal(diff.lineItems.changed.map((c) => c.lineItemId), ['b']);
  assert.equal(diff.lineItems.added.map((li) => li.lineItemId), ['c']);
  assert.equal(diff.totals.lineItemBudgetMicros, { from: 60 * M, to: 100 * M });
});

t('an approval records who and when, and leaves the other versions alone', async () => {
  const events = history;
  const before = await replay(planVersions, events.slice(0, -1));
  const after = await replay(planVersions, events);
  assert.equal([after.get('acme:q3:v3')?.status, after.get('acme:q3:v3')?.decidedBy], ['approved', 'ben']);
  assert.equal(after.get('acme:q3:v2'), before.get('acme:q3:v2'));
  assert.equal(after.get('acme:q3:v1'), before.get('acme:q3:v1'));
});

t.run();
