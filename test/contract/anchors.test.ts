import { join } from 'node:path';
import { statSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteAnchors } from '../../connectors/audit/sqliteAnchors.ts';
import { tempDir } from '../support/tempDir.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { anchorStoreContract } from './anchors.ts';

const file = join(tempDir('anchors'), 'anchors.db');
anchorStoreContract('sqlite', { open: async () => openSqliteAnchors(file) });

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { openMongoAnchors } = await import('../../connectors/audit/mongoAnchors.ts');
  const collection = `audit_anchors_${uniqueSuffix()}`;
  anchorStoreContract('mongodb', { open: () => openMongoAnchors(mongoUrl, { database: 'adledger_contract', collection }) });
} else {
  console.log('anchors contract: skipped MongoDB (MONGO_URL not set)');
}

const t = suite('anchors: the embedded file');
t('is created owner-only, apart from the event store', async () => {
  const path = join(tempDir('anchorsfile'), 'anchors.db');
  const store = openSqliteAnchors(path);
  assert.is(statSync(path).mode & 0o777, 0o600);
  await store.close();
});
t.run();
