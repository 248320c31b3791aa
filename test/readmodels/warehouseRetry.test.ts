// The remote warehouse's retry policy: transient faults retried with growing, bounded, jittered
// waits; anything else fails at once; the last fault is what the caller gets when retries run out.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withRetry } from '../../readmodels/warehouse/retry.ts';

const t = suite('warehouse retry with backoff');
const transient = (e: unknown) => (e as { code?: number }).code === 503;
const fault = (code: number) => Object.assign(new Error(`http ${code}`), { code });

t('a transient fault is retried until the work succeeds, waits growing up to the cap', async () => {
  const waits: number[] = [];
  let calls = 0;
  const result = await withRetry(async () => (++calls < 5 ? Promise.reject(fault(503)) : 'done'), transient, {
    attempts: 6, baseMs: 100, maxMs: 300, sleep: async (ms) => void waits.push(ms), random: () => 0.999,
  });
  assert.is(result, 'done');
  assert.is(calls, 5);
  assert.equal(waits, [99, 199, 299, 299]);
});

t('a non-transient fault fails at once, without waiting', async () => {
  let calls = 0;
  const error = await withRetry(async () => { calls++; throw fault(400); }, transient, { attempts: 6, baseMs: 100, maxMs: 300, sleep: async () => assert.unreachable('slept') })
    .then(() => undefined, (e: unknown) => e);
  assert.is((error as { code: number }).code, 400);
  assert.is(calls, 1);
});

t('when attempts run out the last transient fault is thrown', async () => {
  let calls = 0;
  const error = await withRetry(async () => { calls++; throw fault(503); }, transient, { attempts: 3, baseMs: 1, maxMs: 1, sleep: async () => undefined })
    .then(() => undefined, (e: unknown) => e);
  assert.is((error as Error).message, 'http 503');
  assert.is(calls, 3);
});

t.run();
