// `adledger users link` and start-up configuration, as a user runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, runCli, runToExit } from './processes.ts';

const t = suite<{ dataDir: string }>('e2e: users link and start-up config');

t.before((ctx) => {
  ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-e2e-cli-'));
});
t.after((ctx) => {
  killAll();
  rmSync(ctx.dataDir, { recursive: true, force: true });
});

const linkOf = (stdout: string) => (JSON.parse(stdout) as { link: string }).link;

t('users link prints a link to the configured PORT on this machine', async ({ dataDir }) => {
  const added = await runCli(dataDir, ['users', 'add', 'ana', '--role', 'agency-user'], undefined, { PORT: '4123' });
  assert.is(added.code, 0, added.stderr);
  const { code, stdout, stderr } = await runCli(dataDir, ['users', 'link', 'ana'], undefined, { PORT: '4123' });
  assert.is(code, 0, stderr);
  assert.match(linkOf(stdout), /^http:\/\/localhost:4123\/login#code=[A-Za-z0-9_-]+$/);
});

t('users link prints a link under PUBLIC_URL when it is set', async ({ dataDir }) => {
  const { code, stdout, stderr } = await runCli(dataDir, ['users', 'link', 'ana'], undefined, { PORT: '4123', PUBLIC_URL: 'https://ads.example.com/' });
  assert.is(code, 0, stderr);
  assert.match(linkOf(stdout), /^https:\/\/ads\.example\.com\/login#code=/);
});

t('users disable, role and remove change the directory and leave their records in the log', async ({ dataDir }) => {
  const disabled = await runCli(dataDir, ['users', 'disable', 'ana']);
  assert.is(disabled.code, 0, disabled.stderr);
  assert.is((JSON.parse(disabled.stdout) as { disabled: boolean }).disabled, true);
  const again = await runCli(dataDir, ['users', 'disable', 'ana']);
  assert.is(again.code, 1);
  assert.match(again.stderr, /already disabled/);
  const link = await runCli(dataDir, ['users', 'link', 'ana']);
  assert.is(link.code, 1, 'no link for a disabled user');
  assert.is((await runCli(dataDir, ['users', 'enable', 'ana'])).code, 0);
  const role = await runCli(dataDir, ['users', 'role', 'ana', '--role', 'agency-admin']);
  assert.is((JSON.parse(role.stdout) as { role: string }).role, 'agency-admin', role.stderr);
  assert.is((await runCli(dataDir, ['users', 'remove', 'ana'])).code, 0);
  assert.equal(JSON.parse((await runCli(dataDir, ['users', 'list'])).stdout), []);
  const history = await runCli(dataDir, ['history', 'access-agency']);
  assert.is(history.code, 0, history.stderr);
  for (const type of ['user.added', 'user.login_link_issued', 'user.disabled', 'user.enabled', 'user.role_changed', 'user.removed']) assert.match(history.stdout, `"${type}"`);
  assert.match(history.stdout, /"adledger-cli"/);
});

t('an empty PORT stops start-up with one line naming PORT', async ({ dataDir }) => {
  const { code, stderr } = await runToExit(dataDir, ['api/main.ts'], undefined, { PORT: '' });
  assert.is(code, 1);
  assert.is(stderr.trim(), 'config: PORT: is set but empty: unset it for the default, or give a port from 1 to 65535');
});

t.run();
