// The audit keys and the anchor record. Keys: AUDIT_KEY_FILE, or DATA_DIR/audit-keys.json,
// made on first start (owner-only). Anchors: their own SQLite file, DATA_DIR/anchors.db, or
// with MONGO_URL the `audit_anchors` collection, so stateless instances share them.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnchorStore } from '../connectors/audit/anchors.ts';
import { openKeyring, readKeyring, type Keyring } from '../connectors/audit/keyring.ts';
import { openSqliteAnchors } from '../connectors/audit/sqliteAnchors.ts';
import type { EventStore } from '../connectors/eventstore/port.ts';
import type { Config } from './config.ts';

export interface Audit {
  readonly keyring: Keyring;
  readonly anchors: AnchorStore;
}

export const auditKeyFile = (config: Config): string => config.AUDIT_KEY_FILE ?? join(config.DATA_DIR, 'audit-keys.json');

export async function openAnchors(config: Config): Promise<{ anchors: AnchorStore; adapter: string }> {
  if (config.MONGO_URL) {
    const { openMongoAnchors } = await import('../connectors/audit/mongoAnchors.ts');
    const anchors = await openMongoAnchors(config.MONGO_URL, { database: config.MONGO_DATABASE });
    return { anchors, adapter: `mongodb (database ${config.MONGO_DATABASE}, collection audit_anchors)` };
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'anchors.db');
  return { anchors: openSqliteAnchors(file), adapter: `sqlite (${file})` };
}

// The server's: the keyring is made when missing (its legacyThrough is the log head now).
export async function openAudit(config: Config, store: EventStore): Promise<Audit & { adapter: string; keyFile: string; created: boolean }> {
  const { keyring, created } = await serverKeyring(config, store);
  const { anchors, adapter } = await openAnchors(config);
  return { keyring, anchors, adapter, keyFile: keyring.file, created };
}

export const serverKeyring = (config: Config, store: EventStore) => openKeyring(auditKeyFile(config), () => store.headPosition());

// The CLI's verify: a missing key file is not made (that would bless whatever the log holds).
export const existingKeyring = (config: Config): Keyring | undefined => (existsSync(auditKeyFile(config)) ? readKeyring(auditKeyFile(config)) : undefined);
