// The shared user directory for stateless API instances: `users`, `login_codes` and
// `settings` collections in the MongoDB database the read models use (MONGO_URL). The token
// signing secret is kept here too, so every instance on this database signs and verifies
// with the same key (unless AUTH_SECRET names one). Ids are `_id`s: unique by the server.
import { Binary, MongoClient, MongoServerError, type Collection } from 'mongodb';
import { createHash, randomBytes } from 'node:crypto';
import { conflict, type DomainError } from '../../domain/shared/errors.ts';
import { classifyMongoError, guardedPort } from '../../domain/shared/storeFaults.ts';
import { invalidLink, userNotFound, type User, type UserDirectory } from './users.ts';

interface UserDoc {
  _id: string;
  name: string;
  role: User['role'];
  tenantId: string | null;
  createdAt: string;
  disabled: boolean;
  tokenVersion: number;
  removedAt: string | null; // a tombstone without the name, so the id's versions go on
}
interface CodeDoc {
  _id: string; // sha-256 of the code
  userId: string;
  expiresAt: string;
  usedAt: string | null;
}
interface SettingDoc {
  _id: string;
  value: Binary;
}

const DUPLICATE_KEY = 11000;
const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');
const toUser = (d: UserDoc): User => ({ id: d._id, name: d.name, role: d.role, tenantId: d.tenantId, createdAt: d.createdAt, disabled: d.disabled, tokenVersion: d.tokenVersion });
const isDuplicate = (error: unknown) => error instanceof MongoServerError && error.code === DUPLICATE_KEY;
const live = { removedAt: null };

export async function openMongoUserDirectory(url: string, options: { database: string; now?: () => Date }): Promise<UserDirectory> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(options.database);
  const users: Collection<UserDoc> = db.collection<UserDoc>('users');
  const codes: Collection<CodeDoc> = db.collection<CodeDoc>('login_codes');
  const settings: Collection<SettingDoc> = db.collection<SettingDoc>('settings');
  await codes.createIndex({ userId: 1 }, { name: 'by_user' });
  const now = options.now ?? (() => new Date());
  const dropCodes = (userId: string) => codes.deleteMany({ userId, usedAt: null });
  const getLive = async (id: string) => users.findOne({ _id: id, ...live });
  const bump = async (id: string, set: Partial<UserDoc>): Promise<User | DomainError> => {
    const doc = await users.findOneAndUpdate({ _id: id, ...live }, { $set: set, $inc: { tokenVersion: 1 } }, { returnDocument: 'after' });
    return doc ? toUser(doc) : userNotFound(id);
  };

  const directory: UserDirectory = {
    async add(user) {
      const fields = { name: user.name, role: user.role, tenantId: user.tenantId, createdAt: now().toISOString(), disabled: false, removedAt: null };
      try {
        await users.insertOne({ _id: user.id, ...fields, tokenVersion: 0 });
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        const revived = await users.findOneAndUpdate({ _id: user.id, removedAt: { $ne: null } }, { $set: fields, $inc: { tokenVersion: 1 } }, { returnDocument: 'after' });
        if (!revived) return conflict('user.exists', `There is already a user ${user.id}`);
      }
      return toUser((await getLive(user.id))!);
    },
    async get(id) {
      const doc = await getLive(id);
      return doc ? toUser(doc) : undefined;
    },
    async list() {
      return (await users.find(live).sort({ _id: 1 }).toArray()).map(toUser);
    },
    async setDisabled(id, disabled) {
      if (disabled) await dropCodes(id);
      const changed = await users.findOneAndUpdate({ _id: id, ...live, disabled: !disabled }, disabled ? { $set: { disabled }, $inc: { tokenVersion: 1 } } : { $set: { disabled } }, { returnDocument: 'after' });
      if (changed) return toUser(changed);
      const current = await getLive(id);
      return current ? toUser(current) : userNotFound(id);
    },
    async changeRole(id, role, tenantId) {
      return bump(id, { role, tenantId });
    },
    async remove(id) {
      const removed = await bump(id, { name: '', removedAt: now().toISOString() });
      await dropCodes(id);
      return 'kind' in removed ? removed : true;
    },
    async issueLoginCode(userId, ttlMs) {
      if (!(await getLive(userId))) return userNotFound(userId);
      const code = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now().getTime() + ttlMs).toISOString();
      await dropCodes(userId);
      await codes.insertOne({ _id: hashOf(code), userId, expiresAt, usedAt: null });
      return { code, expiresAt };
    },
    // Redeeming deletes the code, and only the delete that removed it signs in: two instances
    // racing one link cannot both win. (Not findOneAndUpdate: on FerretDB 1.x two of those
    // can both match the unused code; the contract's race case shows it.)
    async redeemLoginCode(code) {
      const at = now().toISOString();
      const filter = { _id: hashOf(code), usedAt: null, expiresAt: { $gt: at } };
      const found = await codes.findOne(filter);
      const won = found ? (await codes.deleteOne(filter)).deletedCount === 1 : false;
      const user = won ? await getLive(found!.userId) : null;
      return user && !user.disabled ? toUser(user) : invalidLink();
    },
    async signingSecret() {
      try {
        await settings.updateOne({ _id: 'token_secret' }, { $setOnInsert: { value: new Binary(randomBytes(32)) } }, { upsert: true });
      } catch (error) {
        if (!isDuplicate(error)) throw error; // another instance made it first
      }
      const doc = await settings.findOne({ _id: 'token_secret' });
      return Buffer.from(doc!.value.buffer);
    },
    async close() {
      await client.close();
    },
  };
  return guardedPort('user directory', directory, classifyMongoError);
}
