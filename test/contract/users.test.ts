import { join } from 'node:path';
import { openSqliteUserDirectory } from '../../api/auth/sqliteUsers.ts';
import { tempDir } from '../support/tempDir.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { userDirectoryContract } from './users.ts';

const dir = tempDir('users');
userDirectoryContract('sqlite', async (now) => openSqliteUserDirectory(join(dir, `${uniqueSuffix()}.db`), { now }));

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { openMongoUserDirectory } = await import('../../api/auth/mongoUsers.ts');
  const { MongoClient } = await import('mongodb');
  // A database per case, so the cases share nothing on a shared server; dropped when it closes.
  userDirectoryContract('mongodb', async (now) => {
    const database = `adledger_contract_users_${uniqueSuffix()}`;
    const directory = await openMongoUserDirectory(mongoUrl, { database, now });
    return {
      ...directory,
      async close() {
        await directory.close();
        const client = await MongoClient.connect(mongoUrl);
        await client.db(database).dropDatabase();
        await client.close();
      },
    };
  });
} else {
  console.log('user directory contract: skipped MongoDB (MONGO_URL not set)');
}
