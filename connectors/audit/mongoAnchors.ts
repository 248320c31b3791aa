// The shared anchor record for several API instances: an `audit_anchors` collection in the
// MongoDB database the read models use. The seq is the _id, so two instances anchoring the
// same head cannot both win.
import { MongoClient, MongoServerError } from 'mongodb';
import { classifyMongoError, guardedPort } from '../../domain/shared/storeFaults.ts';
import { anchorTaken, type Anchor, type AnchorStore } from './anchors.ts';

type AnchorDoc = Omit<Anchor, 'seq'> & { _id: number };
const DUPLICATE_KEY = 11000;
const toAnchor = ({ _id, ...rest }: AnchorDoc): Anchor => ({ seq: _id, position: rest.position, state: rest.state, events: rest.events, keyId: rest.keyId, at: rest.at, prevSignature: rest.prevSignature, signature: rest.signature });

export async function openMongoAnchors(url: string, options: { database: string; collection?: string }): Promise<AnchorStore> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const coll = client.db(options.database).collection<AnchorDoc>(options.collection ?? 'audit_anchors');
  const store: AnchorStore = {
    async add({ seq, ...rest }) {
      try {
        await coll.insertOne({ _id: seq, ...rest });
        return undefined;
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return anchorTaken(seq);
        throw error;
      }
    },
    async last() {
      const doc = await coll.find().sort({ _id: -1 }).limit(1).next();
      return doc ? toAnchor(doc) : undefined;
    },
    async list() {
      return (await coll.find().sort({ _id: 1 }).toArray()).map(toAnchor);
    },
    async close() {
      await client.close();
    },
  };
  return guardedPort('anchors', store, classifyMongoError);
}
