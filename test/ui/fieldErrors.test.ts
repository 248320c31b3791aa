// A form shows the server's 400 details next to the field they name (ui/src/fieldErrors.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiError } from '../../ui/src/api.ts';
import { fieldErrors, isNonNegativeInt, isNonNegativeNumber } from '../../ui/src/fieldErrors.ts';

const t = suite('console: server errors per field');

// The console's ApiError, without its module (it reads the browser session on import).
const apiError = (status: number, code: string, message: string, details: unknown) => ({ status, code, message, details }) as unknown as ApiError;

t('a 400 with details gives one message per field, the first for each', () => {
  const error = apiError(400, 'command.invalid_data', 'The data of tenant.set_guardrails is not valid', [
    { path: 'maxBudgetChangePctPerDay', message: 'Too small: expected number to be >=0' },
    { path: 'maxBidChangePct', message: 'Invalid input: expected number, received string' },
    { path: 'maxBidChangePct', message: 'a second problem' },
  ]);
  assert.equal(fieldErrors(error), { maxBudgetChangePctPerDay: 'Too small: expected number to be >=0', maxBidChangePct: 'Invalid input: expected number, received string' });
});

t('anything else places nothing on a field (a refusal, a conflict, no error)', () => {
  assert.equal(fieldErrors(apiError(409, 'tenant.platform_already_linked', 'Already linked', { platform: 'meta' })), {});
  assert.equal(fieldErrors(apiError(400, 'body.invalid', 'bad', null)), {});
  assert.equal(fieldErrors(undefined), {});
});

t('the client checks mirror the schemas: non-negative numbers and whole counts', () => {
  assert.equal(['0', '12.5', ' 3 '].map(isNonNegativeNumber), [true, true, true]);
  assert.equal(['', '-1', 'abc', 'Infinity'].map(isNonNegativeNumber), [false, false, false, false]);
  assert.equal(['0', '42'].map(isNonNegativeInt), [true, true]);
  assert.equal(['1.5', '-2', '', '1e3'].map(isNonNegativeInt), [false, false, false, false]);
});

t.run();
