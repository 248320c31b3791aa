// How the adapter reads what google-ads-api throws, one shape at a time: a GoogleAdsFailure
// as either transport brings it (gRPC: enum numbers and a Duration; REST: names and "1.5s"),
// a bare gRPC status, and a refused refresh token on the gRPC path (grpc-js reports the
// credentials plugin's failure as "2 UNKNOWN: Getting metadata from plugin failed with
// error: invalid_grant", seen against the local server; it must not be retried).
import { errors } from 'google-ads-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classify } from '../../connectors/platforms/googleAds/errors.ts';

const failure = (error: Record<string, unknown>) => new errors.GoogleAdsFailure({ errors: [error] } as never);
const fromGrpc = (error: Record<string, unknown>) => errors.GoogleAdsFailure.decode(errors.GoogleAdsFailure.encode(errors.GoogleAdsFailure.fromObject({ errors: [error] })).finish());
const codeOf = (e: unknown) => {
  const c = classify(e, 'Testing');
  return 'error' in c ? [c.error.code, c.error.retryable, c.error.retryAfterMs] : ['transient', c.transient];
};

test('given Google\'s error codes, when classified, then each maps to its port code', () => {
  const cases: [Record<string, string>, string][] = [
    [{ quota_error: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, 'platform.rate_limited'],
    [{ campaign_budget_error: 'BUDGET_BELOW_PER_DAY_MINIMUM' }, 'platform.budget_rejected'],
    [{ billing_setup_error: 'INVALID_PAYMENTS_ACCOUNT' }, 'platform.payer_problem'],
    [{ payments_account_error: 'NOT_SUPPORTED_FOR_MANAGER_CUSTOMER' }, 'platform.payer_problem'],
    [{ policy_finding_error: 'POLICY_FINDING' }, 'platform.policy_disapproved'],
    [{ mutate_error: 'RESOURCE_NOT_FOUND' }, 'platform.not_found'],
    [{ field_error: 'REQUIRED' }, 'platform.invalid'],
    [{ request_error: 'INVALID_CUSTOMER_ID' }, 'platform.invalid'],
  ];
  for (const [error_code, code] of cases) {
    assert.is(codeOf(failure({ error_code, message: 'm' }))[0], code, `REST shape ${JSON.stringify(error_code)}`);
    assert.is(codeOf(fromGrpc({ error_code, message: 'm' }))[0], code, `gRPC shape ${JSON.stringify(error_code)}`);
  }
});

test('given a quota error with a retry delay, when classified, then retryAfterMs is Google\'s delay on either transport', () => {
  const details = (retry_delay: unknown) => ({ quota_error_details: { rate_scope: 'ACCOUNT', rate_name: 'Requests per account', retry_delay } });
  assert.equal(codeOf(fromGrpc({ error_code: { quota_error: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, details: details({ seconds: 1, nanos: 500_000_000 }) })), ['platform.rate_limited', true, 1500]);
  assert.equal(codeOf(failure({ error_code: { quota_error: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, details: details('1.5s') })), ['platform.rate_limited', true, 1500]);
  assert.equal(codeOf(fromGrpc({ error_code: { quota_error: 'RESOURCE_EXHAUSTED' } })), ['platform.rate_limited', true, undefined], 'the daily quota has no delay');
});

test('given bare gRPC statuses, when classified, then UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED are transient and the rest are not', () => {
  const status = (code: number) => Object.assign(new Error(`${code} STATUS: m`), { code, details: 'm', metadata: {} });
  assert.equal([14, 13, 4, 8].map((c) => codeOf(status(c))[1]), ['UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED']);
  assert.equal(codeOf(status(16)), ['platform.invalid', false, undefined]);
  assert.equal(codeOf(status(5)), ['platform.not_found', false, undefined]);
});

test('given a refresh token Google refused, when classified on either path, then the credentials are refused and nothing is retried', () => {
  const grpcPlugin = Object.assign(new Error('2 UNKNOWN: Getting metadata from plugin failed with error: invalid_grant'), { code: 2, details: 'Getting metadata from plugin failed with error: invalid_grant', metadata: {} });
  const gaxios = Object.assign(new Error('invalid_grant'), { response: { status: 400, data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } } });
  for (const e of [grpcPlugin, gaxios]) {
    const c = classify(e, 'Testing');
    assert.ok('error' in c && c.error.code === 'platform.invalid' && !c.error.retryable && /refused the credentials/.test(c.error.message), JSON.stringify(c));
  }
});

test.run();
