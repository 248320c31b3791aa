// The auditor's as-of view: a state as the console shows things (money from micros in the
// currency in force, days, times, platform names), and what changed between then and now.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDate, formatDateTime, formatMoney } from '../../ui/src/format.ts';
import { stateChanges, stateRows } from '../../ui/src/stateView.ts';

const t = suite('console: a state as of a moment, and what changed since');

const then = {
  name: 'Winter',
  currency: 'EUR',
  periodStart: '2026-12-01',
  budgetMicros: 5_000_000_000,
  submittedAt: '2026-11-22T10:00:05.000Z',
  draft: { lineItems: [{ lineItemId: 'search', platform: 'google_ads', budgetMicros: 1_000_000_000, currency: 'EUR' }] },
  locked: false,
};
const now = {
  ...then,
  budgetMicros: 6_500_000_000,
  locked: true,
  draft: { lineItems: [{ lineItemId: 'social', platform: 'meta', budgetMicros: 250_000_000, currency: 'USD' }, { ...then.draft.lineItems[0]!, budgetMicros: 2_000_000_000 }] },
};

t('given a state, then each field is labelled in words and formatted with the console formatters, not raw JSON', () => {
  const rows = new Map(stateRows(then).map((r) => [r.label, r.value]));
  assert.is(rows.get('Budget'), formatMoney(5_000_000_000, 'EUR'));
  assert.is(rows.get('Budget'), '€5,000.00');
  assert.is(rows.get('Period start'), formatDate('2026-12-01'));
  assert.is(rows.get('Submitted at'), formatDateTime('2026-11-22T10:00:05.000Z', true));
  assert.is(rows.get('Draft › Line items › search › Platform'), 'Google Ads');
  assert.is(rows.get('Locked'), 'No');
});

t('given a nested amount, then it takes the currency of its own object', () => {
  const rows = new Map(stateRows(now).map((r) => [r.label, r.value]));
  assert.is(rows.get('Draft › Line items › social › Budget'), '$250.00');
});

t('given then and now, then the changes are field by field, matched by id, formatted the same way', () => {
  const changes = stateChanges(then, now).map((c) => [c.kind, c.label, c.before, c.after]);
  assert.equal(changes, [
    ['changed', 'Budget', '€5,000.00', '€6,500.00'],
    ['added', 'Draft › Line items › social › Line item id', '—', 'social'],
    ['added', 'Draft › Line items › social › Platform', '—', 'Meta'],
    ['added', 'Draft › Line items › social › Budget', '—', '$250.00'],
    ['added', 'Draft › Line items › social › Currency', '—', 'USD'],
    ['changed', 'Draft › Line items › search › Budget', '€1,000.00', '€2,000.00'],
    ['changed', 'Locked', 'No', 'Yes'],
  ]);
  assert.equal(stateChanges(now, now), []);
});

t.run();
