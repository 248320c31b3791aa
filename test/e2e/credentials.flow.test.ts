// Store → rotate → read through useCredential → history, over HTTP on a real server: the
// secrets never appear in a response, an event, a read model, the vault file or a log line.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeSide } from '../../commands/aggregates.ts';
import { useCredential } from '../../commands/useCredential.ts';
import { admin, approver } from '../support/harness.ts';
import { thenRefused } from '../support/then.ts';
import { openApi, send, tenantSteps, type Api } from './http.ts';
import { canonicalJson } from '../../domain/shared/canonicalJson.ts';
import { sha256Hex } from '../../domain/shared/hashChain.ts';
import { ACCOUNT, aSecret, credentialsUrl, del, post, storedBytes, sync } from './credentials.ts';

const t = suite<{ api: Api; lines: string[] }>('e2e credentials: store, rotate, read, remove — never leaked');
const [first, second, rejected] = [aSecret('first'), aSecret('second'), `${aSecret('spaced')} x`];

t.before(async (ctx) => {
  ctx.lines = [];
  ctx.api = await openApi({ readSide: true, vault: true, log: (line) => ctx.lines.push(line) });
  await send(ctx.api, tenantSteps);
});
t.after(async (ctx) => ctx.api?.close());

const responses: string[] = [];
const keep = <T extends { body: string }>(res: T): T => (responses.push(res.body), res);

t('given a linked account, when an admin stores a refresh token, then the answer is the version and the position only', async ({ api }) => {
  const res = keep(await post(api, admin, credentialsUrl(), { platform: 'google_ads', accountId: ACCOUNT, kind: 'oauth_refresh_token', secret: first }));
  assert.is(res.statusCode, 201, res.body);
  assert.equal(Object.keys(res.json()).sort(), ['position', 'version']);
  assert.is(res.json().version, 1);
});

t('given a stored credential, when the client admin rotates it, then it is version 2', async ({ api }) => {
  const res = keep(await post(api, approver, `${credentialsUrl()}/rotate`, { platform: 'google_ads', accountId: ACCOUNT, secret: second }));
  assert.is(res.statusCode, 201, res.body);
  assert.is(res.json().version, 2);
});

t('given a secret with a space, then it is a 400 that does not echo it', async ({ api }) => {
  const res = keep(await post(api, admin, `${credentialsUrl()}/rotate`, { platform: 'google_ads', accountId: ACCOUNT, secret: rejected }));
  assert.is(res.statusCode, 400, res.body);
  assert.equal(Object.keys(res.json()).sort(), ['details', 'error', 'message']);
});

t('given a rotated credential, when the system uses it, then the access is recorded first and the new secret comes back', async ({ api }) => {
  const w = writeSide(api.store);
  const before = await api.head();
  const used = await useCredential(w, api.vault!, { tenantId: 'acme', platform: 'google_ads', accountId: ACCOUNT, purpose: 'performance_sync', actor: sync });
  assert.equal(used, { secret: second, version: 2 });
  assert.is(await api.head(), before + 1n, 'one access event appended');
  const wrongAccount = await useCredential(w, api.vault!, { tenantId: 'acme', platform: 'meta', accountId: 'act_1', purpose: 'launch', actor: sync });
  thenRefused(wrongAccount, 'credentials.missing', 'refused');
});

t('then the tenant history shows stored, rotated and accessed, with who and which version', async ({ api }) => {
  const res = keep(await api.get(admin, '/api/streams/tenant-acme/history'));
  const events = (res.json() as { events: { type: string; data: Record<string, unknown>; metadata: { actor: { id: string }; commandHash?: string } }[] }).events;
  const credentialEvents = events.filter((e) => e.type.startsWith('tenant.platform_credentials_'));
  assert.equal(credentialEvents.map((e) => [e.type, e.data.version, e.metadata.actor.id]), [
    ['tenant.platform_credentials_stored', 1, 'ada'],
    ['tenant.platform_credentials_rotated', 2, 'ben'],
    ['tenant.platform_credentials_accessed', 2, 'performance-sync'],
  ]);
  // The command hash kept in metadata covers the command as the log has it (the version), not the secret.
  const stored = credentialEvents[0]!;
  const hash = sha256Hex(canonicalJson({ type: 'tenant.store_platform_credentials', tenantId: 'acme', actor: 'ada', data: stored.data }));
  assert.is(stored.metadata.commandHash, hash);
});

t('then the metadata list says kind, version, rotation and last access — and the read models agree', async ({ api }) => {
  const list = keep(await api.get(admin, credentialsUrl()));
  const [meta] = (list.json() as { credentials: Record<string, unknown>[] }).credentials;
  assert.equal([meta?.platform, meta?.accountId, meta?.kind, meta?.version, meta?.storedBy], ['google_ads', ACCOUNT, 'oauth_refresh_token', 2, 'ada']);
  assert.type(meta?.lastRotatedAt, 'string');
  assert.equal({ ...(meta?.lastAccess as object), at: '' }, { at: '', by: 'performance-sync', purpose: 'performance_sync', version: 2 });
  const doc = keep(await api.get(admin, `/api/tenants/acme?after=${await api.head()}`));
  assert.is((doc.json() as { credentials: { google_ads: { version: number } } }).credentials.google_ads.version, 2);
  keep(await api.get(admin, `/api/audit/timeline?tenantId=acme&after=${await api.head()}`));
});

t('given removal, then the vault erases every version and a read answers credentials.missing', async ({ api }) => {
  const res = keep(await del(api, admin, `${credentialsUrl()}/google_ads/${ACCOUNT}`));
  assert.is(res.statusCode, 200, res.body);
  assert.is(res.json().version, 2);
  assert.is(await api.vault!.get({ tenantId: 'acme', platform: 'google_ads', accountId: ACCOUNT }), undefined);
  thenRefused(await useCredential(writeSide(api.store), api.vault!, { tenantId: 'acme', platform: 'google_ads', accountId: ACCOUNT, purpose: 'launch', actor: sync }), 'credentials.missing');
});

t('no response, stored byte (events, read models, vault) or log line holds a secret; the log did see these requests', async ({ api, lines }) => {
  await api.stopProjections();
  for (const name of ['events.db', 'readmodels.db', 'credentials.db']) {
    const db = new Database(join(api.dir, name));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const files = storedBytes(api.dir);
  assert.ok(files.some((f) => f.file.endsWith('events.db') && f.text.includes('tenant.platform_credentials_accessed')), 'the event file is readable as bytes');
  assert.ok(lines.some((l) => l.includes('/platform-credentials/rotate')), 'the captured log saw the requests');
  for (const secret of [first, second, rejected]) {
    for (const body of responses) assert.not.ok(body.includes(secret), `a response holds a secret: ${body.slice(0, 200)}`);
    for (const { file, text } of files) assert.not.ok(text.includes(secret), `${file} holds a secret`);
    for (const line of lines) assert.not.ok(line.includes(secret), `a log line holds a secret: ${line.slice(0, 200)}`);
  }
});

t.run();
