// The lease identity of a server on a DATA_DIR: the same after a crash (so its leases are
// still its own), another one while the last user of the DATA_DIR still lives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { claimInstance } from '../../api/instance.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('instance identity');
// The pid of a process that has ended.
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

t('a fresh DATA_DIR: a new persistent identity; the same one when started again after a crash (dead pid)', async () => {
  const dir = tempDir('instance');
  const first = await claimInstance(dir);
  assert.ok(first.reused);
  writeFileSync(join(dir, 'server.pid'), `${hostname()} ${deadPid()}\n`); // as a SIGKILLed server leaves it
  const again = await claimInstance(dir);
  assert.equal([again.reused, again.holder], [true, first.holder]);
  assert.is(readFileSync(join(dir, 'server.pid'), 'utf8'), `${hostname()} ${process.pid}\n`);
  again.release();
  assert.is(readFileSync(join(dir, 'server.pid'), 'utf8'), '', 'a clean stop leaves no pid');
  assert.is((await claimInstance(dir)).holder, first.holder);
});

t('while another live process holds the DATA_DIR, or one of another host, a server gets an identity of its own', async () => {
  const dir = tempDir('instance');
  const persistent = (await claimInstance(dir)).holder;
  for (const pid of [`${hostname()} ${process.ppid}`, `elsewhere.example ${deadPid()}`]) {
    writeFileSync(join(dir, 'server.pid'), `${pid}\n`);
    const other = await claimInstance(dir);
    assert.equal([other.reused, other.holder === persistent], [false, false], pid);
    assert.is(readFileSync(join(dir, 'server.pid'), 'utf8'), `${pid}\n`, 'the live one keeps the pid file');
  }
});

t('a DATA_DIR that cannot be written: an identity of its own, no crash', async () => {
  const claimed = await claimInstance(join(tempDir('instance'), 'missing', 'deeper'));
  assert.is(claimed.reused, false);
});

t.run();
