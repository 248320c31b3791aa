// The scheduler's configuration: on unless switched off, its times read in an IANA zone
// (the spec's Asia/Hong_Kong unless told otherwise), a bad zone stopping start-up.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../api/config.ts';

const t = suite('config: scheduler');

t('the scheduler is on, in Hong Kong time, unless configured otherwise', () => {
  const config = loadConfig({});
  assert.equal([config.SCHEDULER, config.SCHEDULE_TIMEZONE], ['on', 'Asia/Hong_Kong']);
  const other = loadConfig({ SCHEDULER: 'off', SCHEDULE_TIMEZONE: 'Europe/London' });
  assert.equal([other.SCHEDULER, other.SCHEDULE_TIMEZONE], ['off', 'Europe/London']);
});

t('an unknown zone or a switch that is not on|off is one line naming the variable', () => {
  for (const [name, value] of [['SCHEDULE_TIMEZONE', 'Mars/Olympus'], ['SCHEDULE_TIMEZONE', ''], ['SCHEDULER', 'yes']] as const) {
    try {
      loadConfig({ [name]: value });
      assert.unreachable(`accepted ${name}=${value}`);
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.match((error as Error).message, new RegExp(`^config: ${name}: `));
    }
  }
});

t.run();
