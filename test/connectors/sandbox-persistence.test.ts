// The sandbox keeps its platforms' state in its file: a restarted process sees the same
// campaigns, hand edits, statuses, accounts and creation counts, and ids are never reused.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { aSpec, thenFailed, thenOk } from '../support/platforms.ts';
import { tempDir } from '../support/tempDir.ts';

const dir = tempDir('sandbox-persistence');
const t = suite('sandbox: state survives closing and reopening the file');

t('given campaigns, a hand edit and a pause, when the file is reopened, then all of it is there and ids continue', async () => {
  const path = join(dir, 'reopen.db');
  const spec = aSpec({ platform: 'google_ads', accountId: 'g1', tenantId: 'acme' });
  const first = openSandboxPlatform(path);
  const made = thenOk(await first.ensureCampaign(spec));
  const ref = { platform: 'google_ads' as const, accountId: 'g1', campaignId: made.campaignId };
  thenOk(first.editByHand(ref, { budgetMicros: 400_000_000 }));
  thenOk(await first.pause(ref));
  const before = thenOk(await first.readCampaign(ref));
  await first.close();

  const db = new Database(path, { readonly: true });
  assert.is(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();

  const second = openSandboxPlatform(path);
  assert.equal(thenOk(await second.readCampaign(ref)), before);
  assert.is(second.creations(spec.key), 1);
  const again = thenOk(await second.ensureCampaign(spec));
  assert.equal([again.campaignId, again.outcome, again.drift], [made.campaignId, 'updated', [{ field: 'budget', lastWritten: 310_000_000, found: 400_000_000 }]]);
  const other = thenOk(await second.ensureCampaign(aSpec({ platform: 'google_ads', accountId: 'g1', tenantId: 'acme', objective: 'sales' })));
  const usedIds = [made.campaignId, ...made.adGroups.flatMap((g) => [g.id, ...g.ads.map((a) => a.id)])];
  assert.ok(!usedIds.includes(other.campaignId) && BigInt(other.campaignId) > BigInt(made.adGroups[0]!.ads.at(-1)!.id), `new id ${other.campaignId} after ${usedIds}`);
  thenFailed(await second.ensureCampaign({ ...spec, key: { ...spec.key, planId: 'p2' }, budget: { ...spec.budget, currency: 'USD' } }), 'platform.invalid', false);
  await second.close();
});

t('given seeded accounts, when opened, then their currency holds from the first call', async () => {
  const sandbox = openSandboxPlatform(join(dir, 'seeded.db'), { accounts: [{ platform: 'meta', accountId: 'act_9', currency: 'GBP' }] });
  thenFailed(await sandbox.ensureCampaign(aSpec({ platform: 'meta', accountId: 'act_9', tenantId: 'acme' })), 'platform.invalid', false);
  thenOk(await sandbox.ensureCampaign(aSpec({ platform: 'meta', accountId: 'act_9', tenantId: 'acme', currency: 'GBP' })));
  await sandbox.close();
});

t('given ids from a fresh file, then they are shaped like each platform\'s and the same every run', async () => {
  const ids = async (name: string) => {
    const sandbox = openSandboxPlatform(join(dir, name));
    const g = thenOk(await sandbox.ensureCampaign(aSpec({ platform: 'google_ads', accountId: 'g1', tenantId: 'acme' })));
    const m = thenOk(await sandbox.ensureCampaign(aSpec({ platform: 'meta', accountId: 'act_1', tenantId: 'acme' })));
    await sandbox.close();
    return [g.campaignId, m.campaignId];
  };
  const [g, m] = await ids('ids-a.db');
  assert.match(g!, /^\d{11}$/);
  assert.match(m!, /^120\d{15}$/);
  assert.equal(await ids('ids-b.db'), [g, m]);
});

t.run();
