// One contract for every CredentialVault adapter. Each case works on refs of its own
// tenant, so the suite can run against a shared server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { vaultKey, type VaultKey } from '../../connectors/credentials/cipher.ts';
import type { CredentialRef, CredentialVault } from '../../connectors/credentials/port.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { thenRefused } from '../support/then.ts';
import { uniqueSuffix } from '../support/ids.ts';

export interface VaultUnderTest {
  // Every call opens the same storage; `key` says which key this instance holds.
  open(key: VaultKey): Promise<CredentialVault>;
  // What an attacker with write access to the storage could do: copy one ref's ciphertext
  // (of one version) over another ref's row.
  copyCiphertext(from: CredentialRef, fromVersion: number, to: CredentialRef, toVersion: number): Promise<void>;
  // Every byte the adapter stored, as text, to look for plaintext.
  rawDump(): Promise<string>;
  // Called once the suite is done (drop what the run made).
  close?(): Promise<void>;
}

const SECRET = (label: string) => `1//0g-${label}-${randomBytes(12).toString('hex')}`;

export function credentialVaultContract(name: string, adapter: VaultUnderTest): void {
  const key = vaultKey(randomBytes(32));
  const t = suite<{ vault: CredentialVault; ref: CredentialRef; other: CredentialRef }>(`credentials contract: ${name}`);
  t.before.each(async (ctx) => {
    ctx.vault = await adapter.open(key);
    const tenantId = `t${uniqueSuffix()}`;
    ctx.ref = { tenantId, platform: 'google_ads', accountId: '111-222-3333' };
    ctx.other = { tenantId: `${tenantId}b`, platform: 'google_ads', accountId: '111-222-3333' };
  });
  t.after.each(async (ctx) => ctx.vault.close());
  t.after(async () => adapter.close?.());

  t('given a stored secret, when it is read back, then it round-trips with its version; a ref without one answers undefined', async ({ vault, ref, other }) => {
    const secret = SECRET('round');
    assert.is(await vault.put(ref, secret), 1);
    assert.equal(await vault.get(ref), { secret, version: 1 });
    assert.equal(await vault.get(ref, 1), { secret, version: 1 });
    assert.is(await vault.get(other), undefined);
    assert.is(await vault.get(ref, 2), undefined);
  });

  t('given a rotation, then each put is a new version, the newest is the default, and older ones stay readable until removed', async ({ vault, ref }) => {
    const [a, b] = [SECRET('a'), SECRET('b')];
    assert.is(await vault.put(ref, a), 1);
    assert.is(await vault.put(ref, b), 2);
    assert.equal(await vault.get(ref), { secret: b, version: 2 });
    assert.equal(await vault.get(ref, 1), { secret: a, version: 1 });
    await vault.remove(ref, 1);
    assert.is(await vault.get(ref, 1), undefined);
    assert.equal(await vault.get(ref), { secret: b, version: 2 });
  });

  t('given every version removed, then nothing is readable and a new put never reuses a version number', async ({ vault, ref }) => {
    await vault.put(ref, SECRET('x'));
    await vault.put(ref, SECRET('y'));
    await vault.remove(ref);
    assert.is(await vault.get(ref), undefined);
    assert.is(await vault.put(ref, SECRET('z')), 3);
  });

  t('given a ciphertext copied onto another tenant\'s row, when that row is read, then it is credentials.unreadable, not the secret', async ({ vault, ref, other }) => {
    const secret = SECRET('moved');
    await vault.put(ref, secret);
    await vault.put(other, SECRET('victim'));
    await adapter.copyCiphertext(ref, 1, other, 1);
    const read = await vault.get(other, 1);
    thenRefused(read, 'credentials.unreadable', 'unavailable');
    assert.not.ok(JSON.stringify(read).includes(secret));
    assert.equal(await vault.get(ref), { secret, version: 1 }, 'the original still reads');
  });

  t('given a ciphertext copied onto another version of the same ref, then it does not decrypt either', async ({ vault, ref }) => {
    await vault.put(ref, SECRET('v1'));
    await vault.put(ref, SECRET('v2'));
    await adapter.copyCiphertext(ref, 1, ref, 2);
    thenRefused(await vault.get(ref, 2), 'credentials.unreadable');
  });

  t('given another key configured, when a secret is read, then it is credentials.unreadable (503) and probe says so; nothing throws', async ({ vault, ref }) => {
    await vault.put(ref, SECRET('k'));
    const wrong = await adapter.open(vaultKey(randomBytes(32)));
    try {
      const read = thenRefused(await wrong.get(ref), 'credentials.unreadable', 'unavailable');
      assert.match(read.message, /CREDENTIALS_KEY/);
      const probe = await wrong.probe();
      assert.ok(isDomainError(probe) && probe.code === 'credentials.unreadable', JSON.stringify(probe));
    } finally {
      await wrong.close();
    }
  });

  t('given stored secrets, then the storage holds no plaintext and no key', async ({ vault, ref }) => {
    const secret = SECRET('plain');
    await vault.put(ref, secret);
    const raw = await adapter.rawDump();
    assert.not.ok(raw.includes(secret), 'plaintext found in the storage');
    assert.not.ok(raw.includes(key.key.toString('base64')) || raw.includes(key.key.toString('hex')), 'the key found in the storage');
  });

  t('given a healthy vault, probe answers undefined', async ({ vault }) => {
    assert.is(await vault.probe(), undefined);
  });

  t.run();
}
