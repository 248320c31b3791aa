import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { thenRefused } from '../support/then.ts';
import { currentSchemaVersion, upcast } from '../../domain/upcasting.ts';
import { readEvent } from '../../domain/events.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { planState } from './given.ts';
import { itemAdded, M, planCreated } from './fixtures.ts';

const v1Data = {
  lineItemId: 'a',
  name: 'Item a',
  platform: 'google_ads',
  objective: 'sales',
  budget: 30,
  flightStart: '2026-07-01',
  flightEnd: '2026-07-31',
};
const v1 = { type: 'plan.line_item_added', schemaVersion: 1, data: v1Data };

const t = suite('upcasting: plan.line_item_added v1 -> v2');

t('line_item_added is at schema version 2; every other type at 1', () => {
  assert.is(currentSchemaVersion('plan.line_item_added'), 2);
  assert.is(currentSchemaVersion('plan.created'), 1);
  assert.is(currentSchemaVersion('launch.blocked'), 1);
});

t('a v1 budget in major units becomes integer micros, with no invented currency', () => {
  const { budget: _budget, ...rest } = v1Data;
  assert.equal(upcast(v1), { type: 'plan.line_item_added', schemaVersion: 2, data: { ...rest, budgetMicros: 30 * M } });
});

t('rounding is to the nearest micro, so float noise does not leak into money', () => {
  const up = upcast({ ...v1, data: { ...v1Data, budget: 0.1 + 0.2 } });
  assert.is((up.data as { budgetMicros: number }).budgetMicros, 300_000);
  const cents = upcast({ ...v1, data: { ...v1Data, budget: 1234.565 } });
  assert.is((cents.data as { budgetMicros: number }).budgetMicros, 1_234_565_000);
});

t('a v1 event evolves to the same state as its v2 equivalent', () => {
  const fromV1 = planState(planCreated, v1);
  const fromV2 = planState(planCreated, itemAdded('a', { budgetMicros: 30 * M }));
  assert.equal(fromV1, fromV2);
  assert.is(fromV1.draft.lineItems[0]?.currency, 'EUR');
});

t('current events and other types pass through unchanged', () => {
  const v2 = { type: 'plan.line_item_added', schemaVersion: 2, data: { lineItemId: 'a' } };
  assert.equal(upcast(v2), v2);
  const other = { type: 'plan.created', schemaVersion: 1, data: { planId: 'q3' } };
  assert.equal(upcast(other), other);
});

t('readEvent upcasts and parses; a version newer than the code is refused, not guessed', () => {
  const read = readEvent(v1);
  assert.not.ok(isDomainError(read));
  const future = readEvent({ type: 'plan.created', schemaVersion: 2, data: {} });
  thenRefused(future, 'event.unknown_version');
});

t('malformed v1 data is left for the schema to reject', () => {
  const read = readEvent({ ...v1, data: { ...v1Data, budget: 'thirty' } });
  thenRefused(read, 'event.invalid_data');
});

t.run();
