// Configuration is one zod schema over the environment; a bad value stops start-up with
// one line naming the variable (DESIGN §2).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../api/config.ts';
import { publicUrl } from '../../api/openAuth.ts';

const t = suite('config');

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

t('unset variables take their defaults', () => {
  const config = loadConfig({});
  assert.equal([config.PORT, config.HOST, config.TOKEN_TTL_HOURS], [3000, '127.0.0.1', 12]);
  assert.is(loadConfig({ PORT: '8080' }).PORT, 8080);
});

t('an empty PORT is an error naming PORT, not port 0 (a random port)', () => {
  assert.is(refusal({ PORT: '' }), 'config: PORT: is set but empty: unset it for the default, or give a port from 1 to 65535');
});

t('a PORT that is not a port is an error naming PORT', () => {
  for (const bad of ['abc', '0', '1.5', '70000', '-1']) assert.is(refusal({ PORT: bad }), 'config: PORT: Expected a port from 1 to 65535', bad);
});

t('a token lifetime above the stated maximum (24 h) is refused; 24 h itself is taken', () => {
  assert.is(refusal({ TOKEN_TTL_HOURS: '25' }), 'config: TOKEN_TTL_HOURS: Expected a number of hours from 1 to 24 (the longest a token may live)');
  assert.is(refusal({ TOKEN_TTL_HOURS: '720' }), 'config: TOKEN_TTL_HOURS: Expected a number of hours from 1 to 24 (the longest a token may live)');
  assert.is(loadConfig({ TOKEN_TTL_HOURS: '24' }).TOKEN_TTL_HOURS, 24);
});

t('ESDB_URL takes the schemes the EventStoreDB client connects with; kurrentdb:// is refused at start, not at the first connect', () => {
  assert.is(loadConfig({ ESDB_URL: 'esdb://localhost:2113?tls=false' }).ESDB_URL, 'esdb://localhost:2113?tls=false');
  assert.is(loadConfig({ ESDB_URL: 'esdb+discover://cluster.example:2113' }).ESDB_URL, 'esdb+discover://cluster.example:2113');
  assert.match(refusal({ ESDB_URL: 'kurrentdb://localhost:2113?tls=false' }), /^config: ESDB_URL: .*does not take kurrentdb/);
});

t('ROLE: everything in one process by default; api or worker for scale-out; nothing else', () => {
  assert.is(loadConfig({}).ROLE, 'all');
  assert.equal(['api', 'worker'].map((ROLE) => loadConfig({ ROLE }).ROLE), ['api', 'worker']);
  assert.match(refusal({ ROLE: 'projector' }), /^config: ROLE: /);
});

t('every refusal is one line that starts with the variable', () => {
  for (const [name, value] of [['TOKEN_TTL_HOURS', ''], ['ESDB_URL', 'x'], ['LOG_LEVEL', 'loud'], ['PUBLIC_URL', 'ftp://x']] as const) {
    const message = refusal({ [name]: value });
    assert.match(message, new RegExp(`^config: ${name}: `));
    assert.not.match(message, /\n/);
  }
});

t('login links point at PUBLIC_URL, else at this machine on PORT', () => {
  assert.is(publicUrl(loadConfig({ PORT: '4123', PUBLIC_URL: 'https://ads.example.com' })), 'https://ads.example.com');
  assert.is(publicUrl(loadConfig({ PORT: '4123' })), 'http://localhost:4123');
  assert.is(publicUrl(loadConfig({ PORT: '4123', HOST: '0.0.0.0' })), 'http://localhost:4123');
  assert.is(publicUrl(loadConfig({ PORT: '4123', HOST: '10.0.0.7' })), 'http://10.0.0.7:4123');
});

t('a half-configured Google Ads access stops start-up, naming what is missing; client, secret and developer token together, or none, is fine', () => {
  assert.is(refusal({ GOOGLE_ADS_CLIENT_ID: 'id', GOOGLE_ADS_DEVELOPER_TOKEN: 'dev' }), 'config: GOOGLE_ADS_CLIENT_SECRET: must be set with GOOGLE_ADS_CLIENT_ID, GOOGLE_ADS_DEVELOPER_TOKEN (or unset them all for the sandbox)');
  assert.is(refusal({ GOOGLE_ADS_REFRESH_TOKEN: 'r' }), 'config: GOOGLE_ADS_REFRESH_TOKEN: is set without GOOGLE_ADS_CLIENT_ID, GOOGLE_ADS_CLIENT_SECRET, GOOGLE_ADS_DEVELOPER_TOKEN');
  const all = { GOOGLE_ADS_CLIENT_ID: 'id', GOOGLE_ADS_CLIENT_SECRET: 's', GOOGLE_ADS_DEVELOPER_TOKEN: 'd', GOOGLE_ADS_REFRESH_TOKEN: 'r' };
  assert.is(loadConfig(all).GOOGLE_ADS_CLIENT_ID, 'id');
  assert.is(refusal({ META_ACCESS_TOKEN: 'EAAB' }), 'config: META_PAGE_ID: must be set with META_ACCESS_TOKEN or META_APP_SECRET (the page the ads run from)');
  assert.is(loadConfig({ META_PAGE_ID: '1234567890' }).META_PAGE_ID, '1234567890');
  assert.is(refusal({ ...all, GOOGLE_ADS_LOGIN_CUSTOMER_ID: '12-34' }), 'config: GOOGLE_ADS_LOGIN_CUSTOMER_ID: Expected the manager account id, 123-456-7890');
});

t.run();
