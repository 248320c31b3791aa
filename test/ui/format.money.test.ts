// The console's one money format (ui/src/format.ts formatMoney, the same function the server's
// titles and refusal messages use): "€60,000.00", exact for every safe integer of micros.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatMoney } from '../../ui/src/format.ts';

const t = suite('console: money in one format');

t('a whole amount: currency symbol, grouping, two decimals', () => {
  assert.is(formatMoney(60_000_000_000, 'EUR'), '€60,000.00');
  assert.is(formatMoney(42_000_000_000, 'EUR'), '€42,000.00');
  assert.is(formatMoney(0, 'USD'), '$0.00');
  assert.is(formatMoney(12_500_000, 'GBP'), '£12.50');
});

t('a currency without a symbol shows its code', () => {
  assert.is(formatMoney(1_000_000, 'CHF'), 'CHF\u00a01.00'); // Intl puts a no-break space after a code
});

t('integer micros stay exact: sub-cent digits are shown, not rounded away, even near the safe-integer limit', () => {
  assert.is(formatMoney(1_234_567, 'EUR'), '€1.234567');
  assert.is(formatMoney(9_007_199_254_740_991, 'EUR'), '€9,007,199,254.740991');
  assert.is(formatMoney(100_010_000, 'EUR'), '€100.01');
});

t('nothing to show is a dash; an unknown currency shows the amount alone', () => {
  assert.is(formatMoney(undefined, 'EUR'), '—');
  assert.is(formatMoney(null, 'EUR'), '—');
  assert.is(formatMoney(1.5, 'EUR'), '—');
  assert.is(formatMoney(40_000_000_000, ''), '40,000.00');
  assert.is(formatMoney(40_000_000_000, undefined), '40,000.00');
});

t.run();
