// Several processes on one sandbox file, as a restarted or scaled-out saga would be: racing
// ensures of the same keys, and a process killed mid-run then restarted, both leave exactly
// one campaign per key.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { aSpec, thenOk } from '../support/platforms.ts';
import { tempDir } from '../support/tempDir.ts';

const dir = tempDir('sandbox-processes');
const child = join(import.meta.dirname, 'sandboxEnsureChild.ts');
const KEYS = 40;

interface Run {
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  kill(): void;
}

function run(path: string, onLine: (line: string) => void = () => {}): Run {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, path, String(KEYS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let partial = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      onLine(l);
    }
  });
  return { lines, exited: new Promise((resolve) => proc.on('exit', (code) => resolve(code))), kill: () => proc.kill('SIGKILL') };
}

async function oneCampaignPerKey(path: string): Promise<void> {
  const sandbox = openSandboxPlatform(path);
  const listed = thenOk(await sandbox.listCampaigns({ platform: 'meta', accountId: 'act_1' }, 'kobi_acme_'));
  const counts = Array.from({ length: KEYS }, (_, i) => sandbox.creations(aSpec({ platform: 'meta', accountId: 'act_1', tenantId: 'acme', planId: `plan${i}` }).key));
  await sandbox.close();
  assert.equal(counts, Array.from({ length: KEYS }, () => 1), 'creations per key');
  assert.is(listed.length, KEYS);
}

const t = suite('sandbox: several processes on one file');

t('given two processes ensuring the same keys at once, then each key has one campaign', async () => {
  const path = join(dir, 'race.db');
  const runs = [run(path), run(path)];
  assert.equal(await Promise.all(runs.map((r) => r.exited)), [0, 0]);
  const created = runs.flatMap((r) => r.lines.filter((l) => l.endsWith(' created')));
  assert.is(created.length, KEYS, `created lines: ${created.length}`);
  await oneCampaignPerKey(path);
});

t('given a process killed mid-run, when restarted, then it finishes without a second campaign for any key', async () => {
  const path = join(dir, 'kill.db');
  let killed = false;
  const first = run(path, (line) => {
    if (!killed && line === `ensured ${KEYS / 2} created`) {
      killed = true;
      first.kill();
    }
  });
  await first.exited;
  assert.ok(killed, `the child finished before it could be killed: ${first.lines.at(-1)}`);
  const second = run(path);
  assert.is(await second.exited, 0);
  assert.ok(second.lines.some((l) => l.endsWith(' unchanged')), 'the restart found what the killed run made');
  await oneCampaignPerKey(path);
});

t.run();
