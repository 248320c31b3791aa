import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { thenRefused } from '../support/then.ts';
import { allCommandSchemas } from '../../domain/commands.ts';
import { allEventSchemas, parseEventData } from '../../domain/events.ts';
import { canonicalJson } from '../../domain/shared/canonicalJson.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { currencySchema, formatMicros, isoDateSchema, microsSchema } from '../../domain/shared/values.ts';

const values = suite('values: money, dates, canonical JSON');

values('micros are non-negative safe integers', () => {
  for (const ok of [0, 1, Number.MAX_SAFE_INTEGER]) assert.ok(microsSchema.safeParse(ok).success, String(ok));
  for (const bad of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '10']) assert.not.ok(microsSchema.safeParse(bad).success, String(bad));
});

values('currencies are three upper-case letters', () => {
  assert.ok(currencySchema.safeParse('TRY').success);
  for (const bad of ['eur', 'EURO', 'E1R', '']) assert.not.ok(currencySchema.safeParse(bad).success, bad);
});

values('dates are real YYYY-MM-DD days', () => {
  for (const ok of ['2026-02-28', '2028-02-29', '2026-12-31']) assert.ok(isoDateSchema.safeParse(ok).success, ok);
  for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-4-1', '2026-04-01T00:00:00Z']) assert.not.ok(isoDateSchema.safeParse(bad).success, bad);
});

values('money formats from micros without float rounding', () => {
  assert.is(formatMicros(12_500_000, 'EUR'), '€12.50');
  assert.is(formatMicros(0, 'USD'), '$0.00');
  assert.is(formatMicros(1_234_567, 'TRY'), 'TRY\u00a01.234567');
  assert.is(formatMicros(9_007_199_254_740_991, 'EUR'), '€9,007,199,254.740991');
});

values('canonical JSON sorts keys at every depth and drops undefined', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
});

values.run();

const schemas = suite('schemas: the maps the pipeline uses');

schemas('event and command types are dotted: past-tense events, imperative commands', () => {
  // The launch saga's records use the spec's own names: mutation.*, campaign.live/scheduled.
  for (const type of Object.keys(allEventSchemas)) assert.match(type, /^(tenant|plan|launch|mutation|campaign|performance|schedule|user)\.[a-z_]+$/);
  for (const type of Object.keys(allCommandSchemas)) assert.match(type, /^(tenant|plan|launch|performance|schedule|user)\.[a-z_]+$/);
  assert.is(Object.keys(allEventSchemas).length, 61);
  assert.is(Object.keys(allCommandSchemas).length, 53);
});

schemas('every command schema rejects unknown fields', () => {
  for (const [type, schema] of Object.entries(allCommandSchemas)) {
    const result = schema.safeParse({ surprise: 1 });
    assert.ok(!result.success && result.error.issues.some((i) => i.code === 'unrecognized_keys'), type);
  }
});

schemas('parseEventData answers with the parsed data or an error value', () => {
  assert.equal(parseEventData('plan.line_item_removed', { lineItemId: 'a' }), { lineItemId: 'a' });
  const unknown = parseEventData('plan.exploded', {});
  thenRefused(unknown, 'event.unknown_type', 'invalid');
  const bad = thenRefused(parseEventData('plan.line_item_removed', { lineItemId: 'A.B' }), 'event.invalid_data');
  assert.match(bad.message, 'lineItemId');
});

schemas.run();
