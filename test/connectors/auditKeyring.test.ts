// The audit keys: made once, owner-only, outside the log; rotation adds a key and keeps the
// old ones; a running reader sees a rotation made by another process.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditKeyError, openKeyring, readKeyring, rotateKey } from '../../connectors/audit/keyring.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('audit keys: the key file');

t('given no key file, when opened, then one key k1 is made with mode 0600 and the log head as the legacy bound; the next open reads the same key', async () => {
  const file = join(tempDir('keys'), 'audit-keys.json');
  const first = await openKeyring(file, async () => 42n);
  assert.is(first.created, true);
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.is(first.keyring.legacyThrough, 42n);
  assert.is(first.keyring.current().id, 'k1');
  assert.is(first.keyring.current().secret.length, 32);
  const again = await openKeyring(file, async () => 99n);
  assert.is(again.created, false);
  assert.is(again.keyring.legacyThrough, 42n, 'never re-made over keys events were chained with');
  assert.equal(Buffer.from(again.keyring.current().secret), Buffer.from(first.keyring.current().secret));
});

t('given a rotation, then new events get k2, k1 still verifies, and a keyring already open sees the change', async () => {
  const file = join(tempDir('keys'), 'audit-keys.json');
  const { keyring } = await openKeyring(file, async () => 0n);
  const k1 = keyring.current();
  assert.is(rotateKey(file), 'k2');
  assert.is(keyring.current().id, 'k2');
  assert.equal(Buffer.from(keyring.byId('k1')!.secret), Buffer.from(k1.secret));
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.equal(keyring.ids(), ['k1', 'k2']);
});

t('given a key file readable by group or others, then it is refused with one line that says chmod 600', async () => {
  const file = join(tempDir('keys'), 'audit-keys.json');
  await openKeyring(file, async () => 0n);
  chmodSync(file, 0o644);
  assert.throws(() => readKeyring(file), (e: Error) => e instanceof AuditKeyError && /chmod 600/.test(e.message) && !e.message.includes('\n'));
});

t('given a damaged key file, then it is refused and left as it was', async () => {
  const file = join(tempDir('keys'), 'audit-keys.json');
  writeFileSync(file, '{"format":"something else"}', { mode: 0o600 });
  await openKeyring(file, async () => 0n).then(
    () => assert.unreachable('a damaged key file was accepted'),
    (e: Error) => assert.ok(e instanceof AuditKeyError, e.message),
  );
  assert.is(readFileSync(file, 'utf8'), '{"format":"something else"}');
});

t.run();
