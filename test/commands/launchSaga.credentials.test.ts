// A tenant that stored its own Google Ads refresh token is launched with it: the saga's
// platform access (api/openPlatforms.ts) reads it from the vault through useCredential, so
// the read is an audit event in the tenant's stream, once per credential version.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../api/config.ts';
import { openPlatforms } from '../../api/openPlatforms.ts';
import { openVault } from '../../api/openVault.ts';
import { storePlatformCredentials } from '../../commands/credentials.ts';
import { launchSagaActor } from '../../commands/processes/launchWorker.ts';
import { useCredential } from '../../commands/useCredential.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { admin } from '../support/harness.ts';
import { localGoogleAds } from '../support/googleAdsLocal.ts';
import { GOOGLE_ACCOUNT, launchRig, launchVersion, seedTenant, stream } from '../support/launchRig.ts';

const t = suite('launch saga: a tenant\'s own platform credentials');

t('given a tenant with its own Google Ads refresh token, when its launch runs, then the token is read once, recorded, and never written anywhere', async () => {
  const local = await localGoogleAds();
  local.server.openAccount(GOOGLE_ACCOUNT.replaceAll('-', ''), 'EUR', true);
  let platforms: ReturnType<typeof openPlatforms> | undefined;
  const rig = await launchRig({ platformFor: (p, _sandbox, account) => platforms?.platformFor(p, account) });
  const { vault } = await openVault(loadConfig({ DATA_DIR: rig.dir }));
  // The agency's client and developer token, no agency refresh token: only the tenant's can work.
  const config = loadConfig({ DATA_DIR: rig.dir, GOOGLE_ADS_CLIENT_ID: local.config.clientId, GOOGLE_ADS_CLIENT_SECRET: local.config.clientSecret, GOOGLE_ADS_DEVELOPER_TOKEN: local.config.developerToken });
  platforms = openPlatforms(config, {
    limiter: rig.limiter,
    readCredential: async (platform, account) => {
      const read = await useCredential(rig.w, vault, { tenantId: account.tenantId, platform, accountId: account.accountId, purpose: 'launch', actor: launchSagaActor });
      return isDomainError(read) ? read : read.secret;
    },
  });
  const secret = '1//tenant-own-refresh-token-9f3c';
  try {
    await seedTenant(rig);
    const stored = await storePlatformCredentials(rig.w, vault, { tenantId: 'acme', platform: 'google_ads', accountId: GOOGLE_ACCOUNT, kind: 'oauth_refresh_token', secret, actor: admin });
    assert.not.ok(isDomainError(stored), JSON.stringify(stored));
    await launchVersion(rig, [{ id: 's1' }, { id: 't1', objective: 'traffic' }]);
    rig.startSaga();
    await rig.settle();
    const launch = await rig.events(stream());
    assert.equal(launch.filter((e) => e.type === 'launch.completed').map((e) => (e.data as { outcome: string }).outcome), ['live'], JSON.stringify(launch.filter((e) => e.type === 'mutation.failed').map((e) => e.data)));
    const reads = (await rig.events('tenant-acme')).filter((e) => e.type === 'tenant.platform_credentials_accessed');
    assert.equal(reads.map((e) => [e.data, e.metadata.actor.id]), [[{ platform: 'google_ads', accountId: GOOGLE_ACCOUNT, purpose: 'launch', version: 1 }, 'launch-saga']]);
    for (const file of ['events.db', 'events.db-wal', 'sandbox.db', 'docs.db']) {
      const path = join(rig.dir, file);
      if (existsSync(path)) assert.not.ok(readFileSync(path).includes(secret), `the secret is not in ${file}`);
    }
  } finally {
    await rig.close();
    await platforms.close();
    await vault.close();
    await local.close();
  }
});

t.run();
