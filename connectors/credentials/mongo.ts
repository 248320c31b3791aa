// The shared vault for stateless API instances: a `credentials` collection in the MongoDB
// database the read models use (MONGO_URL). One document per version; a removed version
// keeps its document with the ciphertext erased, so its number is never reused. Every
// instance must hold the same key (CREDENTIALS_KEY).
import { Binary, MongoClient, MongoServerError, type Collection } from 'mongodb';
import { classifyMongoError, guardedPort } from '../../domain/shared/storeFaults.ts';
import type { VaultKey } from './cipher.ts';
import type { CredentialRef, CredentialVault } from './port.ts';
import { sealedVault, type SealedRow, type SealedRows } from './sealedVault.ts';

interface CredentialDoc {
  _id: string;
  tenantId: string;
  platform: string;
  accountId: string;
  version: number;
  keyId: string | null;
  iv: Binary | null;
  tag: Binary | null;
  ciphertext: Binary | null;
  createdAt: Date;
  destroyedAt?: Date;
}

const DUPLICATE_KEY = 11000;
const INSERT_ATTEMPTS = 8;
const refOf = (r: CredentialRef) => ({ tenantId: r.tenantId, platform: r.platform, accountId: r.accountId });
const idOf = (r: CredentialRef, version: number) => JSON.stringify([r.tenantId, r.platform, r.accountId, version]);
const bytes = (b: Binary | null): Buffer => Buffer.from(b?.buffer ?? new Uint8Array());
const live = { ciphertext: { $ne: null } };

export async function openMongoVault(url: string, key: VaultKey, options: { database: string; now?: () => Date }): Promise<CredentialVault> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const coll: Collection<CredentialDoc> = client.db(options.database).collection<CredentialDoc>('credentials');
  await coll.createIndex({ tenantId: 1, platform: 1, accountId: 1, version: -1 }, { name: 'by_ref_version' });
  const now = options.now ?? (() => new Date());

  const rows: SealedRows = {
    // The highest version, then an insert under an id that names it: two instances racing for
    // the same number meet on the _id, and the loser tries the next one.
    async insertNext(ref, make) {
      for (let attempt = 1; ; attempt++) {
        const top = await coll.findOne(refOf(ref), { sort: { version: -1 }, projection: { version: 1 } });
        const version = (top?.version ?? 0) + 1;
        const sealed = make(version);
        try {
          await coll.insertOne({
            _id: idOf(ref, version),
            ...refOf(ref),
            version,
            keyId: sealed.keyId,
            iv: new Binary(sealed.iv),
            tag: new Binary(sealed.tag),
            ciphertext: new Binary(sealed.ciphertext),
            createdAt: now(),
          });
          return version;
        } catch (error) {
          if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY) || attempt >= INSERT_ATTEMPTS) throw error;
        }
      }
    },
    async read(ref, version) {
      const filter = { ...refOf(ref), ...live, ...(version === undefined ? {} : { version }) };
      const doc = await coll.findOne(filter, { sort: { version: -1 } });
      if (!doc) return undefined;
      const row: SealedRow = { version: doc.version, keyId: doc.keyId ?? '', iv: bytes(doc.iv), tag: bytes(doc.tag), ciphertext: bytes(doc.ciphertext) };
      return row;
    },
    async destroy(ref, version) {
      const filter = { ...refOf(ref), ...live, ...(version === undefined ? {} : { version }) };
      await coll.updateMany(filter, { $set: { keyId: null, iv: null, tag: null, ciphertext: null, destroyedAt: now() } });
    },
    countOtherKeys: (keyId) => coll.countDocuments({ ...live, keyId: { $ne: keyId } }),
    close: () => client.close(),
  };
  return guardedPort('credential vault', sealedVault(rows, key), classifyMongoError);
}
