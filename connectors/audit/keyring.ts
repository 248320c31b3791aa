// The audit keys: the secrets that make the log's chains HMACs. They live in a file of their
// own (AUDIT_KEY_FILE, default DATA_DIR/audit-keys.json, owner-only), never in the event
// store: whoever can write the log but not read this file cannot forge a chain. Rotation
// adds a key and makes it current; old keys stay, so what they chained still verifies.
// `legacyThrough` is the log head when the first key was made: an unkeyed event after it
// was not written by us.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { ChainKey } from '../../domain/shared/hashChain.ts';

const KEY_BYTES = 32;
const keyFileSchema = z.strictObject({
  format: z.literal('adledger-audit-keys/1'),
  legacyThrough: z.string().regex(/^\d+$/),
  current: z.string().min(1),
  keys: z.record(z.string().min(1), z.strictObject({ secret: z.string().min(1), createdAt: z.string() })),
});
type KeyFile = z.infer<typeof keyFileSchema>;

export interface Keyring {
  readonly file: string;
  readonly legacyThrough: bigint;
  current(): ChainKey;
  byId(id: string): ChainKey | undefined;
  ids(): readonly string[];
}

// A refusal to start (or to verify): one line that says what to do.
export class AuditKeyError extends Error {}

// Reads the file again whenever it changed (a rotation by the CLI reaches a running server).
export function readKeyring(file: string): Keyring {
  let seen = '';
  let parsed: KeyFile | undefined;
  const load = (): KeyFile => {
    const stat = statSync(file);
    if ((stat.mode & 0o077) !== 0) throw new AuditKeyError(`audit keys: ${file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); run chmod 600 ${file}`);
    const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (parsed && version === seen) return parsed;
    const read = keyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!read.success || !read.data.keys[read.data.current]) throw new AuditKeyError(`audit keys: ${file} is not an adledger audit key file; restore it from its backup`);
    seen = version;
    parsed = read.data;
    return parsed;
  };
  const key = (f: KeyFile, id: string): ChainKey | undefined => {
    const entry = f.keys[id];
    return entry ? { id, secret: Buffer.from(entry.secret, 'base64') } : undefined;
  };
  const first = load();
  return {
    file,
    legacyThrough: BigInt(first.legacyThrough),
    current: () => {
      const f = load();
      return key(f, f.current)!;
    },
    byId: (id) => key(load(), id),
    ids: () => Object.keys(load().keys),
  };
}

// The keyring at `file`, made on first use with one key; `head` is the log head then.
export async function openKeyring(file: string, head: () => Promise<bigint>): Promise<{ keyring: Keyring; created: boolean }> {
  const fresh = newFile(String(await head()));
  try {
    writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 }); // never over keys some events were chained with
    return { keyring: readKeyring(file), created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw new AuditKeyError(`audit keys: cannot create ${file}: ${(error as Error).message}`);
  }
  return { keyring: readKeyring(file), created: false };
}

// A new key, current from now on; the file is replaced whole (write, then rename).
export function rotateKey(file: string): string {
  const keyring = readKeyring(file);
  const f = keyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const id = `k${keyring.ids().length + 1}`;
  const next: KeyFile = { ...f, current: id, keys: { ...f.keys, [id]: { secret: randomBytes(KEY_BYTES).toString('base64'), createdAt: new Date().toISOString() } } };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
  return id;
}

const newFile = (legacyThrough: string): KeyFile => ({
  format: 'adledger-audit-keys/1',
  legacyThrough,
  current: 'k1',
  keys: { k1: { secret: randomBytes(KEY_BYTES).toString('base64'), createdAt: new Date().toISOString() } },
});
