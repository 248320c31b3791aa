// The sandbox platforms' persistent state: one SQLite file (WAL), so campaigns, ids and
// creation counts survive a restart of the process that drives them, as a platform's do.
import Database from 'better-sqlite3';
import type { Platform } from '../../../domain/shared/values.ts';
import type { CampaignState, CampaignStatus } from '../port.ts';

// A campaign as the sandbox keeps it: what the platform shows, plus what only the platform
// knows (its change history, reduced to our API's last write; when it was made).
export interface StoredCampaign {
  readonly state: CampaignState;
  readonly keyLabel: string;
  readonly lastWritten: { readonly name: string; readonly status: CampaignStatus; readonly budgetMicros: number };
  readonly createdDate: string; // the sandbox's day of creation: metrics start there
  readonly baseDailyMicros: number; // daily spend the metrics model works from, fixed at creation
  readonly valueDrop?: { readonly from: string; readonly factor: number }; // an existing campaign's (history.ts)
}

export interface SandboxStore {
  nextSerial(platform: Platform): number;
  accountCurrency(platform: Platform, accountId: string): string | undefined;
  openAccount(platform: Platform, accountId: string, currency: string): void;
  autoTagging(platform: Platform, accountId: string): boolean | undefined;
  setAutoTagging(platform: Platform, accountId: string, on: boolean): void;
  get(platform: Platform, campaignId: string): StoredCampaign | undefined;
  byLabel(platform: Platform, accountId: string, keyLabel: string): StoredCampaign[];
  byPrefix(platform: Platform, accountId: string, namePrefix: string): StoredCampaign[];
  put(campaign: StoredCampaign): void;
  countCreation(keyLabel: string): void;
  creations(keyLabel: string): number;
  transaction<T>(work: () => T): T;
  close(): void;
}

const schema = `
CREATE TABLE IF NOT EXISTS serials (platform TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (platform TEXT NOT NULL, account_id TEXT NOT NULL, currency TEXT NOT NULL, PRIMARY KEY (platform, account_id));
CREATE TABLE IF NOT EXISTS campaigns (
  platform TEXT NOT NULL, id TEXT NOT NULL, account_id TEXT NOT NULL, name TEXT NOT NULL,
  key_label TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (platform, id));
CREATE INDEX IF NOT EXISTS campaigns_by_label ON campaigns (platform, account_id, key_label);
CREATE TABLE IF NOT EXISTS creations (key_label TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (platform TEXT NOT NULL, account_id TEXT NOT NULL, auto_tagging INTEGER NOT NULL, PRIMARY KEY (platform, account_id));
`;

export function openSandboxStore(path: string): SandboxStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);

  const bumpSerial = db.prepare('INSERT INTO serials (platform, last) VALUES (?, 1) ON CONFLICT (platform) DO UPDATE SET last = last + 1 RETURNING last');
  const currency = db.prepare('SELECT currency FROM accounts WHERE platform = ? AND account_id = ?');
  const insertAccount = db.prepare('INSERT OR IGNORE INTO accounts (platform, account_id, currency) VALUES (?, ?, ?)');
  const tagging = db.prepare('SELECT auto_tagging AS on_ FROM settings WHERE platform = ? AND account_id = ?');
  const setTagging = db.prepare('INSERT INTO settings (platform, account_id, auto_tagging) VALUES (?, ?, ?) ON CONFLICT (platform, account_id) DO UPDATE SET auto_tagging = excluded.auto_tagging');
  const one = db.prepare('SELECT doc FROM campaigns WHERE platform = ? AND id = ?');
  const labelled = db.prepare('SELECT doc FROM campaigns WHERE platform = ? AND account_id = ? AND key_label = ? ORDER BY seq');
  // substr, not LIKE: a name prefix may contain _ and %, which LIKE reads as wildcards.
  const prefixed = db.prepare('SELECT doc FROM campaigns WHERE platform = ? AND account_id = ? AND substr(name, 1, ?) = ? ORDER BY seq');
  const upsert = db.prepare(
    `INSERT INTO campaigns (platform, id, account_id, name, key_label, seq, doc) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM campaigns), ?)
     ON CONFLICT (platform, id) DO UPDATE SET name = excluded.name, doc = excluded.doc`,
  );
  const bumpCreation = db.prepare('INSERT INTO creations (key_label, count) VALUES (?, 1) ON CONFLICT (key_label) DO UPDATE SET count = count + 1');
  const creationCount = db.prepare('SELECT count FROM creations WHERE key_label = ?');

  const docs = (rows: unknown[]): StoredCampaign[] => rows.map((r) => JSON.parse((r as { doc: string }).doc) as StoredCampaign);

  return {
    nextSerial: (platform) => (bumpSerial.get(platform) as { last: number }).last,
    accountCurrency: (platform, accountId) => (currency.get(platform, accountId) as { currency: string } | undefined)?.currency,
    openAccount: (platform, accountId, cur) => void insertAccount.run(platform, accountId, cur),
    autoTagging: (platform, accountId) => {
      const row = tagging.get(platform, accountId) as { on_: number } | undefined;
      return row === undefined ? undefined : row.on_ === 1;
    },
    setAutoTagging: (platform, accountId, on) => void setTagging.run(platform, accountId, on ? 1 : 0),
    get: (platform, campaignId) => docs(one.all(platform, campaignId))[0],
    byLabel: (platform, accountId, keyLabel) => docs(labelled.all(platform, accountId, keyLabel)),
    byPrefix: (platform, accountId, namePrefix) => docs(prefixed.all(platform, accountId, namePrefix.length, namePrefix)),
    put: (c) => void upsert.run(c.state.platform, c.state.campaignId, c.state.accountId, c.state.name, c.keyLabel, JSON.stringify(c)),
    countCreation: (keyLabel) => void bumpCreation.run(keyLabel),
    creations: (keyLabel) => (creationCount.get(keyLabel) as { count: number } | undefined)?.count ?? 0,
    transaction: (work) => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}
