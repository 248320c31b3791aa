import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { given } from './given.ts';
import { approved, content, item, itemAdded, M, planCreated, submitted } from './fixtures.ts';

const q3 = { planId: 'q3', name: 'Q3 push', currency: 'EUR', periodStart: '2026-07-01', periodEnd: '2026-09-30', budgetMicros: 100 * M };

const create = suite('plan: create');

create('creating a plan opens an empty draft', () =>
  given()
    .when({ type: 'plan.create', data: q3 })
    .thenState((p) => {
      assert.is(p.status, 'draft');
      assert.equal(p.draft, { name: 'Q3 push', currency: 'EUR', periodStart: '2026-07-01', periodEnd: '2026-09-30', budgetMicros: 100 * M, lineItems: [] });
    }));

create('a plan cannot be created twice', () =>
  given(planCreated).when({ type: 'plan.create', data: q3 }).thenRefused('plan.already_exists', 'conflict'));

create('a period that ends before it starts is refused', () =>
  given().when({ type: 'plan.create', data: { ...q3, periodEnd: '2026-06-30' } }).thenRefused('plan.period_invalid'));

create('a plan period may be a single day', () =>
  given().when({ type: 'plan.create', data: { ...q3, periodEnd: '2026-07-01' } }).thenState((p) => assert.ok(p.exists)));

create('dates must be real calendar dates and money whole micros', () => {
  given().when({ type: 'plan.create', data: { ...q3, periodEnd: '2026-02-30' } }).thenRefused('command.invalid', 'invalid');
  given().when({ type: 'plan.create', data: { ...q3, budgetMicros: 10.5 } }).thenRefused('command.invalid', 'invalid');
  given().when({ type: 'plan.create', data: { ...q3, planId: 'Q3.bad' } }).thenRefused('command.invalid', 'invalid');
});

create('any other command on a plan that does not exist is not found', () =>
  given().when({ type: 'plan.submit_version', data: {} }).thenRefused('plan.not_found', 'not_found'));

create.run();

const items = suite('plan: line items');

items('adding a line item that fits the budget and period', () =>
  given(planCreated).when({ type: 'plan.add_line_item', data: item('a') }).then({ type: 'plan.line_item_added', data: item('a') }));

items('line-item budgets may add up to exactly the plan budget', () =>
  given(planCreated, itemAdded('a', { budgetMicros: 60 * M }))
    .when({ type: 'plan.add_line_item', data: item('b', { budgetMicros: 40 * M }) })
    .thenState((p) => assert.is(p.draft.lineItems.length, 2)));

items('going over the plan budget is refused, saying by how much', () =>
  given(planCreated, itemAdded('a', { budgetMicros: 60 * M }))
    .when({ type: 'plan.add_line_item', data: item('b', { budgetMicros: 52_500_000 }) })
    .thenRefused('plan.budget_exceeded', 'refused', /€112\.50, €12\.50 over the plan budget of €100\.00/));

items('a flight outside the plan period is refused, at either end', () => {
  given(planCreated).when({ type: 'plan.add_line_item', data: item('a', { flightStart: '2026-06-30' }) }).thenRefused('plan.flight_outside_period');
  given(planCreated).when({ type: 'plan.add_line_item', data: item('a', { flightEnd: '2026-10-01' }) }).thenRefused('plan.flight_outside_period', 'refused', /item a/);
});

items('a flight that ends before it starts is refused', () =>
  given(planCreated).when({ type: 'plan.add_line_item', data: item('a', { flightStart: '2026-07-10', flightEnd: '2026-07-09' }) }).thenRefused('plan.flight_invalid'));

items('a line item in another currency is refused', () =>
  given(planCreated).when({ type: 'plan.add_line_item', data: item('a', { currency: 'USD' }) }).thenRefused('plan.currency_mismatch', 'refused', /USD.*EUR/));

items('a duplicate line item id is a conflict', () =>
  given(planCreated, itemAdded('a')).when({ type: 'plan.add_line_item', data: item('a') }).thenRefused('plan.line_item_exists', 'conflict'));

