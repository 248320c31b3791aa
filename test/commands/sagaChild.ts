// The process sagaCrash.test.ts kills: runs the launch saga over a log file, the sandbox
// platforms' file and a checkpoint file until every launch it was told of has completed.
//   node --import tsx test/commands/sagaChild.ts <dir> <launches>
// stdout: `started` once the saga runs, `working` once it recorded a platform's answer,
// `done <completed>` at the end. Every sandbox call
// takes a few milliseconds, so a kill lands between a platform's create and our record of it.
import { join } from 'node:path';
import { writeSide } from '../../commands/aggregates.ts';
import { startLaunchSaga } from '../../commands/processes/launchSaga.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { createRateLimiter } from '../../connectors/platforms/rateLimiter.ts';
import { openSandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';

const [dir, launches] = process.argv.slice(2);
if (!dir || !launches) {
  console.error('usage: sagaChild.ts <dir> <launches>');
  process.exit(2);
}
const store = openSqliteEventStore(join(dir, 'events.db'));
const sandbox = openSandboxPlatform(join(dir, 'sandbox.db'));
sandbox.inject({ fault: { kind: 'latency', ms: 3 }, times: Infinity });
const docs = await openSqliteDocumentStore(join(dir, 'docs.db'));
const clock = new Date('2026-12-05T09:00:00.000Z');
const saga = startLaunchSaga({
  w: writeSide(store, () => clock),
  platformFor: () => sandbox,
  limiter: createRateLimiter(),
  checkpoints: docs,
  coordination: docs,
  holder: 'saga-child',
  onError: (error) => console.error(`saga error: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
});
const count = async (type: string) => {
  let n = 0;
  for await (const _ of store.readAll({ filter: { eventTypes: [type] } })) n++;
  return n;
};
const before = await count('mutation.succeeded');
console.log('started');
let working = false;
for (;;) {
  const completed = await count('launch.completed');
  if (!working && (await count('mutation.succeeded')) > before) {
    working = true;
    console.log('working');
  }
  if (completed >= Number(launches)) {
    console.log(`done ${completed}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
await saga.stop();
await sandbox.close();
await docs.close();
await store.close();
