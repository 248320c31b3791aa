// One contract for every UserDirectory adapter: users, their state and token versions, login
// codes, and the signing secret. Each case opens a directory of its own (a new file, a new
// database), with a clock the case moves.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NewUser, User, UserDirectory } from '../../api/auth/users.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';

export type OpenDirectory = (now: () => Date) => Promise<UserDirectory>;

const ben: NewUser = { id: 'ben.client', name: 'Ben', role: 'client-admin', tenantId: 'acme' };
const ana: NewUser = { id: 'ana', name: 'Ana', role: 'agency-user', tenantId: null };

function ok<T>(value: T | DomainError): T {
  if (isDomainError(value)) throw new Error(`expected a value, got ${value.code}: ${value.message}`);
  return value;
}
const codeOf = (value: unknown): string => (isDomainError(value) ? value.code : `no error but ${JSON.stringify(value)}`);

export function userDirectoryContract(name: string, open: OpenDirectory): void {
  const t = suite<{ users: UserDirectory; clock: { now: Date } }>(`user directory contract: ${name}`);
  t.before.each(async (ctx) => {
    ctx.clock = { now: new Date('2026-11-30T10:00:00Z') };
    ctx.users = await open(() => ctx.clock.now);
  });
  t.after.each(async ({ users }) => users.close());

  t('given a new user, then it is active at token version 0 and listed; a taken id is a conflict', async ({ users }) => {
    const added = ok(await users.add(ben));
    assert.equal({ ...added, createdAt: undefined }, { ...ben, createdAt: undefined, disabled: false, tokenVersion: 0 });
    assert.is(added.createdAt, '2026-11-30T10:00:00.000Z');
    assert.equal(await users.get('ben.client'), added);
    assert.is(codeOf(await users.add({ ...ben, name: 'Other' })), 'user.exists');
    ok(await users.add(ana));
    assert.equal((await users.list()).map((u) => u.id), ['ana', 'ben.client']);
    assert.is(await users.get('nobody'), undefined);
  });

  t('given a user, when disabled, then the version rises, codes die and redeeming refuses; enabling keeps the version', async ({ users }) => {
    ok(await users.add(ben));
    const { code } = ok(await users.issueLoginCode('ben.client', 60_000));
    const disabled = ok(await users.setDisabled('ben.client', true));
    assert.equal([disabled.disabled, disabled.tokenVersion], [true, 1]);
    assert.equal(ok(await users.setDisabled('ben.client', true)).tokenVersion, 1, 'disabling twice changes nothing');
    assert.is(codeOf(await users.redeemLoginCode(code)), 'auth.link_invalid');
    const enabled = ok(await users.setDisabled('ben.client', false));
    assert.equal([enabled.disabled, enabled.tokenVersion], [false, 1]);
    assert.is(codeOf(await users.redeemLoginCode(code)), 'auth.link_invalid', 'a code from before the disabling stays dead');
    const fresh = ok(await users.issueLoginCode('ben.client', 60_000));
    assert.is(ok(await users.redeemLoginCode(fresh.code)).id, 'ben.client');
    assert.is(codeOf(await users.setDisabled('nobody', true)), 'user.not_found');
  });

  t('given a user, when re-roled, then role, tenant and version change together', async ({ users }) => {
    ok(await users.add(ben));
    const changed = ok(await users.changeRole('ben.client', 'client-viewer', 'acme'));
    assert.equal([changed.role, changed.tenantId, changed.tokenVersion], ['client-viewer', 'acme', 1]);
    assert.equal(await users.get('ben.client'), changed);
    assert.is(codeOf(await users.changeRole('nobody', 'agency-user', null)), 'user.not_found');
  });

  t('given a removed user, then they are gone with their codes; the id taken again continues the version', async ({ users }) => {
    ok(await users.add(ben));
    const { code } = ok(await users.issueLoginCode('ben.client', 60_000));
    assert.is(ok(await users.remove('ben.client')), true);
    assert.is(await users.get('ben.client'), undefined);
    assert.equal(await users.list(), []);
    assert.is(codeOf(await users.redeemLoginCode(code)), 'auth.link_invalid');
    assert.is(codeOf(await users.remove('ben.client')), 'user.not_found');
    assert.is(codeOf(await users.issueLoginCode('ben.client', 1000)), 'user.not_found');
    const again: User = ok(await users.add({ ...ben, name: 'Another Ben' }));
    assert.ok(again.tokenVersion > 1, `a token of the removed user (version ≤ 1) must not fit the new one (version ${again.tokenVersion})`);
    assert.equal([again.name, again.disabled], ['Another Ben', false]);
  });

  t('given a code, then it signs in once; an expired one and an older one after a reissue are refused', async ({ users, clock }) => {
    ok(await users.add(ben));
    const first = ok(await users.issueLoginCode('ben.client', 60_000));
    assert.is(first.expiresAt, '2026-11-30T10:01:00.000Z');
    const second = ok(await users.issueLoginCode('ben.client', 60_000));
    assert.is(codeOf(await users.redeemLoginCode(first.code)), 'auth.link_invalid', 'reissuing revokes the older code');
    assert.is(ok(await users.redeemLoginCode(second.code)).id, 'ben.client');
    assert.is(codeOf(await users.redeemLoginCode(second.code)), 'auth.link_invalid', 'a code works once');
    const late = ok(await users.issueLoginCode('ben.client', 60_000));
    clock.now = new Date(clock.now.getTime() + 61_000);
    assert.is(codeOf(await users.redeemLoginCode(late.code)), 'auth.link_invalid');
    assert.is(codeOf(await users.redeemLoginCode('not-a-code-at-all')), 'auth.link_invalid');
    assert.is(codeOf(await users.issueLoginCode('nobody', 1000)), 'user.not_found');
  });

  t('given one code redeemed twice at once, then exactly one redemption signs in', async ({ users }) => {
    ok(await users.add(ben));
    const { code } = ok(await users.issueLoginCode('ben.client', 60_000));
    const both = await Promise.all([users.redeemLoginCode(code), users.redeemLoginCode(code)]);
    assert.is(both.filter((r) => !isDomainError(r)).length, 1);
  });

  t('given a directory, then the signing secret is made once: 32 bytes, the same on every call', async ({ users }) => {
    const secret = await users.signingSecret();
    assert.is(secret.length, 32);
    assert.ok((await users.signingSecret()).equals(secret));
  });

  t.run();
}
