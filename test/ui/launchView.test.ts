// What the launch page says, from the launch document alone (ui/src/launchView.ts): a
// campaign's status follows the log, and a rollback is "requested" until launch.rolled_back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launches, type LaunchDoc } from '../../projections/definitions/launches.ts';
import { campaignStatus, rollbackView } from '../../ui/src/launchView.ts';
import { requested } from '../projections/launchFacts.ts';
import { sagaRun } from '../projections/launchSagaFacts.ts';
import { projected, replay } from '../projections/replay.ts';

const t = suite('console: the launch page says what the log records');

const docAfter = async (count: number): Promise<LaunchDoc> =>
  (await replay(launches, projected([requested('maria'), ...sagaRun.slice(0, count)]))).get('acme:q3:v1') as unknown as LaunchDoc;
const statusOf = (doc: LaunchDoc, key: string) => campaignStatus(doc.execution!.campaigns[key]!);

t('a campaign is pending until its mutation is requested, then sent to platform, then what the platform confirmed', async () => {
  assert.is(statusOf(await docAfter(0), 'google_ads:sales'), 'pending');
  assert.is(statusOf(await docAfter(1), 'google_ads:sales'), 'sent');
  assert.is(statusOf(await docAfter(2), 'google_ads:sales'), 'pending'); // the failure is retryable: nothing on the platform yet
  assert.is(statusOf(await docAfter(5), 'google_ads:sales'), 'scheduled');
  assert.is(statusOf(await docAfter(6), 'meta:sales'), 'waiting'); // a touchpoint waits for a person
  assert.is(statusOf(await docAfter(10), 'meta:sales'), 'skipped');
});

t('after a rollback request the page says requested, with how many campaigns are being taken back, and claims nothing paused', async () => {
  const requestedOnly = await docAfter(11);
  assert.equal(rollbackView(requestedOnly), { stage: 'requested', toTakeBack: 1, done: 0, failed: 0 });
  assert.is(statusOf(requestedOnly, 'google_ads:sales'), 'scheduled');
  const pauseSent = await docAfter(12);
  assert.is(statusOf(pauseSent, 'google_ads:sales'), 'pausing');
  const confirmed = await docAfter(13);
  assert.equal(rollbackView(confirmed), { stage: 'requested', toTakeBack: 1, done: 1, failed: 0 });
  assert.is(statusOf(confirmed, 'google_ads:sales'), 'paused');
});

t('only once launch.rolled_back is recorded does the page say what was paused', async () => {
  const done = await docAfter(14);
  assert.equal(rollbackView(done), { stage: 'done', action: 'pause', at: done.details!.rolledBack!.at, taken: ['9001'], failed: [] });
});

t('no rollback requested: nothing to say', async () => {
  assert.equal(rollbackView(await docAfter(5)), { stage: 'none' });
});

t.run();
