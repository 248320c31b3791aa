// The read-model document size rule: a cheap bound never below the real JSON size, and the
// exact size decides near the limit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { documentSizeError, jsonSizeBound } from '../../readmodels/documents/documentSize.ts';

const exact = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

test('the bound is never below the JSON size: escapes, multi-byte text, numbers, nesting, toJSON', () => {
  const docs: unknown[] = [
    { id: 'a', text: '\u0000\u0001\n"\\', n: -1.7976931348623157e308, ok: true, none: null },
    { id: 'b', emoji: '🙂🙂🙂', cjk: '媒体计划', nested: { list: [1, 'two', [3, { four: 4 }]], empty: {} } },
    { id: 'c', at: new Date(0), items: Array.from({ length: 50 }, (_, i) => ({ i, s: 'x'.repeat(i) })) },
  ];
  for (const doc of docs) assert.ok(jsonSizeBound(doc, Infinity) >= exact(doc), `${jsonSizeBound(doc, Infinity)} < ${exact(doc)} for ${JSON.stringify(doc)}`);
});

test('over the limit by its real size: refused with id, collection and bytes; under it by its real size: kept, however loose the bound', () => {
  const limit = 1000;
  const over = { id: 'big', s: 'x'.repeat(1000) };
  assert.is(documentSizeError('plans', over, limit), `document big of plans would be ${exact(over)} bytes, over the 1000-byte limit of a read-model document`);
  const near = { id: 'near', s: 'x'.repeat(900) }; // its bound is ~5,400, its JSON 922 bytes
  assert.ok(jsonSizeBound(near, limit) > limit, 'the bound alone would refuse it');
  assert.is(documentSizeError('plans', near, limit), undefined);
});

test.run();
