import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contentHash } from '../../domain/plan/contentHash.ts';
import { plans } from '../../projections/definitions/plans.ts';
import { approved, content, item, itemAdded, M, planCreated, rejected, submitted } from '../domain/fixtures.ts';
import { projected, replay, replayTwice } from './replay.ts';

const t = suite('projections: plans');

const b40 = item('b', { budgetMicros: 40 * M });
const v1 = content(item('a'), item('b'));
const v2 = { ...content(item('a'), b40), name: 'Q3 push, revised' };
const history = projected([
  planCreated,
  itemAdded('a'),
  itemAdded('b'),
  itemAdded('c'),
  { type: 'plan.line_item_removed', data: { lineItemId: 'c' } },
  submitted(1, v1),
  { type: 'plan.line_item_updated', data: { lineItemId: 'b', budgetMicros: 40 * M } },
  { type: 'plan.draft_updated', data: { name: 'Q3 push, revised' } },
  submitted(2, v2, 'maria'),
  rejected(2, 'ben'),
]);

t('one document per plan: the draft, its status and a summary line per version', async () => {
  const docs = await replayTwice(plans, history);
  assert.equal([...docs.keys()], ['acme:q3']);
  assert.equal(docs.get('acme:q3'), {
    id: 'acme:q3',
    tenantId: 'acme',
    planId: 'q3',
    name: 'Q3 push, revised',
    currency: 'EUR',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    budgetMicros: 100 * M,
    lineItems: [item('a'), b40],
    allocatedMicros: 70 * M,
    status: 'rejected',
    latestVersion: 2,
    versions: [
      { version: 1, contentHash: contentHash(v1), status: 'superseded', submittedBy: 'ana', submittedAt: '2026-01-01T00:00:06.000Z' },
      {
        version: 2,
        contentHash: contentHash(v2),
        status: 'rejected',
        submittedBy: 'maria',
        submittedAt: '2026-01-01T00:00:09.000Z',
        decidedBy: 'ben',
        decidedAt: '2026-01-01T00:00:10.000Z',
        reason: 'Too much on search',
      },
    ],
    updatedAt: '2026-01-01T00:00:10.000Z',
    position: '10',
  });
});

t('a draft plan has no versions and latestVersion null; approval sets the status', async () => {
  const draft = await replay(plans, projected([planCreated, itemAdded('a')]));
  assert.equal([draft.get('acme:q3')?.status, draft.get('acme:q3')?.latestVersion, draft.get('acme:q3')?.versions], ['draft', null, []]);
  const done = await replay(plans, projected([planCreated, itemAdded('a'), submitted(1, content(item('a'))), approved(1)]));
  assert.is(done.get('acme:q3')?.status, 'approved');
  assert.equal(done.get('acme:q3')?.versions, [
    {
      version: 1,
      contentHash: contentHash(content(item('a'))),
      status: 'approved',
      submittedBy: 'ana',
      submittedAt: '2026-01-01T00:00:03.000Z',
      decidedBy: 'ben',
      decidedAt: '2026-01-01T00:00:04.000Z',
    },
  ]);
});

t('an upcast v1 line_item_added projects exactly as its v2 equivalent', async () => {
  const old = {
    type: 'plan.line_item_added',
    schemaVersion: 1,
    data: { lineItemId: 'a', name: 'Item a', platform: 'google_ads', objective: 'sales', budget: 30, flightStart: '2026-07-01', flightEnd: '2026-07-31' },
  };
  const fromV1 = await replay(plans, projected([planCreated, old]));
  const fromV2 = await replay(plans, projected([planCreated, itemAdded('a', { budgetMicros: 30 * M })]));
  assert.equal(fromV1, fromV2);
  assert.equal(fromV1.get('acme:q3')?.lineItems, [item('a')]);
});

t.run();
