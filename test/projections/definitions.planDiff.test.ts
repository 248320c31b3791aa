import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diffPlanContent } from '../../projections/definitions/planDiff.ts';
import { content, item, M } from '../domain/fixtures.ts';

const t = suite('projections: diffPlanContent');

t('the first version is diffed against nothing: every field and item is added', () => {
  const v1 = content(item('a'), item('b', { budgetMicros: 20 * M }));
  const diff = diffPlanContent(undefined, v1);
  assert.equal(diff.fields, [
    { field: 'name', from: null, to: 'Q3 push' },
    { field: 'currency', from: null, to: 'EUR' },
    { field: 'periodStart', from: null, to: '2026-07-01' },
    { field: 'periodEnd', from: null, to: '2026-09-30' },
    { field: 'budgetMicros', from: null, to: 100 * M },
  ]);
  assert.equal(diff.lineItems, { added: [item('a'), item('b', { budgetMicros: 20 * M })], removed: [], changed: [], unchanged: [] });
  assert.equal(diff.totals, { lineItemBudgetMicros: { from: 0, to: 50 * M } });
});

t('added, removed and changed items, each change field by field; untouched items listed by id', () => {
  const prev = content(item('a'), item('b'), item('c'));
  const next = content(item('a'), item('b', { budgetMicros: 40 * M, flightEnd: '2026-08-31' }), item('d', { platform: 'meta' }));
  const diff = diffPlanContent(prev, next);
  assert.equal(diff.fields, []);
  assert.equal(diff.lineItems.added, [item('d', { platform: 'meta' })]);
  assert.equal(diff.lineItems.removed, [item('c')]);
  assert.equal(diff.lineItems.changed, [
    {
      lineItemId: 'b',
      name: 'Item b',
      changes: [
        { field: 'budgetMicros', from: 30 * M, to: 40 * M },
        { field: 'flightEnd', from: '2026-07-31', to: '2026-08-31' },
      ],
    },
  ]);
  assert.equal(diff.lineItems.unchanged, ['a']);
  assert.equal(diff.totals, { lineItemBudgetMicros: { from: 90 * M, to: 100 * M } });
});

t('plan-level changes name the field with both values', () => {
  const prev = content(item('a'));
  const next = { ...content(item('a')), name: 'Q3 push, revised', budgetMicros: 120 * M };
  assert.equal(diffPlanContent(prev, next).fields, [
    { field: 'name', from: 'Q3 push', to: 'Q3 push, revised' },
    { field: 'budgetMicros', from: 100 * M, to: 120 * M },
  ]);
});

t('a renamed item is changed, not removed and added; its new name heads the change', () => {
  const diff = diffPlanContent(content(item('a')), content(item('a', { name: 'Brand search' })));
  assert.equal(diff.lineItems.changed, [{ lineItemId: 'a', name: 'Brand search', changes: [{ field: 'name', from: 'Item a', to: 'Brand search' }] }]);
  assert.equal([diff.lineItems.added.length, diff.lineItems.removed.length], [0, 0]);
});

t('the order items were entered in does not matter; lists come out in id order', () => {
  const prev = { ...content(), lineItems: [item('b'), item('a')] };
  const next = { ...content(), lineItems: [item('z'), item('a'), item('y')] };
  const diff = diffPlanContent(prev, next);
  assert.equal(diff.lineItems.added.map((li) => li.lineItemId), ['y', 'z']);
  assert.equal(diff.lineItems.removed.map((li) => li.lineItemId), ['b']);
  assert.equal(diff.lineItems.unchanged, ['a']);
});

t('the diff is plain JSON', () => {
  const diff = diffPlanContent(undefined, content(item('a')));
  assert.equal(JSON.parse(JSON.stringify(diff)), diff);
});

t.run();
