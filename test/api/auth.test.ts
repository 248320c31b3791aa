// Tokens and the user directory: what signs in, for how long, and as whom.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { tokenSigner } from '../../api/auth/tokens.ts';
import { openSqliteUserDirectory } from '../../api/auth/sqliteUsers.ts';
import { ensureFirstAdmin, demoUsers, ensureDemoUsers } from '../../api/auth/bootstrap.ts';
import { newUserSchema } from '../../api/auth/users.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { tempDir } from '../support/tempDir.ts';

const key = Buffer.alloc(32, 1);
const ben = { id: 'ben', name: 'Ben', role: 'client-admin' as const, tenantId: 'acme' };

const tokens = suite('auth: signed tokens');

tokens('given a signed token, when verified, then the same principal comes back', () => {
  const signer = tokenSigner(key);
  assert.equal(signer.verify(signer.sign(ben).token), ben);
});

tokens('given a token, when the clock passes its expiry, then it is refused as expired (also once cached)', () => {
  let now = Date.parse('2026-11-22T10:00:00Z');
  const signer = tokenSigner(key, { now: () => now });
  const { token, expiresAt } = signer.sign(ben, 60);
  assert.is(expiresAt, '2026-11-22T10:01:00.000Z');
  assert.equal(signer.verify(token), ben);
  assert.is(signer.expiresAt(token), Date.parse(expiresAt));
  now += 61_000;
  assert.is((signer.verify(token) as { code: string }).code, 'auth.token_expired');
  assert.is(signer.expiresAt(token), undefined);
});

tokens('given a token from another key, or with one character changed, then it is refused', () => {
  const signer = tokenSigner(key);
  const other = tokenSigner(Buffer.alloc(32, 2)).sign(ben).token;
  assert.is((signer.verify(other) as { code: string }).code, 'auth.token_invalid');
  const good = signer.sign(ben).token;
  const flipped = good.slice(0, -2) + (good.at(-2) === 'A' ? 'B' : 'A') + good.at(-1);
  assert.is((signer.verify(flipped) as { code: string }).code, 'auth.token_invalid');
});

tokens('given a client role without a tenant in a validly signed token, then it is refused: scope must fit the role', () => {
  const signer = tokenSigner(key);
  const token = signer.sign({ ...ben, tenantId: null }).token;
  assert.is((signer.verify(token) as { code: string }).code, 'auth.token_invalid');
});

tokens('given a short key, then the signer refuses to exist', () => {
  assert.throws(() => tokenSigner(Buffer.alloc(16)), /at least 32 bytes/);
});

tokens.run();

const users = suite<{ dir: string }>('auth: the user directory');
users.before((ctx) => {
  ctx.dir = tempDir('users');
});

users('given a new directory, when the first admin is ensured twice, then one admin and one link', async ({ dir }) => {
  const directory = openSqliteUserDirectory(join(dir, 'a.db'));
  await ensureDemoUsers(directory); // demo people do not count as someone who can administer
  const first = await ensureFirstAdmin(directory, 'http://127.0.0.1:3000/');
  assert.match(first!.link, /^http:\/\/127\.0\.0\.1:3000\/login#code=[A-Za-z0-9_-]{32}$/);
  assert.is(await ensureFirstAdmin(directory, 'http://127.0.0.1:3000'), undefined);
  assert.equal((await directory.list()).map((u) => u.id), ['admin', ...demoUsers.map((u) => u.id)].sort());
  await directory.close();
});

users('given a login code, then it signs in once; a second use and an expired code are refused', async ({ dir }) => {
  let now = new Date('2026-11-22T10:00:00Z');
  const directory = openSqliteUserDirectory(join(dir, 'b.db'), { now: () => now });
  await directory.add({ id: 'ben', name: 'Ben', role: 'client-admin', tenantId: 'acme' });
  const issued = await directory.issueLoginCode('ben', 60_000);
  assert.not.ok(isDomainError(issued));
  const code = (issued as { code: string }).code;
  assert.is(((await directory.redeemLoginCode(code)) as { id: string }).id, 'ben');
  assert.is(((await directory.redeemLoginCode(code)) as { code: string }).code, 'auth.link_invalid');
  const late = (await directory.issueLoginCode('ben', 60_000)) as { code: string };
  now = new Date(now.getTime() + 61_000);
  assert.is(((await directory.redeemLoginCode(late.code)) as { code: string }).code, 'auth.link_invalid');
  assert.is(((await directory.issueLoginCode('nobody', 1000)) as { code: string }).code, 'user.not_found');
  await directory.close();
});

users('given a taken id, then add is a conflict; the signing secret is made once and kept', async ({ dir }) => {
  const path = join(dir, 'c.db');
  const directory = openSqliteUserDirectory(path);
  await directory.add({ id: 'ana', name: 'Ana', role: 'agency-user', tenantId: null });
  assert.is(((await directory.add({ id: 'ana', name: 'Other', role: 'agency-admin', tenantId: null })) as { code: string }).code, 'user.exists');
  const secret = await directory.signingSecret();
  assert.is(secret.length, 32);
  await directory.close();
  const reopened = openSqliteUserDirectory(path);
  assert.ok((await reopened.signingSecret()).equals(secret), 'tokens survive a restart');
  await reopened.close();
});

users('given user shapes, then client roles need exactly one tenant and agency roles none', () => {
  assert.ok(newUserSchema.safeParse({ id: 'x1', name: 'X', role: 'client-viewer', tenantId: 'acme' }).success);
  assert.not.ok(newUserSchema.safeParse({ id: 'x1', name: 'X', role: 'client-viewer', tenantId: null }).success);
  assert.not.ok(newUserSchema.safeParse({ id: 'x1', name: 'X', role: 'agency-user', tenantId: 'acme' }).success);
  assert.not.ok(newUserSchema.safeParse({ id: 'X Y', name: 'X', role: 'agency-user', tenantId: null }).success);
});

users.run();
