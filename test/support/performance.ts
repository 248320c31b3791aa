// Builders and outcome checks for the performance specs (test/domain/performance.*.test.ts).
import * as assert from 'uvu/assert';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { KpiRow } from '../../domain/performance/kpis.ts';

// One day of one ad, with round defaults; override what a spec is about.
export const aDay = (date: string, over: Partial<KpiRow> = {}): KpiRow => ({
  date,
  impressions: 1000,
  clicks: 10,
  spendMicros: 10_000_000,
  conversions: 1,
  revenueMicros: 30_000_000,
  currency: 'EUR',
  ...over,
});

// The value, or a failure that shows the refusal that came back instead.
export function thenValue<T>(result: T): Exclude<T, { readonly kind: string; readonly code: string }> {
  if (isDomainError(result)) assert.unreachable(`expected a value, got ${result.code}: ${result.message}`);
  return result as Exclude<T, { readonly kind: string; readonly code: string }>;
}
