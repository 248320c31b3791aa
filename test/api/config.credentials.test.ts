import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../api/config.ts';

const t = suite('config: CREDENTIALS_KEY');

t('given the base64 of 32 bytes, then it is the key; given none, then it is absent (the key file is used)', () => {
  const key = randomBytes(32).toString('base64');
  assert.is(loadConfig({ CREDENTIALS_KEY: key }).CREDENTIALS_KEY, key);
  assert.is(loadConfig({}).CREDENTIALS_KEY, undefined);
});

t('given anything else, then start-up stops with one line naming the variable and never echoing the value', () => {
  for (const bad of ['', 'hunter2-not-a-key', randomBytes(16).toString('base64'), randomBytes(48).toString('base64'), `${randomBytes(32).toString('hex')}`]) {
    try {
      loadConfig({ CREDENTIALS_KEY: bad });
      assert.unreachable(`accepted ${bad.length} characters`);
    } catch (error) {
      assert.instance(error, ConfigError);
      const message = (error as Error).message;
      assert.match(message, /^config: CREDENTIALS_KEY: Expected the base64 of 32 random bytes/);
      assert.not.match(message, /\n/);
      if (bad) assert.not.ok(message.includes(bad), 'the value was echoed');
    }
  }
});

t.run();
