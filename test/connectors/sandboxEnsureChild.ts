// Child process for sandbox-processes.test.ts: ensures `count` campaigns (one per plan id)
// on the sandbox file, printing each as it goes, so the parent can race it or kill it.
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { aSpec } from '../support/platforms.ts';

const [path, countText] = process.argv.slice(2);
const sandbox = openSandboxPlatform(path!);
for (let i = 0; i < Number(countText); i++) {
  const outcome = await sandbox.ensureCampaign(aSpec({ platform: 'meta', accountId: 'act_1', tenantId: 'acme', planId: `plan${i}` }));
  console.log(outcome.ok ? `ensured ${i} ${outcome.value.outcome}` : `failed ${i} ${outcome.error.code}`);
}
await sandbox.close();
console.log('done');
