import { join } from 'node:path';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { documentStoreContract } from './documentstore.ts';
import { documentStoreFindContract } from './documentstoreFind.ts';
import { coordinationContract } from './coordination.ts';
import { tempDir } from '../support/tempDir.ts';

// One file for the whole suite, as a shared server would be: cases use collections of their own.
const file = join(tempDir('docs'), 'docs.db');
documentStoreContract('sqlite', () => openSqliteDocumentStore(file));
documentStoreFindContract('sqlite', () => openSqliteDocumentStore(file));
coordinationContract('sqlite', () => openSqliteDocumentStore(file));

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const { openMongoDocumentStore } = await import('../../readmodels/documents/mongo.ts');
  documentStoreContract('mongodb', () => openMongoDocumentStore(mongoUrl, { database: 'adledger_contract' }));
  documentStoreFindContract('mongodb', () => openMongoDocumentStore(mongoUrl, { database: 'adledger_contract' }));
  coordinationContract('mongodb', () => openMongoDocumentStore(mongoUrl, { database: 'adledger_contract' }));
} else {
  console.log('documentstore and coordination contracts: skipped MongoDB (MONGO_URL not set)');
}