items('updating records only the changed fields and applies them to the draft', () => {
  given(planCreated, itemAdded('a'))
    .when({ type: 'plan.update_line_item', data: { lineItemId: 'a', budgetMicros: 45 * M } })
    .then({ type: 'plan.line_item_updated', data: { lineItemId: 'a', budgetMicros: 45 * M } });
  given(planCreated, itemAdded('a'))
    .when({ type: 'plan.update_line_item', data: { lineItemId: 'a', platform: 'meta', budgetMicros: 45 * M } })
    .thenState((p) => assert.equal(p.draft.lineItems, [item('a', { platform: 'meta', budgetMicros: 45 * M })]));
});

items('an update is held to the same rules as an addition', () => {
  const g = given(planCreated, itemAdded('a', { budgetMicros: 60 * M }), itemAdded('b'));
  g.when({ type: 'plan.update_line_item', data: { lineItemId: 'b', budgetMicros: 41 * M } }).thenRefused('plan.budget_exceeded', 'refused', /€1\.00 over/);
  g.when({ type: 'plan.update_line_item', data: { lineItemId: 'b', flightEnd: '2026-12-31' } }).thenRefused('plan.flight_outside_period');
  g.when({ type: 'plan.update_line_item', data: { lineItemId: 'b', currency: 'TRY' } }).thenRefused('plan.currency_mismatch');
});

items('an update must change something', () =>
  given(planCreated, itemAdded('a')).when({ type: 'plan.update_line_item', data: { lineItemId: 'a' } }).thenRefused('command.invalid'));

items('updating or removing an unknown line item is refused', () => {
  given(planCreated).when({ type: 'plan.update_line_item', data: { lineItemId: 'zz', name: 'x' } }).thenRefused('plan.line_item_not_found', 'refused', /zz/);
  given(planCreated).when({ type: 'plan.remove_line_item', data: { lineItemId: 'zz' } }).thenRefused('plan.line_item_not_found');
});

items('removing a line item takes it out of the draft', () =>
  given(planCreated, itemAdded('a'), itemAdded('b'))
    .when({ type: 'plan.remove_line_item', data: { lineItemId: 'a' } })
    .thenState((p) => assert.equal(p.draft.lineItems.map((li) => li.lineItemId), ['b'])));

items('an unknown field in a command is invalid', () =>
  given(planCreated).when({ type: 'plan.remove_line_item', data: { lineItemId: 'a', force: true } as { lineItemId: string } }).thenRefused('command.invalid'));

items.run();

const draft = suite('plan: draft edits');

draft('the draft name, budget and period can be changed', () =>
  given(planCreated)
    .when({ type: 'plan.update_draft', data: { name: 'Q3 push, revised', budgetMicros: 120 * M } })
    .thenState((p) => {
      assert.is(p.draft.name, 'Q3 push, revised');
      assert.is(p.draft.budgetMicros, 120 * M);
      assert.is(p.draft.periodEnd, '2026-09-30');
    }));

draft('an update must name at least one field', () =>
  given(planCreated).when({ type: 'plan.update_draft', data: {} }).thenRefused('command.invalid', 'invalid'));

draft('shrinking the budget below the line items is refused', () =>
  given(planCreated, itemAdded('a', { budgetMicros: 80 * M }))
    .when({ type: 'plan.update_draft', data: { budgetMicros: 50 * M } })
    .thenRefused('plan.budget_exceeded', 'refused', /€30\.00 over/));

draft('shrinking the period under a line item flight is refused', () =>
  given(planCreated, itemAdded('a', { flightStart: '2026-07-01', flightEnd: '2026-07-31' }))
    .when({ type: 'plan.update_draft', data: { periodStart: '2026-07-15' } })
    .thenRefused('plan.flight_outside_period'));

draft('moving the period end before its start is refused', () =>
  given(planCreated).when({ type: 'plan.update_draft', data: { periodEnd: '2026-06-01' } }).thenRefused('plan.period_invalid'));

draft('edits after a submission go to the draft; the submitted version does not change', () => {
  const v1 = content(item('a'));
  given(planCreated, itemAdded('a'), submitted(1, v1), approved(1))
    .when({ type: 'plan.update_line_item', data: { lineItemId: 'a', budgetMicros: 10 * M } })
    .thenState((p) => {
      assert.is(p.draft.lineItems[0]?.budgetMicros, 10 * M);
      assert.equal(p.versions[0]?.content, v1);
      assert.is(p.status, 'approved');
    });
});

draft.run();
