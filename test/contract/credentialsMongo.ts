// The MongoDB vault under the credentials contract: the tampering and dumping hooks talk to
// the collection directly, as someone with database access could.
import { MongoClient, type Document } from 'mongodb';
import { openMongoVault } from '../../connectors/credentials/mongo.ts';
import type { CredentialRef } from '../../connectors/credentials/port.ts';
import type { VaultUnderTest } from './credentials.ts';
import { uniqueSuffix } from '../support/ids.ts';

// A database of this run's own: probe speaks for every secret stored, so a run must not see
// the secrets earlier runs sealed under their own random keys.
const DATABASE = `adledger_contract_credentials_${uniqueSuffix()}`;
const idOf = (r: CredentialRef, version: number) => JSON.stringify([r.tenantId, r.platform, r.accountId, version]);

export async function mongoVaultUnderTest(url: string): Promise<VaultUnderTest> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const coll = client.db(DATABASE).collection<Document>('credentials');
  return {
    open: (key) => openMongoVault(url, key, { database: DATABASE }),
    async copyCiphertext(from, fromVersion, to, toVersion) {
      const source = await coll.findOne({ _id: idOf(from, fromVersion) as never });
      if (!source) throw new Error('no such source row');
      const { keyId, iv, tag, ciphertext } = source;
      await coll.updateOne({ _id: idOf(to, toVersion) as never }, { $set: { keyId, iv, tag, ciphertext } });
    },
    async rawDump() {
      const docs = await coll.find({}).toArray();
      return docs.map((d) => Object.values(d).map((v) => (v && typeof v === 'object' && 'buffer' in v ? Buffer.from((v as { buffer: Uint8Array }).buffer).toString('latin1') : String(v))).join(' ')).join('\n');
    },
    async close() {
      await client.db(DATABASE).dropDatabase();
      await client.close();
    },
  };
}
