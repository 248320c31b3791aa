// Sessions: a valid signature is not enough; the directory's current version, role, tenant
// and state must match the token's, read again at most every maxAgeMs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { directorySessions } from '../../api/auth/sessions.ts';
import { MAX_TOKEN_TTL_HOURS, tokenSigner } from '../../api/auth/tokens.ts';
import type { User } from '../../api/auth/users.ts';
import { loginLimits } from '../../api/routes/auth.ts';

const key = Buffer.alloc(32, 9);
const ben: User = { id: 'ben', name: 'Ben', role: 'client-admin', tenantId: 'acme', createdAt: '2026-11-30T10:00:00.000Z', disabled: false, tokenVersion: 3 };
const principal = { id: 'ben', name: 'Ben', role: 'client-admin' as const, tenantId: 'acme' };
const codeOf = (r: unknown) => (r as { code?: string }).code;

const t = suite('auth: sessions, token lifetime, sign-in limits');

t('given a token at the current version, then it holds; at another version, role or tenant, or disabled, it is revoked', async () => {
  const signer = tokenSigner(key);
  let user: User | undefined = ben;
  const sessions = directorySessions(signer, { get: async () => user }, { maxAgeMs: 0 });
  const token = signer.sign(principal, 60, 3).token;
  assert.equal(await sessions.authenticate(token), principal);
  assert.is(codeOf(await sessions.authenticate(signer.sign(principal, 60, 2).token)), 'auth.token_revoked');
  for (const changed of [{ ...ben, role: 'client-viewer' as const }, { ...ben, tenantId: 'beta' }, { ...ben, disabled: true }, undefined]) {
    user = changed;
    assert.is(codeOf(await sessions.authenticate(token)), 'auth.token_revoked', JSON.stringify(changed));
  }
  assert.is(codeOf(await sessions.authenticate('garbage')), 'auth.token_invalid');
});

t('given a cached answer, then the directory is read again only after maxAgeMs, or at once after forget', async () => {
  let now = 0;
  let reads = 0;
  let user: User = ben;
  const signer = tokenSigner(key);
  const sessions = directorySessions(signer, { get: async () => (reads++, user) }, { maxAgeMs: 500, now: () => now });
  const token = signer.sign(principal, 60, 3).token;
  await Promise.all([sessions.authenticate(token), sessions.authenticate(token), sessions.authenticate(token)]);
  assert.is(reads, 1, 'one read for requests at once');
  user = { ...ben, disabled: true };
  now = 499;
  assert.equal(await sessions.authenticate(token), principal, 'within maxAgeMs the cached answer stands');
  now = 500;
  assert.is(codeOf(await sessions.authenticate(token)), 'auth.token_revoked');
  user = ben;
  sessions.forget('ben');
  assert.equal(await sessions.authenticate(token), principal, 'forget reads the directory again');
  assert.is(reads, 3);
});

t(`given a lifetime above ${MAX_TOKEN_TTL_HOURS} h, then the token is signed for ${MAX_TOKEN_TTL_HOURS} h`, () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const signer = tokenSigner(key, { now: () => now, defaultTtlSeconds: 720 * 3600 });
  assert.is(signer.sign(principal).expiresAt, '2026-12-01T10:00:00.000Z');
  assert.is(signer.sign(principal, 1000 * 3600).expiresAt, '2026-12-01T10:00:00.000Z');
  assert.is(signer.sign(principal, 60).expiresAt, '2026-11-30T10:01:00.000Z');
});

t('given sign-in attempts, then 10 a minute per address and 3 a minute per code, each refusal saying how long to wait', () => {
  let now = 0;
  const limits = loginLimits(() => now);
  for (let i = 0; i < 3; i++) assert.is(limits.perCode.attempt('code-1'), undefined);
  assert.is(limits.perCode.attempt('code-1'), 20_000, 'the 4th try of one code waits for a token (60 s / 3)');
  assert.is(limits.perCode.attempt('code-2'), undefined, 'another code is not held up');
  for (let i = 0; i < 10; i++) assert.is(limits.perAddress.attempt('10.0.0.1'), undefined);
  assert.is(limits.perAddress.attempt('10.0.0.1'), 6000);
  now = 6000;
  assert.is(limits.perAddress.attempt('10.0.0.1'), undefined, 'a token came back after 6 s');
});

t.run();
