// How Meta's error answers and usage headers read as PlatformError values: one row per
// kind of refusal, in the shapes the Marketing API error reference and rate-limiting guide give.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphError, thrownError, type GraphErrorBody } from '../../connectors/platforms/meta/errors.ts';
import { usageOf } from '../../connectors/platforms/meta/usage.ts';
import type { PlatformErrorCode } from '../../connectors/platforms/port.ts';

const test = suite('meta error and usage mapping');

const rows: [string, GraphErrorBody, number | null, PlatformErrorCode, boolean][] = [
  ['app request limit (4)', { code: 4, message: 'Application request limit reached' }, 400, 'platform.rate_limited', true],
  ['user request limit (17)', { code: 17, error_subcode: 2446079, message: 'User request limit reached' }, 400, 'platform.rate_limited', true],
  ['page request limit (32)', { code: 32, message: 'Page request limit reached' }, 400, 'platform.rate_limited', true],
  ['ad account limit (613)', { code: 613, error_subcode: 1487742, message: 'There have been too many calls from this ad-account.' }, 400, 'platform.rate_limited', true],
  ['ads management BUC limit (80004)', { code: 80004, message: 'There have been too many calls to this ad-account.' }, 400, 'platform.rate_limited', true],
  ['unknown error (1)', { code: 1, message: 'An unknown error occurred' }, 500, 'platform.unavailable', true],
  ['service error (2)', { code: 2, message: 'An unexpected error has occurred. Please retry your request later.', is_transient: true }, 500, 'platform.unavailable', true],
  ['budget too low', { code: 100, error_subcode: 1885272, message: 'Invalid parameter', error_user_title: 'Budget Too Low' }, 400, 'platform.budget_rejected', false],
  ['budget too low, said in words only', { code: 100, message: 'Invalid parameter', error_user_title: 'Budget too low', error_user_msg: 'The minimum daily budget for this ad set is €5.00' }, 400, 'platform.budget_rejected', false],
  ['a budget setting missing (not a refused amount)', { code: 100, message: 'Invalid parameter', error_user_title: 'Budget Sharing Setting Required' }, 400, 'platform.invalid', false],
  ['billing threshold charge failed', { code: 100, error_subcode: 1487390, message: 'Invalid parameter' }, 400, 'platform.payer_problem', false],
  ['payment method needed', { code: 100, message: 'Invalid parameter', error_user_title: 'No Payment Method', error_user_msg: 'Add a payment method to this ad account.' }, 400, 'platform.payer_problem', false],
  ['policy block (368)', { code: 368, message: 'The action attempted has been deemed abusive or is otherwise disallowed' }, 400, 'platform.policy_disapproved', false],
  ['ad rejected under policies', { code: 100, message: 'Invalid parameter', error_user_title: 'Ad Rejected', error_user_msg: 'Your ad goes against our Advertising Policies.' }, 400, 'platform.policy_disapproved', false],
  ['nonexistent object (100/33)', { code: 100, error_subcode: 33, message: "Unsupported get request. Object with ID '1' does not exist" }, 400, 'platform.not_found', false],
  ['invalid token (190)', { code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired' }, 400, 'platform.invalid', false],
  ['permission (200)', { code: 200, message: 'Permissions error' }, 403, 'platform.invalid', false],
  ['invalid parameter (100)', { code: 100, message: 'Invalid parameter', error_user_msg: 'Objective LINK_CLICKS is not valid' }, 400, 'platform.invalid', false],
];
for (const [name, body, status, code, retryable] of rows)
  test(`given Graph error "${name}", when mapped, then it is ${code} (retryable ${retryable}) with Meta's words kept`, () => {
    const e = graphError(body, undefined, status);
    assert.equal([e.code, e.retryable], [code, retryable], JSON.stringify(e));
    assert.ok(e.platformMessage?.includes(body.error_user_msg ?? body.message ?? ''), JSON.stringify(e));
    assert.ok(e.platformMessage?.includes(`code ${body.code}`), JSON.stringify(e));
  });

test('given a 190 refusal, when mapped, then the message says the credentials were refused', () => {
  assert.match(graphError({ code: 190, message: 'Invalid OAuth access token' }, undefined, 400).message, /credentials were refused|refused the credentials/);
});

test('given a rate limit with usage headers, when mapped, then retryAfterMs is the regain estimate (minutes), else the account reset (seconds)', () => {
  const buc = JSON.stringify({ '42': [{ type: 'ads_management', call_count: 100, total_cputime: 20, total_time: 20, estimated_time_to_regain_access: 3 }] });
  const account = JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 45, ads_api_access_tier: 'standard_access' });
  assert.is(graphError({ code: 80004 }, { 'x-business-use-case-usage': buc, 'x-ad-account-usage': account }, 400).retryAfterMs, 180_000);
  assert.is(graphError({ code: 17 }, { 'x-ad-account-usage': account }, 400).retryAfterMs, 45_000);
  assert.is(graphError({ code: 17 }, undefined, 400).retryAfterMs, undefined);
});

test('given the SDK\'s FacebookRequestError, whose url and data carry the token, when mapped, then the value holds Graph\'s words and no token', () => {
  const token = 'EAAsecretTOKEN123';
  const sdkError = Object.assign(new Error('Invalid parameter'), {
    name: 'FacebookRequestError',
    status: 400,
    response: { code: 100, message: 'Invalid parameter', error_user_msg: 'Name is too long', fbtrace_id: 'AxYz' },
    headers: {},
    method: 'POST',
    url: `https://graph.facebook.com/v24.0/act_1/campaigns?access_token=${token}`,
    data: { access_token: token, name: 'x' },
  });
  const e = thrownError(sdkError);
  assert.is(e.code, 'platform.invalid');
  assert.ok(e.platformMessage?.includes('Name is too long'));
  assert.not.ok(JSON.stringify(e).includes(token), JSON.stringify(e));
  const noAnswer = thrownError(Object.assign(new Error('x'), { name: 'FacebookRequestError', status: null, response: null, message: 'The request was made but no response was received', url: `?access_token=${token}` }));
  assert.equal([noAnswer.code, noAnswer.retryable, JSON.stringify(noAnswer).includes(token)], ['platform.unavailable', true, false]);
  assert.equal([thrownError(new SyntaxError('Unexpected token < in JSON')).code, thrownError(new SyntaxError('x')).retryable], ['platform.unavailable', true]);
});

test('given usage headers, when read, then the highest percentage counts and unreadable headers are ignored', () => {
  const buc = JSON.stringify({ '1': [{ type: 'ads_insights', call_count: 12, total_cputime: 81, total_time: 40, estimated_time_to_regain_access: 0 }] });
  assert.equal(usageOf({ 'x-business-use-case-usage': buc, 'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 9.67, reset_time_duration: 100 }) }), { percent: 81, resetMs: 100_000 });
  assert.is(usageOf({ 'x-business-use-case-usage': 'not json' }), undefined);
  assert.is(usageOf({}), undefined);
});

test.run();
